//! `POST /oauth/token` and `GET /oauth/authorize`, answering as Doorkeeper does,
//! including ScopeStack's own refusals (a password grant carrying `redirect_uri`,
//! unknown e-mail as `invalid_resource_owner`).

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::json;

use crate::params::Params;
use crate::respond::{self, oauth_error};
use crate::state::AppState;
use crate::store::{
    now_ms, random_token, AuthCode, Grant, Store, UserState, CODE_TTL_MS, SCOPES_DEFAULT,
};

const INVALID_CLIENT: &str = "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.";
const INVALID_GRANT: &str = "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";
const INVALID_RESOURCE_OWNER: &str =
    "The provided resource owner credentials are not valid, or resource owner cannot be found.";
const UNSUPPORTED_GRANT: &str =
    "The authorization grant type is not supported by the authorization server.";
const UNAUTHORIZED_CLIENT: &str =
    "The client is not authorized to perform this request using this method.";
const INVALID_SCOPE: &str = "The requested scope is invalid, unknown, or malformed.";
const INVALID_REDIRECT: &str =
    "The requested redirect uri is malformed or doesn't match client redirect URI.";
const UNSUPPORTED_RESPONSE: &str = "The authorization server does not support this response type.";

fn missing(param: &str) -> Response {
    oauth_error(
        "invalid_request",
        &format!("Missing required parameter: {param}."),
    )
}

pub fn token(state: &AppState, headers: &HeaderMap, params: &Params) -> Response {
    let Some(grant_name) = params.present("grant_type") else {
        return missing("grant_type");
    };
    let grant = match grant_name {
        "password" => Grant::Password,
        "client_credentials" => Grant::ClientCredentials,
        "authorization_code" => Grant::AuthorizationCode,
        "refresh_token" => Grant::RefreshToken,
        _ => return oauth_error("unsupported_grant_type", UNSUPPORTED_GRANT),
    };
    let mut store = state.store();
    let Some((uid, secret)) = client_credentials(headers, params) else {
        return oauth_error("invalid_client", INVALID_CLIENT);
    };
    let Some(app) = store.app(&uid).filter(|a| a.secret == secret).cloned() else {
        return oauth_error("invalid_client", INVALID_CLIENT);
    };
    if !app.grants.contains(&grant) {
        return oauth_error("unauthorized_client", UNAUTHORIZED_CLIENT);
    }
    let requested_scopes = match params.present("scope") {
        None => None,
        Some(s) => match normalise_scopes(s) {
            Some(s) => Some(s),
            None => return oauth_error("invalid_scope", INVALID_SCOPE),
        },
    };
    let ttl = state.cfg.token_ttl_secs;
    let scopes_or_default = |s: Option<String>| s.unwrap_or_else(|| SCOPES_DEFAULT.to_string());
    let (user_id, scopes, with_refresh) = match grant {
        Grant::Password => {
            // ScopeStack refuses the redirect_uri that Postman's "Password Credentials"
            // helper adds, even though the rest of the request is right.
            if params.present("redirect_uri").is_some() {
                return oauth_error("invalid_grant", INVALID_GRANT);
            }
            let Some(email) = params.present("username") else {
                return missing("username");
            };
            let Some(password) = params.get("password").filter(|p| !p.is_empty()) else {
                return missing("password");
            };
            let Some(user) = store
                .users
                .iter()
                .find(|u| u.email.eq_ignore_ascii_case(email.trim()) && !u.password.is_empty())
            else {
                return oauth_error("invalid_resource_owner", INVALID_RESOURCE_OWNER);
            };
            if user.state != UserState::Active || user.password != password {
                return oauth_error("invalid_grant", INVALID_GRANT);
            }
            (user.id, scopes_or_default(requested_scopes), true)
        }
        Grant::ClientCredentials => {
            let Some(user_id) = app.service_user else {
                return oauth_error("unauthorized_client", UNAUTHORIZED_CLIENT);
            };
            // Doorkeeper issues no refresh token for client_credentials by default.
            (user_id, scopes_or_default(requested_scopes), false)
        }
        Grant::AuthorizationCode => {
            let Some(code) = params.present("code") else {
                return missing("code");
            };
            let Some(redirect_uri) = params.present("redirect_uri") else {
                return missing("redirect_uri");
            };
            let now = now_ms();
            let Some(grant) = store.codes.get_mut(code) else {
                return oauth_error("invalid_grant", INVALID_GRANT);
            };
            if grant.used
                || now >= grant.expires_ms
                || grant.app_uid != app.uid
                || grant.redirect_uri != redirect_uri
            {
                return oauth_error("invalid_grant", INVALID_GRANT);
            }
            grant.used = true;
            let (user_id, scopes) = (grant.user_id, grant.scopes.clone());
            if !user_active(&store, user_id) {
                return oauth_error("invalid_grant", INVALID_GRANT);
            }
            (user_id, scopes, true)
        }
        Grant::RefreshToken => {
            let Some(refresh) = params.present("refresh_token") else {
                return missing("refresh_token");
            };
            let Some(old) = store.refresh_tokens.get(refresh).cloned() else {
                return oauth_error("invalid_grant", INVALID_GRANT);
            };
            let old_revoked = store
                .tokens
                .get(&old.access_token)
                .is_none_or(|t| t.revoked);
            if old.spent
                || old_revoked
                || old.app_uid != app.uid
                || !user_active(&store, old.user_id)
            {
                return oauth_error("invalid_grant", INVALID_GRANT);
            }
            // Doorkeeper only lets a refresh narrow the original scopes.
            let scopes = match requested_scopes {
                Some(s) if s.split(' ').all(|w| old.scopes.split(' ').any(|o| o == w)) => s,
                Some(_) => return oauth_error("invalid_scope", INVALID_SCOPE),
                None => old.scopes.clone(),
            };
            if let Some(r) = store.refresh_tokens.get_mut(refresh) {
                r.spent = true;
            }
            if let Some(t) = store.tokens.get_mut(&old.access_token) {
                t.revoked = true;
            }
            (old.user_id, scopes, true)
        }
    };
    let (access, issued) = store.issue(user_id, &app.uid, &scopes, ttl, with_refresh);
    let mut body = json!({
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": issued.expires_in_secs,
        "scope": issued.scopes,
        "created_at": issued.created_ms / 1000,
    });
    if let Some(r) = issued.refresh_token {
        body["refresh_token"] = json!(r);
    }
    respond::oauth_success(&body)
}

/// The browser half of the authorization-code flow. There is no login page: the grant
/// is approved at once for the user named by `login` (an e-mail; the admin by default),
/// so demos and tests can run the whole flow with plain HTTP.
pub fn authorize(state: &AppState, params: &Params) -> Response {
    let mut store = state.store();
    let Some(app) = params
        .present("client_id")
        .and_then(|id| store.app(id))
        .cloned()
    else {
        return oauth_error("invalid_client", INVALID_CLIENT);
    };
    let Some(registered) = app.redirect_uri.clone() else {
        return oauth_error("unauthorized_client", UNAUTHORIZED_CLIENT);
    };
    let redirect_uri = params.present("redirect_uri").unwrap_or(&registered);
    if redirect_uri != registered {
        return oauth_error("invalid_redirect_uri", INVALID_REDIRECT);
    }
    if params.get("response_type") != Some("code") {
        return oauth_error("unsupported_response_type", UNSUPPORTED_RESPONSE);
    }
    let scopes = match params.present("scope") {
        None => SCOPES_DEFAULT.to_string(),
        Some(s) => match normalise_scopes(s) {
            Some(s) => s,
            None => return oauth_error("invalid_scope", INVALID_SCOPE),
        },
    };
    let login = params.present("login").unwrap_or("ada.admin@acme.example");
    let Some(user) = store
        .users
        .iter()
        .find(|u| u.email.eq_ignore_ascii_case(login) && u.state == UserState::Active)
    else {
        return oauth_error(
            "access_denied",
            "The resource owner or authorization server denied the request.",
        );
    };
    let code = random_token();
    let grant = AuthCode {
        app_uid: app.uid.clone(),
        user_id: user.id,
        redirect_uri: registered.clone(),
        scopes,
        expires_ms: now_ms() + CODE_TTL_MS,
        used: false,
    };
    store.codes.insert(code.clone(), grant);
    let mut location = format!("{registered}?code={code}");
    if let Some(s) = params.get("state") {
        let encoded = serde_urlencoded::to_string([("state", s)]).unwrap_or_default();
        location.push('&');
        location.push_str(&encoded);
    }
    let mut res = respond::empty(StatusCode::FOUND);
    respond::set_header(&mut res, "location", &location);
    res
}

fn user_active(store: &Store, user_id: u64) -> bool {
    store
        .user(user_id)
        .is_some_and(|u| u.state == UserState::Active)
}

/// Only `read` and `write` exist; answers them space-joined, or None for anything else.
fn normalise_scopes(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || !words.iter().all(|w| *w == "read" || *w == "write") {
        return None;
    }
    let mut out: Vec<&str> = Vec::new();
    for w in words {
        if !out.contains(&w) {
            out.push(w);
        }
    }
    Some(out.join(" "))
}

/// HTTP Basic first, then `client_id`/`client_secret` in the body, as Doorkeeper reads them.
fn client_credentials(headers: &HeaderMap, params: &Params) -> Option<(String, String)> {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, rest) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("basic").then(|| rest.trim())
        })
        .and_then(base64_decode)
        .and_then(|raw| String::from_utf8(raw).ok())
        .and_then(|text| {
            let (id, secret) = text.split_once(':')?;
            Some((percent_decode(id), percent_decode(secret)))
        });
    if basic.is_some() {
        return basic;
    }
    let id = params.present("client_id")?;
    Some((
        id.to_string(),
        params.get("client_secret").unwrap_or("").to_string(),
    ))
}

/// RFC 6749 §2.3.1 form-encodes the id and secret before Basic encoding.
fn percent_decode(text: &str) -> String {
    serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("v={text}"))
        .ok()
        .and_then(|mut v| v.pop())
        .map(|(_, v)| v)
        .unwrap_or_else(|| text.to_string())
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes().filter(|c| *c != b'=') {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}
