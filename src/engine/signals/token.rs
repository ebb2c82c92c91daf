//! The token request: grant, redirect_uri, client id.

use super::out::Out;
use crate::engine::api_facts::{is_confusable, is_token_path, Grant, GRANTS, TOKEN_ERRORS};
use crate::engine::evidence::Evidence;
use crate::engine::util::quote::quote;
use crate::engine::util::url::split_url;

pub(super) fn is_token_request(ev: &Evidence) -> bool {
    ev.request
        .url
        .as_deref()
        .and_then(split_url)
        .is_some_and(|u| is_token_path(&u.path))
        || ev.param("grant_type").is_some()
}

pub(super) fn token_request_signals(ev: &Evidence, out: &mut Out) {
    let oauth_error_is_token = ev
        .oauth_error
        .as_deref()
        .is_some_and(|e| TOKEN_ERRORS.contains(&e));
    if !is_token_request(ev) && !oauth_error_is_token {
        return;
    }
    out.add(
        "token-request",
        "The paste is about a token request (POST /oauth/token).",
    );
    // The token endpoint reads a form body; a JSON one (Postman's raw
    // body, a fetch with JSON.stringify) is the mistake to name.
    let json_type = ev
        .request_header("content-type")
        .is_some_and(|v| v.to_ascii_lowercase().contains("json"));
    let json_body = ev
        .request
        .body
        .as_deref()
        .is_some_and(|b| b.trim_start().starts_with('{'));
    if json_type || json_body {
        out.add(
            "token-request:json-body",
            "The token request sends a JSON body; the token endpoint reads a form (application/x-www-form-urlencoded).",
        );
    }
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
    if grant.and_then(Grant::parse) == Some(Grant::Password) {
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
        let confusable: Vec<char> = id.chars().filter(|c| is_confusable(*c)).collect();
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
}
