//! The lint of the token form before it is sent. The form is not a request
//! yet (the engine builds it), so its findings are checked here; what they
//! say is data like the rest of the lint's.

use super::super::call::TokenRequest;
use super::super::origin::{allowed_origins, origin_allowed};
use super::finding::{Findings, LintFinding};
use crate::engine::api_facts::{
    grant_fields, is_confusable, required_fields, Grant, API_HOST, GRANTS, SCOPES, TOKEN_PATH,
};
use crate::engine::util::quote::quote;
use crate::engine::util::url::split_url;

/// Check the token form before it is sent.
pub fn lint_token(req: &TokenRequest) -> Vec<LintFinding> {
    lint_token_for(req, &[])
}

/// [`lint_token`] for a page that allows more origins than ScopeStack's own.
pub fn lint_token_for(req: &TokenRequest, extra_origins: &[String]) -> Vec<LintFinding> {
    let mut out = Findings::default();
    match split_url(&req.url) {
        None => out.add("url-invalid/token", &[]),
        Some(p) => {
            if p.host == API_HOST {
                out.add("token-url-on-api-host", &[]);
            } else if !origin_allowed(&req.url, &allowed_origins(extra_origins)) {
                out.add("origin-not-allowed/token", &[("host", &quote(&p.host))]);
            }
            if p.path.trim_end_matches('/') != TOKEN_PATH {
                out.add("token-url-path", &[]);
            }
        }
    }

    let grant = req.grant_type.as_str();
    let password = Grant::parse(grant) == Some(Grant::Password);
    if grant.trim().is_empty() {
        out.add("grant-type-missing", &[]);
    } else if !GRANTS.contains(&grant) {
        let near = grant.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        let key = if GRANTS.contains(&near.as_str()) {
            "grant-type-unknown"
        } else {
            "grant-type-unknown/other"
        };
        out.add(key, &[("grant", &quote(grant)), ("near", &near)]);
    }

    if password && !req.redirect_uri.trim().is_empty() {
        out.add("password-grant-redirect-uri", &[]);
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
                &[("who", &who)],
            );
        }
    }

    // Copying from e-mail or a PDF brings spaces along; they are sent as
    // part of the value and the server then knows no such client or user.
    for (name, value) in req.fields() {
        if name == "grant_type" || value.is_empty() || value.trim() == value {
            continue;
        }
        out.add(&format!("{}-whitespace", name.replace('_', "-")), &[]);
    }

    let positions = confusable(&req.client_id);
    if !positions.is_empty() {
        let chars: Vec<char> = req.client_id.chars().collect();
        let list = positions
            .iter()
            .map(|&i| format!("{} (“{}”)", i + 1, chars.get(i).copied().unwrap_or(' ')))
            .collect::<Vec<_>>()
            .join(", ");
        out.add("client-id-confusable", &[("positions", &list)]);
    }

    if password {
        let user = req.username.trim();
        if !user.is_empty() && !user.contains('@') {
            out.add("username-not-email", &[]);
        }
    }

    let scope = req.scope.trim();
    if !scope.is_empty() && grant_fields(grant).contains(&"scope") {
        let odd = scope.split(' ').any(|s| !SCOPES.contains(&s));
        if odd {
            out.add("scope-unknown", &[("scope", &quote(scope))]);
        }
    }
    out.0
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
