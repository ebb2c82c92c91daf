//! HAR files (browser DevTools "Save all as HAR"): the entry that failed
//! (the last one with status ≥ 400 or no response at all), else the last
//! entry, read as request, response and body.

use super::json_value::{body_text, headers_of, str_field};
use super::{network, rank, text, Collector, Format, NetworkFailure, Platform};
use serde_json::Value;

fn status_of(entry: &Value) -> Option<i64> {
    entry.get("response")?.get("status")?.as_i64()
}

pub(crate) fn har(v: &Value, c: &mut Collector) -> bool {
    let Some(entries) = v
        .get("log")
        .and_then(|l| l.get("entries"))
        .and_then(Value::as_array)
    else {
        return false;
    };
    c.format(Format::Har);
    let creator = v
        .pointer("/log/creator/name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_ascii_lowercase();
    if ["webinspector", "firefox", "chrome", "safari", "edge"]
        .iter()
        .any(|b| creator.contains(b))
    {
        c.platform(Platform::Browser);
    }
    let failing = |e: &&Value| status_of(e).is_some_and(|s| s >= 400 || s <= 0);
    let Some(entry) = entries
        .iter()
        .rev()
        .find(failing)
        .or_else(|| entries.last())
    else {
        return true;
    };

    if let Some(req) = entry.get("request") {
        if let Some(m) = str_field(req, &["method"]) {
            c.method(m);
        }
        if let Some(u) = str_field(req, &["url"]) {
            c.url(u);
        }
        let headers: Vec<(String, String)> = headers_of(req.get("headers"))
            .into_iter()
            .filter(|(k, _)| !k.starts_with(':'))
            .collect();
        // Browsers' "Export HAR (sanitized)" drops Authorization and
        // Cookie. A HAR with neither may be such an export, so their absence
        // proves nothing: the headers are kept but not taken as complete.
        let sanitized = !headers.iter().any(|(k, _)| {
            k.eq_ignore_ascii_case("authorization") || k.eq_ignore_ascii_case("cookie")
        });
        if sanitized {
            c.request_headers_partial(headers);
        } else {
            c.request_headers(headers);
        }
        if let Some(post) = req.get("postData") {
            let params = headers_of(post.get("params"));
            c.request_params(params);
            if let Some(t) = str_field(post, &["text"]) {
                c.request_body(t);
            }
        }
    }

    let Some(resp) = entry.get("response") else {
        return true;
    };
    let status = status_of(entry).unwrap_or(0);
    if status <= 0 {
        // No response: the browser names why in `_error`, when it does.
        let why = str_field(resp, &["_error"]).or_else(|| str_field(entry, &["_error"]));
        match why.and_then(|w| network::classify(w).map(|(k, _)| (k, w))) {
            Some((kind, msg)) => c.network(kind, msg),
            None => c.network(
                NetworkFailure::FetchFailed,
                why.unwrap_or("the HAR entry has no response (status 0)"),
            ),
        }
        return true;
    }
    let reason = str_field(resp, &["statusText"]).unwrap_or_default();
    let version = str_field(resp, &["httpVersion"]).unwrap_or_default();
    let line = if version.to_ascii_uppercase().starts_with("HTTP/") {
        format!("{} {status} {reason}", version.to_ascii_uppercase())
    } else {
        format!("{status} {reason}")
    };
    if let Ok(code) = u16::try_from(status) {
        c.status(code, Some(line.trim()), rank::WIRE);
    }
    c.response_headers(headers_of(resp.get("headers")));
    if let Some(content) = resp.get("content") {
        let raw = str_field(content, &["text"]);
        let base64 = str_field(content, &["encoding"]) == Some("base64");
        let size = content.get("size").and_then(Value::as_i64);
        match raw {
            Some(t) if base64 => {
                if let Some(bytes) = text::base64_decode(t) {
                    body_text(&String::from_utf8_lossy(&bytes), true, c);
                }
            }
            Some(t) => body_text(t, true, c),
            None if size == Some(0) => body_text("", true, c),
            None => {}
        }
    }
    true
}
