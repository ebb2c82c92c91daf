//! What ScopeStack's API is, in one room: its two hosts and their jobs, the
//! paths that matter, the media type, the OAuth grants and which fields each
//! sends, the JSON:API error codes, and the calls people debug most. Every
//! other part of the engine (signals, the live-call lint, the token form)
//! and the widget read these facts here instead of spelling them again.
//! Next to a leaf: it reads JSON with `display`'s field reader, nothing else.
//!
//! The source of these facts is the reference `API-FACTS.md` (ScopeStack's
//! help articles, Doorkeeper and JSONAPI::Resources).

use super::display::json_string_field;

/// The host that serves the API.
pub const API_HOST: &str = "api.scopestack.io";
/// The host that issues tokens (and serves the web app).
pub const APP_HOST: &str = "app.scopestack.io";
pub const API_ORIGIN: &str = "https://api.scopestack.io";
pub const APP_ORIGIN: &str = "https://app.scopestack.io";
/// Origins a live call may go to unless the embedding page adds more.
pub const DEFAULT_ORIGINS: [&str; 2] = [API_ORIGIN, APP_ORIGIN];

/// The token endpoint's path, on [`APP_HOST`].
pub const TOKEN_PATH: &str = "/oauth/token";
/// The browser login's path, on [`APP_HOST`].
pub const AUTHORIZE_PATH: &str = "/oauth/authorize";
/// Where tokens come from.
pub const TOKEN_URL: &str = "https://app.scopestack.io/oauth/token";
/// Who the token belongs to: the one API path without an account slug.
pub const ME_PATH: &str = "/v1/me";

/// The JSON:API media type every call's `Accept` and every body's
/// `Content-Type` must name.
pub const MEDIA_TYPE: &str = "application/vnd.api+json";

/// A grant type the token endpoint accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// Client id, secret, username and password (kept for existing
    /// integrations).
    Password,
    /// A service account's client id and secret: the one for servers and
    /// integration platforms.
    ClientCredentials,
    /// The browser login's code (Postman's "Authorization Code" helper).
    AuthorizationCode,
    RefreshToken,
}

impl Grant {
    /// Every grant, in the order the token form offers them.
    pub const ALL: [Grant; 4] = [
        Grant::Password,
        Grant::ClientCredentials,
        Grant::AuthorizationCode,
        Grant::RefreshToken,
    ];

    /// The `grant_type` value on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Grant::Password => "password",
            Grant::ClientCredentials => "client_credentials",
            Grant::AuthorizationCode => "authorization_code",
            Grant::RefreshToken => "refresh_token",
        }
    }

    /// The grant a `grant_type` value names, written exactly.
    pub fn parse(grant_type: &str) -> Option<Grant> {
        Grant::ALL.into_iter().find(|g| g.as_str() == grant_type)
    }

    /// The fields it sends (besides grant_type), in the order the token form
    /// shows them.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Grant::ClientCredentials => &["client_id", "client_secret", "scope"],
            Grant::Password => &[
                "client_id",
                "client_secret",
                "username",
                "password",
                "scope",
            ],
            Grant::AuthorizationCode => &["client_id", "client_secret", "code", "redirect_uri"],
            Grant::RefreshToken => &["client_id", "client_secret", "refresh_token", "scope"],
        }
    }

    /// The fields it cannot do without.
    pub fn required_fields(self) -> &'static [&'static str] {
        match self {
            Grant::ClientCredentials => &["client_id", "client_secret"],
            Grant::Password => &["client_id", "client_secret", "username", "password"],
            Grant::AuthorizationCode => &["client_id", "code", "redirect_uri"],
            Grant::RefreshToken => &["client_id", "refresh_token"],
        }
    }
}

/// Grant types the token endpoint accepts, as written on the wire.
pub const GRANTS: [&str; 4] = [
    Grant::Password.as_str(),
    Grant::ClientCredentials.as_str(),
    Grant::AuthorizationCode.as_str(),
    Grant::RefreshToken.as_str(),
];
/// The grant recommended for servers and integration platforms.
pub const DEFAULT_GRANT: &str = Grant::ClientCredentials.as_str();
/// The scopes a token may ask for.
pub const SCOPES: &[&str] = &["read", "write"];
/// What to ask for: every scope, space-separated.
pub const DEFAULT_SCOPE: &str = "read write";

/// OAuth error codes only the token endpoint answers (an API call's bad
/// token says `invalid_token` or `insufficient_scope` instead).
pub const TOKEN_ERRORS: &[&str] = &[
    "invalid_client",
    "invalid_grant",
    "invalid_resource_owner",
    "unsupported_grant_type",
    "invalid_request",
    "invalid_scope",
    "unauthorized_client",
];

/// JSON:API error code names, normalised to the numeric codes, so the
/// knowledge base names each code once.
pub const NAMED_CODES: &[(&str, &str)] = &[
    ("VALIDATION_ERROR", "100"),
    ("INVALID_RESOURCE", "101"),
    ("FILTER_NOT_ALLOWED", "102"),
    ("INVALID_FIELD_VALUE", "103"),
    ("INVALID_FIELD", "104"),
    ("PARAM_NOT_ALLOWED", "105"),
    ("PARAM_MISSING", "106"),
    ("INVALID_FILTER_VALUE", "107"),
    ("INVALID_INCLUDE", "112"),
    ("INVALID_SORT_CRITERIA", "114"),
    ("INVALID_DATA_FORMAT", "122"),
    ("RECORD_NOT_FOUND", "404"),
    ("NOT_ACCEPTABLE", "406"),
    ("UNSUPPORTED_MEDIA_TYPE", "415"),
    ("LOCKED", "423"),
    ("INTERNAL_SERVER_ERROR", "500"),
];

/// A JSON:API error code as a number (`FILTER_NOT_ALLOWED` → `102`);
/// codes that are numbers already, or unknown names, stay as written.
pub fn normalise_code(code: &str) -> String {
    let upper = code.trim().to_ascii_uppercase();
    NAMED_CODES
        .iter()
        .find(|(name, _)| *name == upper)
        .map(|(_, n)| n.to_string())
        .unwrap_or_else(|| code.trim().to_string())
}

/// True when a header value names the JSON:API media type (one entry of a
/// comma-separated list, with no media type parameters).
pub fn media_type_ok(v: &str) -> bool {
    v.split(',')
        .any(|part| part.trim().eq_ignore_ascii_case(MEDIA_TYPE))
}

/// The methods the API answers, in the order the request builder offers
/// them: the one list the builder, the lint and the signals read. The
/// reference names POST to create and PATCH to update (JSON:API updates
/// with PATCH), so PUT is not among them.
pub const METHODS: [&str; 4] = ["GET", "POST", "PATCH", "DELETE"];

/// The methods that send a record to create or update.
pub const WRITE_METHODS: [&str; 2] = ["POST", "PATCH"];

/// True for a method of [`METHODS`], written in capitals.
pub fn is_method(method: &str) -> bool {
    METHODS.contains(&method)
}

/// The methods that send a body to create or update a record.
pub fn is_write_method(method: &str) -> bool {
    WRITE_METHODS.contains(&method)
}

/// The methods that change records: the writes and DELETE.
pub fn changes_records(method: &str) -> bool {
    is_write_method(method) || method == "DELETE"
}

/// True when a request must name [`MEDIA_TYPE`] in its `Content-Type`: a
/// write (with or without a body), and any request that sends a body (a
/// browser sends none on GET, so a GET's body is not sent).
pub fn wants_content_type(method: &str, has_body: bool) -> bool {
    is_write_method(method) || (has_body && can_send_body(method))
}

/// True when a browser sends a body with this method at all.
pub fn can_send_body(method: &str) -> bool {
    !matches!(method, "GET" | "HEAD")
}

/// The account slug of an API path (`/acme/v1/projects` → `acme`).
pub fn account_slug(path: &str) -> Option<String> {
    let mut segs = path.split('/').filter(|s| !s.is_empty());
    let first = segs.next()?;
    let second = segs.next()?;
    (second == "v1" && first != "v1" && first != "api").then(|| first.to_string())
}

/// A path under `/oauth` (the token endpoint, the browser login).
pub fn is_oauth_path(path: &str) -> bool {
    path.starts_with("/oauth/") || path == "/oauth"
}

/// A path ending in the token endpoint's (`…/oauth/token`, slash or not).
pub fn is_token_path(path: &str) -> bool {
    path.trim_end_matches('/').ends_with(TOKEN_PATH)
}

/// A path ending in the browser login's (`…/oauth/authorize`).
pub fn is_authorize_path(path: &str) -> bool {
    path.trim_end_matches('/').ends_with(AUTHORIZE_PATH)
}

/// A path of the versioned API (`…/v1/…`).
pub fn is_api_path(path: &str) -> bool {
    path.contains("/v1/") || path.trim_end_matches('/').ends_with("/v1")
}

/// `GET /v1/me`.
pub fn is_me_path(path: &str) -> bool {
    path.trim_end_matches('/') == ME_PATH
}

/// A merge-data path (`/{slug}/v1/projects/{id}/merge-data`).
pub fn is_merge_data_path(path: &str) -> bool {
    path.contains("/merge-data") || path.contains("/merge_data")
}

/// True when a query asks for the v2 merge-data format, the fix for the
/// v1 format's timeouts.
pub fn asks_merge_data_v2(query: &str) -> bool {
    query.split('&').any(|kv| kv == "version=2")
}

/// Which fields a `grant_type` sends (besides grant_type), in the order the
/// token form shows them; an unknown grant sends the client's.
pub fn grant_fields(grant_type: &str) -> &'static [&'static str] {
    Grant::parse(grant_type).map_or(&["client_id", "client_secret", "scope"], Grant::fields)
}

/// The fields a `grant_type` cannot do without; any grant needs client_id.
pub fn required_fields(grant_type: &str) -> &'static [&'static str] {
    Grant::parse(grant_type).map_or(&["client_id"], Grant::required_fields)
}

/// The characters people confuse in a client id copied from an e-mail.
pub fn is_confusable(c: char) -> bool {
    matches!(c, 'I' | 'l' | '1' | 'O' | '0')
}

/// How to say a confusable character so nobody misreads it again.
pub fn confusable_name(c: char) -> String {
    match c {
        'I' => "I (capital i)".into(),
        'l' => "l (lowercase L)".into(),
        '1' => "1 (digit one)".into(),
        'O' => "O (capital o)".into(),
        '0' => "0 (digit zero)".into(),
        c => c.to_string(),
    }
}

/// A call people debug often, as the request builder offers it. `{slug}`
/// in the path stands for the account slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    pub label: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub body: &'static str,
}

/// The calls people debug most.
pub const PRESETS: &[Preset] = &[
    Preset {
        label: "Who am I — GET /v1/me",
        method: "GET",
        path: ME_PATH,
        body: "",
    },
    Preset {
        label: "List projects",
        method: "GET",
        path: "/{slug}/v1/projects",
        body: "",
    },
    Preset {
        label: "Get a project",
        method: "GET",
        path: "/{slug}/v1/projects/1",
        body: "",
    },
    Preset {
        label: "Merge data (v1)",
        method: "GET",
        path: "/{slug}/v1/projects/1/merge-data",
        body: "",
    },
    Preset {
        label: "Merge data (v2)",
        method: "GET",
        path: "/{slug}/v1/projects/1/merge-data?version=2",
        body: "",
    },
    Preset {
        label: "Create a client",
        method: "POST",
        path: "/{slug}/v1/clients",
        body: "{\n  \"data\": {\n    \"type\": \"clients\",\n    \"attributes\": { \"name\": \"Acme Widgets\" }\n  }\n}",
    },
];

/// Who a token belongs to, as `GET /v1/me` says (`data.attributes`);
/// a field the answer lacks is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Me {
    pub name: Option<String>,
    pub email: Option<String>,
    pub account_slug: Option<String>,
}

/// Read the body of a `GET /v1/me` answer. Cheap, without a JSON parser:
/// the live panel reads it in the page.
pub fn read_me(body: &str) -> Me {
    Me {
        name: json_string_field(body, "name"),
        email: json_string_field(body, "email"),
        account_slug: json_string_field(body, "account-slug"),
    }
}

/// The access token in a token endpoint's answer, if there is one.
pub fn read_access_token(body: &str) -> Option<String> {
    json_string_field(body, "access_token").filter(|t| !t.is_empty())
}
