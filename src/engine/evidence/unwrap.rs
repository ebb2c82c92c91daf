//! Errors wrapped inside other documents: an automation platform's job JSON
//! (n8n, Make, Power Automate, Workato's `details`), a JSON log line, a
//! client library's message, whose strings carry the HTTP status and the
//! response body — a JSON document escaped once, twice or more, an HTML page
//! with `\r\n` escapes, a raw HTTP response. Each such string is read as if
//! it had been pasted alone, and so on inside it.
//!
//! This only runs when the usual recognisers found a paste whose error they
//! cannot explain (no status, or a status with nothing saying why). Depth is
//! bounded by [`MAX_DEPTH`] and the work by a budget proportional to the
//! paste, so a hostile paste costs at most a few passes over itself.

use super::client_errors::{self, ClientError};
use super::json_value;
use super::literal::{self, Flavour};
use super::{gateway, json, rank, text, Collector, Format};
use serde_json::Value;

/// How many strings-inside-strings are followed.
pub(crate) const MAX_DEPTH: usize = 6;
/// JSON nodes visited at most, across all levels.
const MAX_NODES: usize = 50_000;
/// Strings read as messages of their own at most, across all levels: each
/// costs every recogniser's fixed work, and a large successful document
/// (merge data) holds tens of thousands of them.
const MAX_TEXTS: usize = 2_000;
/// Escaped literals decoded at most per text.
const MAX_LITERALS: usize = 16;

/// Keys under which platforms put a response's status: names that say so
/// on their own, and short ones that need a body or headers beside them.
const HTTP_STATUS_KEYS: &[&str] = &[
    "statusCode",
    "status_code",
    "httpCode",
    "http_code",
    "http_status",
    "httpStatus",
    "httpStatusCode",
];
const STATUS_KEYS: &[&str] = &["status", "code"];
/// Keys that make an object with a status a response, not any record.
const RESPONSE_KEYS: &[&str] = &["body", "headers", "content", "data", "response", "text"];

struct Budget {
    nodes: usize,
    bytes: usize,
    texts: usize,
}

impl Budget {
    fn spend(&mut self, bytes: usize) -> bool {
        if self.nodes == 0 || self.bytes < bytes {
            return false;
        }
        self.nodes -= 1;
        self.bytes -= bytes;
        true
    }
}

/// True when what was found already says what went wrong.
fn explained(c: &Collector) -> bool {
    let ev = &c.ev;
    ev.network.is_some()
        || ev.status.is_some()
            && (ev.oauth_error.is_some()
                || ev.gateway.is_some()
                || ev.empty_body
                || ev.www_authenticate.is_some()
                || ev
                    .errors
                    .iter()
                    .any(|e| e.code.is_some() || e.status.is_some() || e.pointer.is_some()))
}

/// Read what the paste wraps. `doc` is the paste's own JSON document, when
/// it is one.
pub(crate) fn nested(input: &str, doc: Option<&Value>, c: &mut Collector) {
    if explained(c) {
        return;
    }
    // A JSON paste counts as the body even when nothing in it was one; the
    // body may be inside it.
    if c.ev.body.is_none() && !c.ev.empty_body {
        c.body_seen = false;
    }
    let mut budget = Budget {
        nodes: MAX_NODES,
        bytes: input.len().saturating_mul(2).saturating_add(64 * 1024),
        texts: MAX_TEXTS,
    };
    match doc {
        Some(v) => walk(v, c, 1, &mut budget),
        None => plain(input, c, 1, &mut budget),
    }
}

/// Every object and string of a JSON value, without recursion on its depth.
fn walk(v: &Value, c: &mut Collector, depth: usize, budget: &mut Budget) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        if !budget.spend(0) {
            return;
        }
        match v {
            Value::Object(map) => {
                response_object(v, c);
                if map.contains_key("method")
                    && (map.contains_key("uri") || map.contains_key("url"))
                {
                    json_value::request_object(v, c);
                }
                stack.extend(map.values().rev());
            }
            Value::Array(items) => stack.extend(items.iter().rev().take(1000)),
            Value::String(s) if looks_wrapped(s) => inner(s, c, depth + 1, budget),
            _ => {}
        }
    }
}

/// A string worth reading as a document of its own: anything longer than
/// a name may be a message, a header value or a document (the budget keeps
/// the cost bounded).
fn looks_wrapped(s: &str) -> bool {
    s.trim().len() >= 8
}

/// A response as platforms record it: a status next to a body or headers.
fn response_object(v: &Value, c: &mut Collector) {
    let Some(obj) = v.as_object() else { return };
    let beside = RESPONSE_KEYS.iter().any(|k| obj.contains_key(*k));
    let code = json_value::status_field(v, HTTP_STATUS_KEYS).or_else(|| {
        beside
            .then(|| json_value::status_field(v, STATUS_KEYS))
            .flatten()
    });
    let Some(code) = code else {
        return;
    };
    if let Some(u) = json_value::str_field(v, &["url", "uri", "requestUrl", "request_url"]) {
        c.url(u);
    }
    let reason = json_value::str_field(v, &["statusText", "status_text", "reason", "reasonPhrase"]);
    let line = reason.map(|r| format!("{code} {r}"));
    c.status(code, line.as_deref(), rank::WIRE);
    c.response_headers(json_value::headers_of(obj.get("headers")));
    let body = ["body", "content", "data", "text"]
        .iter()
        .find_map(|k| obj.get(*k));
    match body {
        // Logic Apps and Power Automate keep a non-JSON content type's body
        // as base64 beside its type.
        Some(b) if b.get("$content").is_some() => {
            let decoded = b
                .get("$content")
                .and_then(Value::as_str)
                .and_then(text::base64_decode)
                .and_then(|bytes| String::from_utf8(bytes).ok());
            if let Some(s) = decoded {
                body_string(&s, c);
            }
        }
        Some(Value::String(s)) => body_string(s, c),
        Some(b @ Value::Object(_)) if !c.body_seen => json_value::body_json(b, c),
        _ => {}
    }
}

fn body_string(s: &str, c: &mut Collector) {
    if !c.body_seen {
        json_value::body_text(s, true, c);
    }
}

/// A string read as if it had been pasted alone.
fn inner(s: &str, c: &mut Collector, depth: usize, budget: &mut Budget) {
    if depth > MAX_DEPTH || !budget.spend(s.len()) {
        return;
    }
    let t = s.trim();
    if t.starts_with(['{', '[']) {
        // `[422] {…}` starts like JSON but is a message: only a document
        // that is the whole string counts.
        let parsed = match json_value::parse_prefix(t) {
            Some((v, end)) if t[end..].trim().is_empty() => Some((v, Flavour::Json)),
            Some(_) => None,
            None => json_value::parse_lenient(t, false),
        };
        if let Some((v, flavour)) = parsed {
            json::document(&v, t, flavour, c);
            walk(&v, c, depth, budget);
            return;
        }
    }
    if t.starts_with('<') {
        body_string(t, c);
        return;
    }
    if budget.texts == 0 {
        return;
    }
    budget.texts -= 1;
    super::scan_text(t, c);
    plain(t, c, depth, budget);
}

/// Text that is not one JSON document: what client libraries say, escaped
/// documents quoted in it, JSON blocks among it.
fn plain(t: &str, c: &mut Collector, depth: usize, budget: &mut Budget) {
    for region in text::edges(t) {
        for m in client_errors::find(region) {
            apply(&m, c, depth, budget);
        }
    }
    for decoded in escaped_literals(text::clip(t, super::HEAD_SCAN)) {
        inner(&decoded, c, depth + 1, budget);
    }
    for (a, b, complete) in literal::blocks(text::clip(t, super::HEAD_SCAN), 8) {
        if let Some((v, _)) = json_value::parse_lenient(&t[a..b], complete) {
            walk(&v, c, depth, budget);
        }
    }
}

/// Bodies a client library's message states (`… resulted in a `422 …`
/// response:\n{…}`), read before the loose-JSON search, which would keep
/// the library's own marks (`(truncated...)`) as part of the document.
/// True when one was a body. Not recursive: what the body wraps is for
/// [`nested`].
pub(crate) fn stated_bodies(t: &str, c: &mut Collector) -> bool {
    for m in client_errors::find(text::clip(t, super::HEAD_SCAN)) {
        if m.body.is_some() {
            state(&m, c);
            if c.body_seen {
                return true;
            }
        }
    }
    false
}

fn apply(m: &ClientError, c: &mut Collector, depth: usize, budget: &mut Budget) {
    state(m, c);
    if let Some(body) = &m.body {
        inner(clean_body(body), c, depth + 1, budget);
    }
}

/// Guzzle marks a body it cut, and prints more after the mark. A string
/// value cut mid-way (`"pointer": "/data/attri`) would be read as a whole
/// one, so a cut document keeps only its complete values.
fn clean_body(body: &str) -> &str {
    let Some(at) = body.find("(truncated...)") else {
        return body.trim_end();
    };
    let cut = body[..at].trim_end();
    if !cut.starts_with(['{', '[']) {
        return cut;
    }
    let (mut in_string, mut escaped, mut last) = (false, false, None);
    for (i, b) in cut.bytes().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' if in_string => escaped = true,
            b'"' => in_string = !in_string,
            b',' if !in_string => last = Some(i),
            b'{' | b'[' if !in_string => last = Some(i + 1),
            _ => {}
        }
    }
    match (in_string, last) {
        (true, Some(end)) => &cut[..end],
        _ => cut,
    }
}

/// What one client-library message states: status, request, OAuth error, body.
fn state(m: &ClientError, c: &mut Collector) {
    c.format(Format::ClientError);
    if let Some(n) = m.status {
        let line = match &m.reason {
            Some(r) => format!("{n} {r}"),
            None => m.matched.clone(),
        };
        c.status(n, Some(&line), rank::WIRE);
    }
    if let Some(m) = &m.method {
        c.method(m);
    }
    if let Some(u) = &m.url {
        c.url(u);
    }
    if let Some(code) = &m.oauth {
        c.oauth(code, m.description.as_deref(), rank::BODY);
    }
    if let Some(body) = &m.body {
        let body = clean_body(body);
        if !c.body_seen && !body.is_empty() {
            if body.starts_with('<') {
                gateway::page(body, c);
            }
            json_value::body_text(body, true, c);
        }
    }
}

/// Documents quoted as escaped strings in plain text (`body="{\"errors\"…}"`),
/// read as bodies before the loose-JSON search would take their escapes
/// for part of the document. True when one was a body.
pub(crate) fn quoted_documents(t: &str, c: &mut Collector) -> bool {
    for decoded in escaped_literals(text::clip(t, super::HEAD_SCAN)) {
        let d = decoded.trim();
        if !d.starts_with(['{', '[']) {
            continue;
        }
        if let Some((v, end)) = json_value::parse_prefix(d) {
            if json_value::body_value(&v, c) {
                c.body_seen = true;
                if c.ev.body.is_none() {
                    c.ev.body = Some(d[..end].to_string());
                }
                return true;
            }
        }
    }
    false
}

/// JSON string literals quoted inside plain text that hold a document
/// (`body="{\"errors\":…}"`, irb's `=> "{\"errors\":…}"`), decoded.
fn escaped_literals(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = t.as_bytes();
    for (i, _) in t.match_indices('"') {
        if out.len() >= MAX_LITERALS {
            break;
        }
        let next = bytes.get(i + 1..i + 3).unwrap_or_default();
        let opens = next
            .first()
            .is_some_and(|b| matches!(b, b'{' | b'[' | b'<'))
            && (next.get(1) == Some(&b'\\') || next.first() == Some(&b'<'));
        if !opens {
            continue;
        }
        let mut stream = serde_json::Deserializer::from_str(&t[i..]).into_iter::<String>();
        if let Some(Ok(s)) = stream.next() {
            if s.len() > 2 {
                out.push(s);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::gather;

    #[test]
    fn a_body_escaped_at_any_depth_is_read() {
        let mut doc =
            r#"{"errors":[{"title":"has already been taken","code":"100","status":"422"}]}"#
                .to_string();
        for _ in 0..4 {
            doc = serde_json::json!({ "wrapped": doc }).to_string();
        }
        let ev = gather(&doc);
        assert_eq!(ev.status, Some(422));
        assert_eq!(ev.errors.len(), 1);
    }

    #[test]
    fn depth_is_bounded() {
        let mut doc = r#"{"errors":[{"title":"x","code":"100","status":"422"}]}"#.to_string();
        for _ in 0..(super::MAX_DEPTH + 3) {
            doc = serde_json::json!({ "w": doc }).to_string();
        }
        assert_eq!(gather(&doc).status, None);
    }

    #[test]
    fn a_platform_response_object_gives_status_headers_and_body() {
        let doc = serde_json::json!({
            "outputs": {"statusCode": 404, "headers": {"Content-Type": "application/vnd.api+json"},
                        "body": {"$content-type": "application/vnd.api+json",
                                 "$content": "eyJlcnJvcnMiOlt7InRpdGxlIjoiUmVjb3JkIG5vdCBmb3VuZCJ9XX0="}}
        })
        .to_string();
        let ev = gather(&doc);
        assert_eq!(ev.status, Some(404));
        assert_eq!(ev.errors.len(), 1);
    }

    #[test]
    fn a_value_cut_by_truncation_is_dropped() {
        let body = r#"{"errors":[{"detail":"name - can't be blank","source":{"pointer":"/data/attri (truncated...)
 in /var/www/x.php"#;
        assert_eq!(
            super::clean_body(body),
            r#"{"errors":[{"detail":"name - can't be blank","source":{"#
        );
        assert_eq!(super::clean_body("Retry later\n"), "Retry later");
    }

    #[test]
    fn hostile_nesting_costs_little() {
        let bomb = format!("{}{}", "[\"".repeat(5000), "\\\"".repeat(5000));
        let _ = gather(&bomb);
        let quotes = "\"{\\\"".repeat(20_000);
        let _ = gather(&quotes);
    }
}
