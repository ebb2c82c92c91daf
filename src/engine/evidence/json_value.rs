//! JSON values read as response bodies and request parts: JSON:API
//! `errors`, Doorkeeper OAuth bodies, Rails error JSON, headers and fields as
//! platforms write them. A leaf below the recognisers of containers (HAR,
//! Workato, Zapier, axios), which all use it, and below `json`, which sends
//! a whole document to them.

use super::literal::{self, Flavour};
use super::{gateway, json_scalar, rank, text, ApiError, Collector, Format, Platform};
use serde_json::Value;

/// The first JSON value at the start of `text`, and where it ended; trailing
/// prose is left for the other recognisers.
pub(crate) fn parse_prefix(text: &str) -> Option<(Value, usize)> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    match stream.next() {
        Some(Ok(v)) => Some((v, stream.byte_offset())),
        _ => None,
    }
}

/// A block as JSON, else rewritten from a JS/Python/Ruby literal or closed
/// after truncation.
pub(crate) fn parse_lenient(block: &str, complete: bool) -> Option<(Value, Flavour)> {
    if complete {
        if let Ok(v) = serde_json::from_str(block) {
            return Some((v, Flavour::Json));
        }
    }
    let (json, flavour) = literal::to_json(block);
    serde_json::from_str(&json).ok().map(|v| (v, flavour))
}

pub(crate) fn flavour_format(flavour: Flavour, c: &mut Collector) {
    match flavour {
        Flavour::Python => {
            c.format(Format::PythonDict);
            c.platform(Platform::Python);
        }
        Flavour::Ruby => {
            c.format(Format::RubyHash);
            c.platform(Platform::Ruby);
        }
        Flavour::Json | Flavour::Js => {}
    }
}

/// Doorkeeper's codes are snake_case words; Rails' `error` is a phrase.
pub(crate) fn is_oauth_code(s: &str) -> bool {
    (3..=64).contains(&s.len())
        && s.contains('_')
        && s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn status_of(v: &Value) -> Option<u16> {
    let code = match v {
        Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    code.filter(|c| (100..=599).contains(c))
}

pub(crate) fn status_field(obj: &Value, keys: &[&str]) -> Option<u16> {
    keys.iter().find_map(|k| obj.get(*k).and_then(status_of))
}

fn api_error(e: &Value) -> Option<ApiError> {
    if let Some(s) = e.as_str() {
        return Some(ApiError {
            detail: Some(s.to_string()),
            ..ApiError::default()
        });
    }
    let s = |k: &str| e.get(k).and_then(json_scalar);
    let err = ApiError {
        status: s("status"),
        code: s("code"),
        title: s("title"),
        detail: s("detail"),
        pointer: e
            .get("source")
            .and_then(|src| src.get("pointer"))
            .and_then(json_scalar),
    };
    (err != ApiError::default()).then_some(err)
}

/// A response body already parsed: JSON:API, OAuth, Rails. True when it
/// held an error this engine knows.
pub(crate) fn body_value(v: &Value, c: &mut Collector) -> bool {
    let Some(obj) = v.as_object() else {
        return false;
    };
    let mut found = false;
    match obj.get("errors") {
        Some(Value::Array(items)) if !items.is_empty() => {
            let errs: Vec<ApiError> = items.iter().take(100).filter_map(api_error).collect();
            if !errs.is_empty() {
                found = true;
                // JSON:API objects carry title/detail/code; bare strings are Rails.
                if items.iter().any(Value::is_object) {
                    c.format(Format::JsonApi);
                } else {
                    c.format(Format::RailsJson);
                }
                let status = errs.iter().find_map(|e| {
                    e.status
                        .as_deref()
                        .and_then(|s| s.trim().parse::<u16>().ok())
                });
                if c.ev.errors.is_empty() {
                    c.ev.errors = errs;
                }
                if let Some(code) = status {
                    c.status(code, None, rank::BODY);
                }
            }
        }
        Some(Value::Object(fields)) if !fields.is_empty() => {
            // Rails model errors: {"errors": {"name": ["can't be blank"]}}.
            let mut errs = Vec::new();
            for (field, msgs) in fields.iter().take(100) {
                let list: Vec<&str> = match msgs {
                    Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                    Value::String(s) => vec![s.as_str()],
                    _ => Vec::new(),
                };
                for m in list {
                    errs.push(ApiError {
                        title: Some(m.to_string()),
                        detail: Some(format!("{field} - {m}")),
                        ..ApiError::default()
                    });
                }
            }
            if !errs.is_empty() {
                found = true;
                c.format(Format::RailsJson);
                if c.ev.errors.is_empty() {
                    c.ev.errors = errs;
                }
            }
        }
        _ => {}
    }
    match obj.get("error") {
        Some(Value::String(e)) if is_oauth_code(e) => {
            found = true;
            c.format(Format::OauthJson);
            let desc = obj.get("error_description").and_then(Value::as_str);
            c.oauth(e, desc, rank::BODY);
        }
        Some(Value::String(e)) if !e.trim().is_empty() => {
            found = true;
            c.format(Format::RailsJson);
            let detail = ["exception", "message", "detail"]
                .iter()
                .find_map(|k| obj.get(*k).and_then(Value::as_str))
                .map(str::to_string);
            if c.ev.errors.is_empty() {
                c.ev.errors.push(ApiError {
                    status: obj.get("status").and_then(json_scalar),
                    title: Some(e.clone()),
                    detail,
                    ..ApiError::default()
                });
            }
        }
        _ => {}
    }
    if found {
        if let Some(code) = status_field(v, &["status", "status_code", "code"]) {
            c.status(code, None, rank::BODY);
        }
    }
    found
}

/// A response body as text: JSON (possibly truncated), an HTML page, or text
/// with JSON inside. `shown` says the response itself was shown, so an empty
/// body is evidence.
pub(crate) fn body_text(body: &str, shown: bool, c: &mut Collector) {
    let t = body.trim();
    if t.is_empty() {
        if shown {
            c.ev.empty_body = true;
            c.body_seen = true;
        }
        return;
    }
    c.body_seen = true;
    if c.ev.body.is_none() {
        c.ev.body = Some(t.to_string());
    }
    if t.starts_with(['{', '[']) {
        let parsed = parse_prefix(t)
            .map(|(v, _)| (v, Flavour::Json))
            .or_else(|| parse_lenient(t, false));
        if let Some((v, flavour)) = parsed {
            if body_value(&v, c) {
                flavour_format(flavour, c);
            }
            return;
        }
    }
    if gateway::page(t, c) {
        return;
    }
    for (s, e, complete) in literal::blocks(t, 8) {
        if let Some((v, flavour)) = parse_lenient(&t[s..e], complete) {
            if body_value(&v, c) {
                flavour_format(flavour, c);
                return;
            }
        }
    }
}

/// A response body given as a JSON value by a platform (not as text).
pub(crate) fn body_json(v: &Value, c: &mut Collector) {
    match v {
        Value::String(s) => body_text(s, true, c),
        Value::Null => body_text("", true, c),
        other => {
            c.body_seen = true;
            if c.ev.body.is_none() {
                c.ev.body = Some(other.to_string());
            }
            body_value(other, c);
        }
    }
}

/// Request body fields: a JSON object flattened, or a form body's pairs.
pub(crate) fn params_of_body(body: &str) -> Vec<(String, String)> {
    let b = body.trim();
    if b.starts_with('{') {
        return serde_json::from_str::<Value>(b)
            .map(|v| flatten(&v))
            .unwrap_or_default();
    }
    text::form_params(b).unwrap_or_default()
}

/// Scalars of a JSON value as `a.b.c` paths (arrays as `a[0]`), without
/// recursion, at most 256.
pub(crate) fn flatten(v: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack: Vec<(String, &Value)> = vec![(String::new(), v)];
    while let Some((path, v)) = stack.pop() {
        if out.len() >= 256 {
            break;
        }
        match v {
            Value::Object(map) => {
                for (k, child) in map.iter().rev() {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    stack.push((p, child));
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate().rev().take(256) {
                    stack.push((format!("{path}[{i}]"), child));
                }
            }
            Value::String(s) => out.push((path, s.clone())),
            Value::Null => out.push((path, String::new())),
            other => out.push((path, other.to_string())),
        }
    }
    out.retain(|(k, _)| !k.is_empty());
    out
}

/// Headers as a platform writes them: an object, `[{name, value}]`, or
/// `[[name, value]]`.
pub(crate) fn headers_of(v: Option<&Value>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match v {
        Some(Value::Object(map)) => {
            for (k, val) in map.iter().take(200) {
                match val {
                    Value::Array(vals) => {
                        for x in vals.iter().filter_map(json_scalar) {
                            out.push((k.clone(), x));
                        }
                    }
                    other => {
                        if let Some(x) = json_scalar(other) {
                            out.push((k.clone(), x));
                        }
                    }
                }
            }
        }
        Some(Value::Array(items)) => {
            for item in items.iter().take(200) {
                let pair = match item {
                    Value::Object(_) => item
                        .get("name")
                        .or_else(|| item.get("key"))
                        .and_then(Value::as_str)
                        .zip(item.get("value").and_then(json_scalar)),
                    Value::Array(kv) => kv
                        .first()
                        .and_then(Value::as_str)
                        .zip(kv.get(1).and_then(json_scalar)),
                    _ => None,
                };
                if let Some((k, val)) = pair {
                    out.push((k.to_string(), val));
                }
            }
        }
        _ => {}
    }
    out
}

/// The first string among `keys`.
pub(crate) fn str_field<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| v.get(*k).and_then(Value::as_str))
}

/// A request object as platforms log it: method, url, headers, body.
pub(crate) fn request_object(req: &Value, c: &mut Collector) {
    if let Some(m) = str_field(req, &["method", "verb"]) {
        c.method(m);
    }
    if let Some(u) = str_field(req, &["url", "uri", "href"]) {
        c.url(u);
    }
    let headers = headers_of(req.get("headers"));
    c.request_headers(headers);
    match ["body", "data", "payload", "params"]
        .iter()
        .find_map(|k| req.get(*k))
    {
        Some(Value::String(s)) => c.request_body(s),
        Some(v @ Value::Object(_)) => {
            c.request_params(flatten(v));
            c.request_body(&v.to_string());
        }
        _ => {}
    }
}
