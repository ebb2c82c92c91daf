//! The token form: its lint, and the form POST it stands for.

use super::finding::{Field, Findings, LintFinding, Severity};
use super::origin::{allowed_origins, origin_allowed};
use super::request::{HttpRequest, TokenRequest};
use crate::engine::api_facts::{
    grant_fields, is_confusable, required_fields, API_HOST, GRANTS, SCOPES, TOKEN_PATH, TOKEN_URL,
};
use crate::engine::util::percent::form_encode;
use crate::engine::util::quote::quote;
use crate::engine::util::url::split_url;

fn field_of(name: &str) -> Field {
    match name {
        "grant_type" => Field::Grant,
        "client_id" | "client_secret" => Field::ClientId,
        "redirect_uri" => Field::RedirectUri,
        _ => Field::Body,
    }
}

/// Check the token form before it is sent.
pub fn lint_token(req: &TokenRequest) -> Vec<LintFinding> {
    lint_token_for(req, &[])
}

/// [`lint_token`] for a page that allows more origins than ScopeStack's own.
pub fn lint_token_for(req: &TokenRequest, extra_origins: &[String]) -> Vec<LintFinding> {
    let mut out = Findings(Vec::new());
    match split_url(&req.url) {
        None => out.add(
            "url-invalid",
            Severity::Error,
            Field::Origin,
            format!("The token URL must be absolute: {TOKEN_URL}."),
            None,
        ),
        Some(p) => {
            if p.host == API_HOST {
                out.add(
                    "token-url-on-api-host",
                    Severity::Error,
                    Field::Origin,
                    format!("Tokens come from {TOKEN_URL}; api.scopestack.io does not know your client."),
                    Some("oauth-invalid-client/wrong-host"),
                );
            } else if !origin_allowed(&req.url, &allowed_origins(extra_origins)) {
                out.add(
                    "origin-not-allowed",
                    Severity::Error,
                    Field::Origin,
                    format!(
                        "Token requests go to {TOKEN_URL}; “{}” is not an allowed origin.",
                        quote(&p.host)
                    ),
                    None,
                );
            }
            if p.path.trim_end_matches('/') != TOKEN_PATH {
                out.add(
                    "token-url-path",
                    Severity::Error,
                    Field::Path,
                    format!("The token endpoint is /oauth/token ({TOKEN_URL})."),
                    Some("404-not-found/url-format"),
                );
            }
        }
    }

    let grant = req.grant_type.as_str();
    if grant.trim().is_empty() {
        out.add(
            "grant-type-missing",
            Severity::Error,
            Field::Grant,
            "Choose a grant_type: client_credentials, password, authorization_code or refresh_token.",
            Some("oauth-invalid-request/missing-parameter"),
        );
    } else if !GRANTS.contains(&grant) {
        let near = grant.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        let hint = if GRANTS.contains(&near.as_str()) {
            format!("write it exactly as {near}")
        } else {
            "use client_credentials, password, authorization_code or refresh_token".into()
        };
        out.add(
            "grant-type-unknown",
            Severity::Error,
            Field::Grant,
            format!(
                "grant_type “{}” is not one the server accepts: {hint}.",
                quote(grant)
            ),
            Some("oauth-unsupported-grant-type/bad-grant-type"),
        );
    }

    if grant == "password" && !req.redirect_uri.trim().is_empty() {
        out.add(
            "password-grant-redirect-uri",
            Severity::Error,
            Field::RedirectUri,
            "A password grant must not carry redirect_uri (Postman's Password Credentials helper adds one, and the server answers invalid_grant): clear it.",
            Some("oauth-invalid-grant/postman-password-helper"),
        );
    }

    for name in required_fields(grant) {
        if req.get(name).trim().is_empty() {
            let who = if GRANTS.contains(&grant) {
                format!("the {grant} grant")
            } else {
                "every grant".into()
            };
            out.add(
                &format!("{}-missing", name.replace('_', "-")),
                Severity::Error,
                field_of(name),
                format!("{name} is empty; {who} needs it."),
                Some("oauth-invalid-request/missing-parameter"),
            );
        }
    }

    // Copying from e-mail or a PDF brings spaces along; they are sent as
    // part of the value and the server then knows no such client or user.
    for (name, value) in req.fields() {
        if name == "grant_type" || value.is_empty() || value.trim() == value {
            continue;
        }
        let check = match name {
            "client_id" | "client_secret" => Some("oauth-invalid-client/wrong-credentials"),
            "username" | "password" => Some("oauth-invalid-grant/wrong-password"),
            "redirect_uri" => Some("oauth-invalid-grant/callback-mismatch"),
            _ => None,
        };
        out.add(
            &format!("{}-whitespace", name.replace('_', "-")),
            Severity::Warning,
            field_of(name),
            format!(
                "{name} starts or ends with a space or line break, which is sent as part of it."
            ),
            check,
        );
    }

    let positions = confusable(&req.client_id);
    if !positions.is_empty() {
        let chars: Vec<char> = req.client_id.chars().collect();
        let list = positions
            .iter()
            .map(|&i| format!("{} (“{}”)", i + 1, chars.get(i).copied().unwrap_or(' ')))
            .collect::<Vec<_>>()
            .join(", ");
        out.add(
            "client-id-confusable",
            Severity::Warning,
            Field::ClientId,
            format!("The client_id has look-alike characters at positions {list} (I l 1, O 0): if it was typed rather than pasted, check those."),
            Some("oauth-invalid-client/character-confusion"),
        );
    }

    if grant == "password" {
        let user = req.username.trim();
        if !user.is_empty() && !user.contains('@') {
            out.add(
                "username-not-email",
                Severity::Warning,
                Field::Body,
                "username is the e-mail address the person signs in to app.scopestack.io with.",
                Some("oauth-invalid-resource-owner/unknown-email"),
            );
        }
    }

    let scope = req.scope.trim();
    if !scope.is_empty() && grant_fields(grant).contains(&"scope") {
        let odd = scope.split(' ').any(|s| !SCOPES.contains(&s));
        if odd {
            out.add(
                "scope-unknown",
                Severity::Warning,
                Field::Body,
                format!(
                    "scope “{}” names something other than read and write: send “read write”, space-separated.",
                    quote(scope)
                ),
                Some("oauth-invalid-scope/scope-value"),
            );
        }
    }
    out.0
}

/// The request the token form stands for: a form POST with only the fields
/// the grant uses. `redirect_uri` goes along whenever it is filled, whatever
/// the grant, so Postman's password-grant mistake can be reproduced.
pub fn token_http_request(req: &TokenRequest) -> HttpRequest {
    let grant = req.grant_type.as_str();
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    if !grant.is_empty() {
        pairs.push(("grant_type", grant));
    }
    for name in grant_fields(grant) {
        let value = req.get(name);
        if !value.is_empty() {
            pairs.push((name, value));
        }
    }
    if !req.redirect_uri.is_empty() && !pairs.iter().any(|(n, _)| *n == "redirect_uri") {
        pairs.push(("redirect_uri", &req.redirect_uri));
    }
    let body = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", form_encode(k), form_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    HttpRequest {
        method: "POST".into(),
        url: req.url.trim().to_string(),
        headers: vec![
            (
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            ),
            ("Accept".into(), "application/json".into()),
        ],
        body: Some(body),
    }
}

/// Character indices (not bytes) of the look-alikes I, l, 1, O and 0.
pub fn confusable(client_id: &str) -> Vec<usize> {
    client_id
        .chars()
        .enumerate()
        .filter(|(_, c)| is_confusable(*c))
        .map(|(i, _)| i)
        .collect()
}
