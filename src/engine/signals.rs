//! Signals: named facts derived from the evidence, each with a sentence that
//! quotes what proved it. The knowledge base refers to signals by id (which
//! sections they point to, which checks they confirm or rule out), so the
//! rules stay data and this file is the only place that reads evidence.

use super::evidence::{Evidence, NetworkFailure};
use super::redact::mask;

/// A named fact with the evidence behind it, in one sentence for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    pub id: String,
    pub why: String,
}

/// Every signal id the engine can emit. Ids ending in `:` are families whose
/// suffix is a value (`status:401`, `oauth:invalid_grant`, `jsonapi-code:102`).
pub const CATALOGUE: &[(&str, &str)] = &[
    ("status:", "the response status, e.g. status:401"),
    ("status-class:", "status class: 2xx, 3xx, 4xx or 5xx"),
    (
        "oauth:",
        "an OAuth error code from a body or WWW-Authenticate, e.g. oauth:invalid_grant",
    ),
    (
        "jsonapi-code:",
        "a JSON:API error code, names normalised to numbers, e.g. jsonapi-code:102",
    ),
    ("token:expired", "the server says the access token expired"),
    (
        "token:revoked",
        "the server says the access token was revoked",
    ),
    (
        "token:invalid",
        "the server says the access token is invalid",
    ),
    (
        "scope:insufficient",
        "the server says the token lacks a scope",
    ),
    ("detail:blank", "a validation error: a field can't be blank"),
    (
        "detail:taken",
        "a validation error: a value has already been taken",
    ),
    (
        "detail:cross-account",
        "an error says a referenced record is in another account or must exist",
    ),
    ("detail:filter-not-allowed", "a filter is not supported"),
    ("detail:param-not-allowed", "a parameter is not allowed"),
    ("detail:param-missing", "a required parameter is missing"),
    (
        "detail:invalid-value",
        "a field value has the wrong type or format",
    ),
    (
        "detail:invalid-field",
        "a field or attribute name is unknown",
    ),
    (
        "detail:invalid-format",
        "the request body is not valid JSON:API",
    ),
    (
        "detail:record-not-found",
        "the record identified by an id could not be found",
    ),
    (
        "detail:route-not-found",
        "no route matches the URL (a routing 404, not a record 404)",
    ),
    (
        "detail:content-type",
        "the server complains about the request's Content-Type",
    ),
    (
        "detail:accept",
        "the server complains about the request's Accept header",
    ),
    (
        "detail:deactivated",
        "an error says the user is deactivated or inactive",
    ),
    (
        "detail:invitation",
        "an error says the invitation is not accepted",
    ),
    (
        "detail:redirect-uri",
        "an error names the redirect URI / callback as not matching",
    ),
    (
        "detail:permission",
        "an error says the user is not allowed / not authorised to do this",
    ),
    ("body:empty", "the response was shown and its body is empty"),
    ("body:html", "the response body is an HTML page, not JSON"),
    (
        "gateway:timeout",
        "a gateway/proxy timeout page or message (504, 524, Gateway Time-out)",
    ),
    (
        "gateway:error-page",
        "a gateway/proxy/platform HTML error page",
    ),
    (
        "network:cors",
        "the browser blocked the response by CORS policy",
    ),
    (
        "network:fetch-failed",
        "a generic network failure: Failed to fetch, NetworkError, Load failed",
    ),
    ("network:dns", "the host name could not be resolved"),
    ("network:refused", "the connection was refused"),
    (
        "network:timeout",
        "the client timed out waiting for an answer",
    ),
    ("network:offline", "the machine is offline"),
    ("network:aborted", "the request was aborted"),
    ("network:tls", "a TLS/certificate failure"),
    (
        "request:authorization-absent",
        "the request headers were shown and carry no Authorization",
    ),
    (
        "request:authorization-present",
        "the request carries an Authorization header",
    ),
    (
        "request:authorization-not-bearer",
        "Authorization uses a scheme other than Bearer",
    ),
    (
        "request:bearer-json",
        "the bearer value is (part of) the JSON token response",
    ),
    (
        "request:bearer-quoted",
        "the bearer value is wrapped in quotes",
    ),
    ("request:bearer-doubled", "the header says Bearer twice"),
    (
        "request:bearer-whitespace",
        "the bearer value holds whitespace or a line break",
    ),
    (
        "request:bearer-empty",
        "the bearer value is empty or a template placeholder",
    ),
    (
        "request:bearer-wellformed",
        "the bearer value looks like a single clean token",
    ),
    (
        "request:accept-absent",
        "the request headers were shown and carry no Accept",
    ),
    ("request:accept-ok", "Accept is application/vnd.api+json"),
    (
        "request:accept-wrong",
        "Accept is something other than application/vnd.api+json",
    ),
    (
        "request:content-type-absent",
        "a request with a body carries no Content-Type",
    ),
    (
        "request:content-type-ok",
        "Content-Type is application/vnd.api+json",
    ),
    (
        "request:content-type-wrong",
        "Content-Type is something other than application/vnd.api+json",
    ),
    ("request:write", "the request is a POST, PUT or PATCH"),
    ("request:read", "the request is a GET"),
    ("request:get-with-body", "a GET request carries a body"),
    (
        "request:body-not-json",
        "the request body is not valid JSON",
    ),
    (
        "request:body-not-jsonapi",
        "the request body is JSON but has no data.type",
    ),
    (
        "request:body-jsonapi",
        "the request body is JSON:API-shaped",
    ),
    ("url:slug-present", "the API URL carries an account slug"),
    (
        "not-found:slug",
        "the not-found error names the URL's account slug",
    ),
    (
        "not-found:id",
        "the not-found error names the record id in the URL",
    ),
    (
        "token-account:other",
        "the token belongs to another account than the URL's slug",
    ),
    (
        "token-account:same-write",
        "the token's account is the URL's, and the request writes",
    ),
    (
        "token-account:same-read-record",
        "the token's account is the URL's, and the request reads one record",
    ),
    (
        "url:slug-absent",
        "the API URL has no account slug where one is needed",
    ),
    ("url:me", "the request is GET /v1/me"),
    ("url:filter", "the URL carries a filter[...] parameter"),
    ("url:resource-id", "the URL names one record by id"),
    ("url:merge-data-v1", "a merge-data URL without version=2"),
    ("url:merge-data-v2", "a merge-data URL with version=2"),
    ("host:api", "the request went to api.scopestack.io"),
    ("host:app", "the request went to app.scopestack.io"),
    (
        "host:token-on-api",
        "a token request was sent to the api host",
    ),
    ("host:api-on-app", "an API path was sent to the app host"),
    (
        "host:other",
        "the request went to a host that is not ScopeStack's",
    ),
    (
        "token-request",
        "the paste is about a token request (POST /oauth/token)",
    ),
    ("grant:password", "grant_type=password"),
    ("grant:client_credentials", "grant_type=client_credentials"),
    ("grant:authorization_code", "grant_type=authorization_code"),
    ("grant:refresh_token", "grant_type=refresh_token"),
    ("grant:invalid", "grant_type is not one the server accepts"),
    ("grant:missing", "a token request without grant_type"),
    (
        "grant:password-redirect-uri",
        "a password grant carrying redirect_uri",
    ),
    (
        "grant:password-no-redirect-uri",
        "a password grant shown without redirect_uri",
    ),
    (
        "client-id:confusable",
        "the client_id holds characters easily confused (I l 1, O 0)",
    ),
    (
        "client-id:clear",
        "the client_id holds none of the confusable characters",
    ),
    ("client:postman", "pasted from Postman"),
    ("client:workato", "pasted from a Workato job"),
    ("client:zapier", "pasted from a Zapier task"),
    ("client:python", "pasted from Python"),
    ("client:axios", "pasted from axios / Node"),
    ("client:curl", "pasted from curl"),
    ("client:browser", "pasted from a browser console"),
    ("client:ruby", "pasted from a Ruby client"),
];

/// True when `id` is an exact catalogue entry or a value of a family.
pub fn is_known(id: &str) -> bool {
    let elsewhere = super::pairs::CATALOGUE
        .iter()
        .chain(super::rate_limit::CATALOGUE)
        .any(|(name, _)| *name == id);
    elsewhere
        || CATALOGUE.iter().any(|(name, _)| {
            if let Some(family) = name.strip_suffix(':').map(|f| format!("{f}:")) {
                id.len() > family.len() && id.starts_with(&family)
            } else {
                id == *name
            }
        })
}

/// Names normalised to numeric JSON:API codes, so the knowledge base names
/// each code once.
const NAMED_CODES: &[(&str, &str)] = &[
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

pub fn normalise_code(code: &str) -> String {
    let upper = code.trim().to_ascii_uppercase();
    NAMED_CODES
        .iter()
        .find(|(name, _)| *name == upper)
        .map(|(_, n)| n.to_string())
        .unwrap_or_else(|| code.trim().to_string())
}

/// Grant types the token endpoint accepts.
pub const GRANTS: &[&str] = &[
    "password",
    "client_credentials",
    "authorization_code",
    "refresh_token",
];

/// The JSON:API media type every call's `Accept` and every body's
/// `Content-Type` must name.
pub const MEDIA_TYPE: &str = "application/vnd.api+json";

struct Out(Vec<Signal>);

impl Out {
    fn add(&mut self, id: impl Into<String>, why: impl Into<String>) {
        let id = id.into();
        if !self.0.iter().any(|s| s.id == id) {
            self.0.push(Signal {
                id,
                why: why.into(),
            });
        }
    }

    /// [`Out::add`] for a sentence worth building only if the signal is new:
    /// the same message repeated in a 100-error body is read once.
    fn add_with(&mut self, id: &str, why: impl FnOnce() -> String) {
        if !self.has(id) {
            self.0.push(Signal {
                id: id.to_string(),
                why: why(),
            });
        }
    }
    fn has(&self, id: &str) -> bool {
        self.0.iter().any(|s| s.id == id)
    }
}

/// Shorten a quote so a `why` stays one readable line.
pub fn quote(s: &str) -> String {
    const MAX: usize = 120;
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= MAX {
        one_line
    } else {
        let cut: String = one_line.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// Derive every signal the evidence supports.
pub fn derive(ev: &Evidence) -> Vec<Signal> {
    let mut out = Out(Vec::new());
    response_signals(ev, &mut out);
    error_detail_signals(ev, &mut out);
    network_signals(ev, &mut out);
    request_signals(ev, &mut out);
    url_signals(ev, &mut out);
    token_request_signals(ev, &mut out);
    account_signals(ev, &mut out);
    if let Some(client) = ev.client {
        out.add(
            format!("client:{client}"),
            format!("The paste comes from {client}."),
        );
    }
    out.0
}

fn response_signals(ev: &Evidence, out: &mut Out) {
    if let Some(status) = ev.status {
        let shown = ev
            .status_line
            .as_deref()
            .map(quote)
            .unwrap_or_else(|| status.to_string());
        out.add(
            format!("status:{status}"),
            format!("The response status is {status} (“{shown}”)."),
        );
        let class = format!("{}xx", status / 100);
        out.add(
            format!("status-class:{class}"),
            format!("The response status {status} is a {class} answer."),
        );
    }
    if let Some(err) = &ev.oauth_error {
        let src = match &ev.oauth_description {
            Some(d) => format!("error=\"{err}\", error_description=\"{}\"", quote(d)),
            None => format!("error=\"{err}\""),
        };
        out.add(
            format!("oauth:{err}"),
            format!("The OAuth server answered {src}."),
        );
        if err == "insufficient_scope" {
            out.add(
                "scope:insufficient",
                format!("The OAuth server answered {src}."),
            );
        }
    }
    if let Some(desc) = &ev.oauth_description {
        let lower = desc.to_ascii_lowercase();
        let why = format!("The server says error_description=\"{}\".", quote(desc));
        if lower.contains("token expired") || lower.contains("token has expired") {
            out.add("token:expired", why.clone());
        } else if lower.contains("revoked") && lower.contains("token") && !lower.contains("grant") {
            out.add("token:revoked", why.clone());
        } else if lower.contains("token is invalid") || lower.contains("invalid token") {
            out.add("token:invalid", why.clone());
        }
    }
    if ev.empty_body {
        out.add("body:empty", "The response body is empty.");
    }
    if ev.gateway.is_some() || ev.body.as_deref().is_some_and(looks_html) {
        let vendor = ev.gateway.as_deref().unwrap_or("a proxy");
        out.add(
            "body:html",
            format!("The body is an HTML page from {vendor}, not a JSON API answer."),
        );
        out.add(
            "gateway:error-page",
            format!("The answer is an error page from {vendor}, not from the API itself."),
        );
    }
    let timeout_status = matches!(ev.status, Some(504 | 524));
    let timeout_text = ev.status_line.as_deref().is_some_and(|l| {
        l.to_ascii_lowercase().contains("time-out") || l.to_ascii_lowercase().contains("timeout")
    });
    if timeout_status || (timeout_text && ev.status.is_some_and(|s| s >= 500)) {
        let shown = ev
            .status_line
            .as_deref()
            .map(quote)
            .unwrap_or_else(|| ev.status.map(|s| s.to_string()).unwrap_or_default());
        out.add(
            "gateway:timeout",
            format!("A gateway gave up waiting for the API (“{shown}”)."),
        );
    }
}

fn looks_html(body: &str) -> bool {
    // The first 512 bytes, compared without copying, and only where a tag
    // starts: this runs on every paste, including 10 MB ones.
    let head = &body.as_bytes()[..body.len().min(512)];
    head.iter()
        .enumerate()
        .filter(|(_, b)| **b == b'<')
        .any(|(i, _)| {
            let rest = &head[i..];
            [&b"<html"[..], b"<!doctype html", b"<title>"]
                .iter()
                .any(|tag| rest.len() >= tag.len() && rest[..tag.len()].eq_ignore_ascii_case(tag))
        })
}

/// Words in error titles and details, mapped to signals.
fn error_detail_signals(ev: &Evidence, out: &mut Out) {
    // Bodies repeat one message for many attributes ("name - can't be
    // blank", "code - can't be blank"): each message is read once.
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for e in &ev.errors {
        if let Some(code) = &e.code {
            let id = format!("jsonapi-code:{}", normalise_code(code));
            out.add_with(&id, || {
                format!(
                    "The error carries code \"{}\"{}.",
                    code,
                    e.title
                        .as_deref()
                        .map(|t| format!(" (“{}”)", quote(t)))
                        .unwrap_or_default()
                )
            });
        }
        let title = e.title.as_deref().unwrap_or_default();
        let detail = e.detail.as_deref().unwrap_or_default();
        let message = detail.split_once(" - ").map_or(detail, |(_, m)| m);
        if seen.contains(&(title, message)) {
            continue;
        }
        seen.push((title, message));
        let text = match (title.is_empty(), detail.is_empty()) {
            (false, false) => format!("{title} — {detail}"),
            (false, true) => title.to_string(),
            _ => detail.to_string(),
        };
        detail_words(&text, e.pointer.as_deref(), out);
    }
    // Token-endpoint and prose descriptions use the same words.
    if let Some(desc) = &ev.oauth_description {
        detail_words(desc, None, out);
    }
}

fn detail_words(text: &str, pointer: Option<&str>, out: &mut Out) {
    if text.is_empty() {
        return;
    }
    let lower = text.to_ascii_lowercase();
    let has = |needle: &str| lower.contains(needle);
    let says = || format!("The error says “{}”.", quote(text));
    if has("can't be blank")
        || has("can’t be blank")
        || has("cannot be blank")
        || has("must be present")
    {
        out.add_with("detail:blank", || {
            let field = pointer
                .and_then(|p| p.rsplit('/').next())
                .map(str::to_string)
                .or_else(|| attribute_of(text));
            let q = quote(text);
            match field {
                Some(f) => format!("The error says “{q}”: the field `{f}` is blank."),
                None => format!("The error says “{q}”."),
            }
        });
    }
    if has("already been taken") || has("must be unique") || has("already exists") {
        out.add_with("detail:taken", says);
    }
    if has("must exist")
        || has("another account")
        || has("different account")
        || has("not in this account")
    {
        out.add_with("detail:cross-account", says);
    }
    if has("filter not allowed") || (has("filter") && has("is not allowed")) {
        out.add_with("detail:filter-not-allowed", says);
    } else if has("is not allowed") || has("param not allowed") {
        out.add_with("detail:param-not-allowed", says);
    }
    if has("param missing") || has("parameter is required") || has("missing required parameter") {
        out.add_with("detail:param-missing", says);
    }
    if has("is not a valid value")
        || has("invalid field value")
        || has("is not a number")
        || has("invalid value")
    {
        out.add_with("detail:invalid-value", says);
    }
    if has("is not a valid field") || has("invalid field") && !has("invalid field value") {
        out.add_with("detail:invalid-field", says);
    }
    if has("invalid data format")
        || has("data is not valid")
        || has("invalid json")
        || has("unexpected token")
    {
        out.add_with("detail:invalid-format", says);
    }
    if has("could not be found") || has("record not found") || has("couldn't find") {
        out.add_with("detail:record-not-found", says);
    }
    if has("no route matches") || has("routing error") {
        out.add_with("detail:route-not-found", says);
    }
    if has("content-type") {
        out.add_with("detail:content-type", says);
        specified_media_type(text, "content-type", out);
    }
    if has("' accept") || has("accept without") || has("accept header") || has("not acceptable") {
        out.add_with("detail:accept", says);
        specified_media_type(text, "accept", out);
    }
    if has("deactivated") || has("inactive") || has("disabled") {
        out.add_with("detail:deactivated", says);
    }
    if has("invitation") {
        out.add_with("detail:invitation", says);
    }
    if has("redirect uri") || has("redirect_uri") || has("redirection uri") || has("callback") {
        // Doorkeeper's generic invalid_grant text names the redirection URI
        // among five causes; only a specific complaint counts here.
        if !has("invalid, expired, revoked") {
            out.add_with("detail:redirect-uri", says);
        }
    }
    if has("not authorized")
        || has("not allowed to")
        || has("permission")
        || has("forbidden") && !has("403")
    {
        out.add_with("detail:permission", says);
    }
}

/// JSONAPI::Resources names the media type the request really sent ("This
/// request specified 'application/json'."), which proves what the request
/// carried even when the paste shows no request headers.
fn specified_media_type(text: &str, header: &str, out: &mut Out) {
    let Some(at) = text.find("specified '") else {
        return;
    };
    let rest = &text[at + "specified '".len()..];
    let Some(end) = rest.find('\'') else { return };
    let sent = rest[..end].trim();
    let (absent, wrong, name) = if header == "accept" {
        ("request:accept-absent", "request:accept-wrong", "Accept")
    } else {
        (
            "request:content-type-absent",
            "request:content-type-wrong",
            "Content-Type",
        )
    };
    if sent.is_empty() {
        out.add(
            absent,
            format!("The server says the request specified no {name}."),
        );
    } else if !media_type_ok(sent) || sent.contains(';') {
        out.add(
            wrong,
            format!(
                "The server says the request specified {name} '{}'.",
                quote(sent)
            ),
        );
    }
}

/// `"name - can't be blank"` and `"Name can't be blank"` name the attribute.
pub fn attribute_of(detail: &str) -> Option<String> {
    let d = detail.trim();
    if let Some((attr, _)) = d.split_once(" - ") {
        let attr = attr.trim();
        if !attr.is_empty() && !attr.contains(' ') {
            return Some(attr.to_string());
        }
    }
    let lower = d.to_ascii_lowercase();
    let end = lower.find(" can't").or_else(|| lower.find(" can’t"))?;
    let attr = d[..end].trim();
    (!attr.is_empty() && attr.split_whitespace().count() <= 3)
        .then(|| attr.to_ascii_lowercase().replace(' ', "_"))
}

fn network_signals(ev: &Evidence, out: &mut Out) {
    let Some(failure) = ev.network else { return };
    let msg = ev
        .network_message
        .as_deref()
        .map(quote)
        .unwrap_or_else(|| "no response arrived".into());
    let why = format!("The client reports “{msg}”.");
    let id = match failure {
        NetworkFailure::Cors => "network:cors",
        NetworkFailure::FetchFailed => "network:fetch-failed",
        NetworkFailure::Dns => "network:dns",
        NetworkFailure::Refused => "network:refused",
        NetworkFailure::Timeout => "network:timeout",
        NetworkFailure::Offline => "network:offline",
        NetworkFailure::Aborted => "network:aborted",
        NetworkFailure::Tls => "network:tls",
    };
    out.add(id, why);
}

fn request_signals(ev: &Evidence, out: &mut Out) {
    let req = &ev.request;
    let method = req.method.as_deref().map(str::to_ascii_uppercase);
    let has_body =
        req.body.as_deref().is_some_and(|b| !b.trim().is_empty()) || !req.params.is_empty();
    match method.as_deref() {
        Some("GET") => {
            out.add("request:read", "The request is a GET.");
            if req.body.as_deref().is_some_and(|b| !b.trim().is_empty()) {
                out.add(
                    "request:get-with-body",
                    "The GET request carries a body, which servers ignore or refuse.",
                );
            }
        }
        Some(m @ ("POST" | "PATCH" | "PUT")) => {
            out.add("request:write", format!("The request is a {m}."));
        }
        _ => {}
    }

    // A token request authenticates with its form fields, not a bearer
    // header, and its answer is plain JSON: the API's header rules do not
    // apply to it, so their absence proves nothing there.
    let is_token_call = is_token_request(ev);
    match ev.request_header("authorization") {
        _ if is_token_call => {}
        Some(value) => authorization_signals(value, out),
        None if req.headers_seen => out.add(
            "request:authorization-absent",
            "The request headers shown carry no Authorization header.",
        ),
        None => {}
    }

    match ev.request_header("accept") {
        _ if is_token_call => {}
        Some(v) if media_type_ok(v) => out.add(
            "request:accept-ok",
            format!("The request sent Accept: {}.", quote(v)),
        ),
        Some(v) if v.trim() == "*/*" || v.contains("json") || !v.trim().is_empty() => out.add(
            "request:accept-wrong",
            format!(
                "The request sent Accept: {} instead of {MEDIA_TYPE}.",
                quote(v)
            ),
        ),
        Some(_) => out.add(
            "request:accept-absent",
            "The request sent an empty Accept header.",
        ),
        None if req.headers_seen => out.add(
            "request:accept-absent",
            "The request headers shown carry no Accept header.",
        ),
        None => {}
    }

    if has_body && !is_token_call {
        match ev.request_header("content-type") {
            Some(v) if media_type_ok(v) => out.add(
                "request:content-type-ok",
                format!("The request sent Content-Type: {}.", quote(v)),
            ),
            Some(v) => out.add(
                "request:content-type-wrong",
                format!(
                    "The request sent Content-Type: {} instead of {MEDIA_TYPE}.",
                    quote(v)
                ),
            ),
            None if req.headers_seen => out.add(
                "request:content-type-absent",
                "The request has a body but the headers shown carry no Content-Type.",
            ),
            None => {}
        }
        if let Some(body) = req.body.as_deref().filter(|b| !b.trim().is_empty()) {
            match serde_json::from_str::<serde_json::Value>(body) {
                Err(_) => out.add(
                    "request:body-not-json",
                    "The request body is not valid JSON.",
                ),
                Ok(v) => {
                    if v.get("data").and_then(|d| d.get("type")).is_some() {
                        out.add(
                            "request:body-jsonapi",
                            "The request body has data.type, as JSON:API needs.",
                        );
                    } else {
                        out.add(
                            "request:body-not-jsonapi",
                            "The request body is JSON but has no data.type, so it is not JSON:API-shaped.",
                        );
                    }
                }
            }
        }
    }
}

/// True when a header value names the JSON:API media type (one entry of a
/// comma-separated list, with no media type parameters).
pub fn media_type_ok(v: &str) -> bool {
    v.split(',')
        .any(|part| part.trim().eq_ignore_ascii_case(MEDIA_TYPE))
}

/// What is wrong with an `Authorization` value, if anything. Shared by the
/// signals (judging a paste) and the live-call lint (judging a request before
/// it is sent), so both name the same mistakes the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BearerShape {
    /// A scheme other than Bearer (Basic, Token, a bare token with no scheme).
    NotBearer { scheme: String },
    /// Nothing after `Bearer`, or a template placeholder.
    Empty,
    /// The whole JSON token response instead of the token.
    Json,
    /// `Bearer Bearer …`.
    Doubled,
    /// The token wrapped in quotes.
    Quoted,
    /// A space or line break inside the token.
    Whitespace,
    /// One clean token.
    WellFormed,
}

/// Judge an `Authorization` header value. The checks run in a fixed order
/// because a value can be wrong in several ways at once (a quoted JSON
/// blob), and the first is the one worth telling.
pub fn bearer_shape(value: &str) -> BearerShape {
    let v = value.trim();
    let (scheme, rest) = v.split_once(char::is_whitespace).unwrap_or((v, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return BearerShape::NotBearer {
            scheme: scheme.to_string(),
        };
    }
    let token = rest.trim();
    let lower = token.to_ascii_lowercase();
    if token.is_empty()
        || token.starts_with("{{")
        || token.starts_with('<')
        || lower.contains("your_access_token")
    {
        BearerShape::Empty
    } else if token.starts_with('{')
        || lower.contains("access_token")
        || lower.contains("token_type")
    {
        BearerShape::Json
    } else if lower.starts_with("bearer") {
        BearerShape::Doubled
    } else if token.starts_with('"') || token.starts_with('\'') || token.ends_with('"') {
        BearerShape::Quoted
    } else if token.contains(char::is_whitespace) {
        BearerShape::Whitespace
    } else {
        BearerShape::WellFormed
    }
}

fn authorization_signals(value: &str, out: &mut Out) {
    let v = value.trim();
    out.add(
        "request:authorization-present",
        format!(
            "The request carries Authorization: {}.",
            mask_authorization(v)
        ),
    );
    let token = v
        .split_once(char::is_whitespace)
        .map(|(_, rest)| rest.trim())
        .unwrap_or_default();
    match bearer_shape(v) {
        BearerShape::NotBearer { scheme } => out.add(
            "request:authorization-not-bearer",
            format!(
                "Authorization uses the “{}” scheme, not Bearer.",
                quote(&scheme)
            ),
        ),
        BearerShape::Empty => out.add(
            "request:bearer-empty",
            format!(
                "The bearer value is empty or a placeholder (“{}”).",
                quote(token)
            ),
        ),
        BearerShape::Json => out.add(
            "request:bearer-json",
            "The bearer value is the JSON token response ({\"access_token\": …}), not the token alone.",
        ),
        BearerShape::Doubled => out.add(
            "request:bearer-doubled",
            "The header reads “Bearer Bearer …”: the word Bearer is there twice.",
        ),
        BearerShape::Quoted => out.add(
            "request:bearer-quoted",
            "The bearer value is wrapped in quotes, which become part of the token.",
        ),
        BearerShape::Whitespace => out.add(
            "request:bearer-whitespace",
            "The bearer value holds a space or a line break.",
        ),
        BearerShape::WellFormed => out.add(
            "request:bearer-wellformed",
            format!(
                "The bearer value ({}) looks like one clean token.",
                mask(token)
            ),
        ),
    }
}

/// `Bearer abcd…` with the credential masked, for quoting.
fn mask_authorization(v: &str) -> String {
    match v.split_once(char::is_whitespace) {
        Some((scheme, rest)) if !rest.trim().is_empty() => {
            format!("{scheme} {}", mask(rest.trim()))
        }
        _ => quote(v),
    }
}

/// A URL split into the parts the rules care about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts {
    pub host: String,
    pub path: String,
    pub query: String,
}

pub fn split_url(url: &str) -> Option<UrlParts> {
    let url = url.trim().trim_matches(|c| c == '"' || c == '\'');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (authority, tail) = match rest.find(['/', '?', '#']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let host = authority
        .rsplit('@')
        .next()
        .unwrap_or(authority)
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let tail = tail.split('#').next().unwrap_or_default();
    let (path, query) = match tail.split_once('?') {
        Some((p, q)) => (p, q),
        None => (tail, ""),
    };
    let path = if path.is_empty() { "/" } else { path };
    Some(UrlParts {
        host,
        path: path.to_string(),
        query: query.to_string(),
    })
}

fn is_token_request(ev: &Evidence) -> bool {
    ev.request
        .url
        .as_deref()
        .and_then(split_url)
        .is_some_and(|u| u.path.trim_end_matches('/').ends_with("/oauth/token"))
        || ev.param("grant_type").is_some()
}

/// The account slug of an API path (`/acme/v1/projects` → `acme`).
pub fn account_slug(path: &str) -> Option<String> {
    let mut segs = path.split('/').filter(|s| !s.is_empty());
    let first = segs.next()?;
    let second = segs.next()?;
    (second == "v1" && first != "v1" && first != "api").then(|| first.to_string())
}

fn url_signals(ev: &Evidence, out: &mut Out) {
    let Some(url) = ev.request.url.as_deref() else {
        return;
    };
    let Some(parts) = split_url(url) else { return };
    let shown = quote(url);
    let token_path = parts.path.trim_end_matches('/').ends_with("/oauth/token")
        || parts
            .path
            .trim_end_matches('/')
            .ends_with("/oauth/authorize");
    let api_path = parts.path.contains("/v1/") || parts.path.ends_with("/v1");
    match parts.host.as_str() {
        "api.scopestack.io" => {
            out.add("host:api", format!("The request went to {shown}."));
            if token_path {
                out.add(
                    "host:token-on-api",
                    format!("The token request went to the API host ({shown}); tokens come from app.scopestack.io."),
                );
            }
        }
        "app.scopestack.io" => {
            out.add("host:app", format!("The request went to {shown}."));
            if api_path && !token_path {
                out.add(
                    "host:api-on-app",
                    format!("The API call went to the app host ({shown}); the API lives on api.scopestack.io."),
                );
            }
        }
        h if h.ends_with("scopestack.io") || h == "localhost" || h.starts_with("127.") => {}
        _ => out.add(
            "host:other",
            format!("The request went to {shown}, which is not a ScopeStack host."),
        ),
    }
    if token_path {
        return;
    }
    let me = parts.path.trim_end_matches('/') == "/v1/me";
    if me {
        out.add("url:me", format!("The request is GET /v1/me ({shown})."));
    } else if api_path {
        match account_slug(&parts.path) {
            Some(slug) => out.add(
                "url:slug-present",
                format!("The URL carries the account slug “{slug}” ({shown})."),
            ),
            None => out.add(
                "url:slug-absent",
                format!("The URL {shown} has no account slug before /v1/."),
            ),
        }
    }
    if parts.query.contains("filter[")
        || parts.query.contains("filter%5B")
        || parts.query.contains("filter%5b")
    {
        out.add("url:filter", format!("The URL carries a filter ({shown})."));
    }
    let last = parts
        .path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    if parts.path.contains("/merge-data") || parts.path.contains("/merge_data") {
        let v2 = parts.query.split('&').any(|kv| kv == "version=2");
        if v2 {
            out.add(
                "url:merge-data-v2",
                format!("The merge-data call asks for version=2 ({shown})."),
            );
        } else {
            out.add(
                "url:merge-data-v1",
                format!("The merge-data call has no version=2, so it uses the slow v1 format ({shown})."),
            );
        }
    } else if !last.is_empty() && last.chars().all(|c| c.is_ascii_digit()) || looks_uuid(last) {
        out.add(
            "url:resource-id",
            format!("The URL names record “{last}” ({shown})."),
        );
    }
}

fn looks_uuid(s: &str) -> bool {
    s.len() == 36 && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

fn token_request_signals(ev: &Evidence, out: &mut Out) {
    let oauth_error_is_token = ev.oauth_error.as_deref().is_some_and(|e| {
        matches!(
            e,
            "invalid_client"
                | "invalid_grant"
                | "invalid_resource_owner"
                | "unsupported_grant_type"
                | "invalid_request"
                | "invalid_scope"
                | "unauthorized_client"
        )
    });
    if !is_token_request(ev) && !oauth_error_is_token {
        return;
    }
    out.add(
        "token-request",
        "The paste is about a token request (POST /oauth/token).",
    );
    let grant = ev.param("grant_type");
    match grant {
        Some(g) if GRANTS.contains(&g) => {
            out.add(format!("grant:{g}"), format!("The token request uses grant_type={g}."));
        }
        Some(g) => out.add(
            "grant:invalid",
            format!("grant_type=“{}” is not one of password, client_credentials, authorization_code, refresh_token.", quote(g)),
        ),
        None if !ev.request.params.is_empty() => {
            out.add("grant:missing", "The token request carries no grant_type parameter.")
        }
        None => {}
    }
    if grant == Some("password") {
        match ev.param("redirect_uri") {
            Some(uri) => out.add(
                "grant:password-redirect-uri",
                format!(
                    "The password grant carries redirect_uri={} (Postman's helper adds it).",
                    quote(uri)
                ),
            ),
            None => out.add(
                "grant:password-no-redirect-uri",
                "The password grant carries no redirect_uri.",
            ),
        }
    }
    if let Some(id) = ev.param("client_id") {
        let confusable: Vec<char> = id
            .chars()
            .filter(|c| matches!(c, 'I' | 'l' | '1' | 'O' | '0'))
            .collect();
        if confusable.is_empty() {
            out.add(
                "client-id:clear",
                "The client_id holds none of the characters people confuse (I l 1, O 0).",
            );
        } else {
            let mut uniq = confusable.clone();
            uniq.sort_unstable();
            uniq.dedup();
            let list = uniq
                .iter()
                .map(|c| format!("“{c}”"))
                .collect::<Vec<_>>()
                .join(", ");
            out.add(
                "client-id:confusable",
                format!("The client_id holds {list}, characters easily confused when retyped."),
            );
        }
    }
    let _ = out.has("token-request");
}

/// What the URL's slug and record id say against a not-found error ("The
/// record identified by acme could not be found."), and against the account
/// the token belongs to (a live call's `/v1/me`).
fn account_signals(ev: &Evidence, out: &mut Out) {
    let Some(parts) = ev.request.url.as_deref().and_then(split_url) else {
        return;
    };
    let slug = account_slug(&parts.path);
    let last = parts
        .path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    const NAMED: &str = "record identified by ";
    for e in &ev.errors {
        let Some(detail) = e.detail.as_deref() else {
            continue;
        };
        let Some(at) = detail.find(NAMED) else {
            continue;
        };
        let named = detail[at + NAMED.len()..]
            .split(char::is_whitespace)
            .next()
            .unwrap_or_default()
            .trim_matches(|c| c == '\'' || c == '"' || c == '.');
        if slug.as_deref() == Some(named) {
            out.add_with("not-found:slug", || {
                format!(
                    "The error says “{}”: the account slug “{named}” itself was not found.",
                    quote(detail)
                )
            });
        } else if !named.is_empty() && named == last {
            out.add_with("not-found:id", || {
                format!(
                    "The error says “{}”: no record {named} in this account.",
                    quote(detail)
                )
            });
        }
    }
    let (Some(token_account), Some(slug)) = (ev.token_account.as_deref(), slug.as_deref()) else {
        return;
    };
    if token_account != slug {
        out.add_with("token-account:other", || {
            format!("GET /v1/me says the token belongs to account “{token_account}”, but the URL is for “{slug}”.")
        });
        return;
    }
    let method = ev
        .request
        .method
        .as_deref()
        .unwrap_or_default()
        .to_ascii_uppercase();
    if matches!(method.as_str(), "POST" | "PATCH" | "PUT" | "DELETE") {
        out.add_with("token-account:same-write", || {
            format!("The token belongs to account “{slug}”, the URL's own, and the request is a {method}: the user may read but not write.")
        });
    } else if last.chars().all(|c| c.is_ascii_digit()) && !last.is_empty() {
        out.add_with("token-account:same-read-record", || {
            format!("The token belongs to account “{slug}”, the URL's own, yet record {last} is refused: it belongs to another account.")
        });
    }
}
