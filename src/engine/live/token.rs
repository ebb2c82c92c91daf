//! The form POST the token form stands for.

use super::call::{HttpRequest, TokenRequest};
use crate::engine::api_facts::grant_fields;
use crate::engine::util::percent::form_encode;

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
