//! What the response says: status, OAuth error, body, gateway pages.

use super::out::Out;
use crate::engine::evidence::Evidence;
use crate::engine::util::quote::quote;

pub(super) fn response_signals(ev: &Evidence, out: &mut Out) {
    if let (Some(status), Some(shown)) = (ev.status, shown_status(ev)) {
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
        let l = l.to_ascii_lowercase();
        l.contains("time-out") || l.contains("timeout")
    });
    if timeout_status || (timeout_text && ev.status.is_some_and(|s| s >= 500)) {
        let shown = shown_status(ev).unwrap_or_default();
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

/// The status as the paste wrote it (quoted), or else its number.
fn shown_status(ev: &Evidence) -> Option<String> {
    let status = ev.status?;
    Some(
        ev.status_line
            .as_deref()
            .map(quote)
            .unwrap_or_else(|| status.to_string()),
    )
}
