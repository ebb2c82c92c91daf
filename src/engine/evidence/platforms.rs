//! Integration platforms and API tools: Workato job errors, Zapier task
//! errors (both JSON, with the API's body as an escaped string) and the
//! Postman console, copied as text.

use super::json_value::{
    self as json, body_json, headers_of, request_object, status_field, str_field,
};
use super::{network, prose, rank, text, Collector, Format, Platform};
use serde_json::Value;

/// A free-text message a platform wrote about the call: it may name the
/// status, a network failure, or carry the body.
fn message(s: &str, c: &mut Collector) {
    network::scan_str(s, c);
    if let Some((code, line)) = prose::find_status(s) {
        c.status(code, Some(&line), rank::BODY);
    }
    if !c.body_seen {
        for (a, b, complete) in super::literal::blocks(s, 4) {
            if let Some((v, _)) = json::parse_lenient(&s[a..b], complete) {
                if json::body_value(&v, c) {
                    c.body_seen = true;
                    if c.ev.body.is_none() {
                        c.ev.body = Some(s[a..b].to_string());
                    }
                    break;
                }
            }
        }
    }
}

/// Workato: `error_type_id`, `http_response.code`, `http_response.body`.
pub(crate) fn workato(v: &Value, c: &mut Collector) -> bool {
    let Some(obj) = v.as_object() else {
        return false;
    };
    let resp = obj
        .get("http_response")
        .or_else(|| obj.get("response"))
        .filter(|r| r.is_object());
    if !obj.contains_key("error_type_id") && !obj.contains_key("http_response") {
        return false;
    }
    c.format(Format::Workato);
    c.platform(Platform::Workato);
    if let Some(req) = obj.get("http_request").or_else(|| obj.get("request")) {
        request_object(req, c);
    }
    if let Some(r) = resp {
        if let Some(code) = status_field(r, &["code", "status", "status_code"]) {
            let reason = str_field(r, &["status_text", "reason", "message"]);
            let line = reason.map(|m| format!("{code} {m}"));
            c.status(code, line.as_deref(), rank::WIRE);
        }
        c.response_headers(headers_of(r.get("headers")));
        if let Some(body) = r.get("body") {
            body_json(body, c);
        }
    }
    for key in [
        "message",
        "error_message",
        "error",
        "details",
        "description",
    ] {
        if let Some(s) = obj.get(key).and_then(Value::as_str) {
            message(s, c);
        }
    }
    true
}

/// Zapier: `status`, `content` (the body as a string), `request.url`.
pub(crate) fn zapier(v: &Value, c: &mut Collector) -> bool {
    let Some(obj) = v.as_object() else {
        return false;
    };
    let Some(content) = obj.get("content").filter(|x| x.is_string()) else {
        return false;
    };
    let req = obj.get("request").filter(|r| r.is_object());
    let status = status_field(v, &["status", "status_code"]);
    if req.is_none() && status.is_none() {
        return false;
    }
    c.format(Format::Zapier);
    c.platform(Platform::Zapier);
    if let Some(r) = req {
        request_object(r, c);
    }
    if let Some(code) = status {
        c.status(code, None, rank::WIRE);
    }
    c.response_headers(headers_of(obj.get("headers")));
    body_json(content, c);
    if let Some(s) = obj.get("message").and_then(Value::as_str) {
        message(s, c);
    }
    true
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Preamble,
    RequestHeaders,
    RequestBody,
    ResponseHeaders,
    ResponseBody,
    Other,
}

fn section_of(line: &str) -> Option<Section> {
    let t = line.trim().trim_end_matches(':').trim();
    let is = |s: &str| t.eq_ignore_ascii_case(s);
    if is("request headers") {
        Some(Section::RequestHeaders)
    } else if is("request body") {
        Some(Section::RequestBody)
    } else if is("response headers") {
        Some(Section::ResponseHeaders)
    } else if is("response body") {
        Some(Section::ResponseBody)
    } else if is("network") || is("general") {
        Some(Section::Other)
    } else {
        None
    }
}

/// `grant_type: "password"` or `grant_type<TAB>password` as a body field.
fn field(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    let (k, v) = t
        .split_once('\t')
        .or_else(|| t.split_once(": "))
        .or_else(|| t.split_once(':'))?;
    let k = k.trim().trim_matches('"');
    if k.is_empty() || k.len() > 128 || k.contains(char::is_whitespace) {
        return None;
    }
    let v = v.trim();
    let v = v
        .strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .unwrap_or(v);
    Some((k.to_string(), v.to_string()))
}

/// Postman's console, copied: a request line, a status, then "Request
/// Headers", "Request Body", "Response Headers", "Response Body" sections,
/// with `key: value` or tab-separated rows.
pub(crate) fn postman_console(text: &str, c: &mut Collector) {
    let head = text::clip(text, super::HEAD_SCAN).to_ascii_lowercase();
    let runtime = head.contains("postmanruntime") || head.contains("postman-token");
    if !(head.contains("response headers")
        || head.contains("request headers")
        || head.contains("response body"))
    {
        return;
    }
    let mut section = Section::Preamble;
    let mut markers = 0;
    let mut request_line: Option<(&str, &str)> = None;
    let mut status: Option<(u16, String)> = None;
    let mut req_headers = Vec::new();
    let mut resp_headers = Vec::new();
    let mut req_body: Option<(usize, usize)> = None;
    let mut resp_body: Option<(usize, usize)> = None;
    let mut resp_body_marked = false;
    for (off, line) in text::lines(text) {
        if let Some(s) = section_of(line) {
            markers += 1;
            section = s;
            if s == Section::ResponseBody {
                resp_body_marked = true;
            }
            continue;
        }
        let t = line.trim();
        let end = off + line.len();
        let extend = |range: &mut Option<(usize, usize)>| {
            if let Some((_, e)) = range {
                *e = end;
            } else if !t.is_empty() {
                *range = Some((off, end));
            }
        };
        match section {
            Section::Preamble | Section::Other => {
                if request_line.is_none() {
                    if let Some(rl) = text::request_line(t) {
                        request_line = Some((rl.method, rl.target));
                        let after = t.split_whitespace().skip(2).collect::<Vec<_>>().join(" ");
                        if let Some(code) = text::three_digit_status(&after) {
                            status = Some((code, after));
                        }
                        continue;
                    }
                }
                if status.is_none() {
                    let s = t
                        .strip_prefix("Status Code:")
                        .or_else(|| t.strip_prefix("Status:"))
                        .unwrap_or(t)
                        .trim();
                    if let Some(code) = text::three_digit_status(s) {
                        if s.len() <= 60 {
                            status = Some((code, s.to_string()));
                        }
                    }
                }
            }
            Section::RequestHeaders => {
                if let Some(h) = text::header_pair(t) {
                    req_headers.push(h);
                }
            }
            Section::ResponseHeaders => {
                if let Some(h) = text::header_pair(t) {
                    resp_headers.push(h);
                }
            }
            Section::RequestBody => extend(&mut req_body),
            Section::ResponseBody => extend(&mut resp_body),
        }
    }
    if markers < 2 && !(markers == 1 && runtime) {
        return;
    }
    c.format(Format::PostmanConsole);
    c.platform(Platform::Postman);
    if let Some((m, u)) = request_line {
        c.method(m);
        c.url(u);
    }
    if let Some((code, line)) = status {
        c.status(code, Some(&line), rank::WIRE);
    }
    c.request_headers(req_headers);
    if let Some((a, b)) = req_body {
        let body = text[a..b].trim();
        if body.starts_with(['{', '[']) || text::form_params(body).is_some() && !body.contains('\n')
        {
            c.request_body(body);
        } else {
            let fields: Vec<(String, String)> = body.lines().filter_map(field).collect();
            c.request_params(fields);
        }
    }
    c.response_headers(resp_headers);
    match resp_body {
        Some((a, b)) => json::body_text(&text[a..b], true, c),
        None if resp_body_marked => json::body_text("", true, c),
        None => {}
    }
}
