//! What the request shows: method, Authorization, Accept, Content-Type, body.

use super::bearer::{bearer_shape, BearerShape};
use super::out::Out;
use super::token::is_token_request;
use crate::engine::api_facts::{is_write_method, media_type_ok, MEDIA_TYPE};
use crate::engine::evidence::Evidence;
use crate::engine::redact::mask;
use crate::engine::util::quote::quote;

pub(super) fn request_signals(ev: &Evidence, out: &mut Out) {
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
        Some(m) if is_write_method(m) => {
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
