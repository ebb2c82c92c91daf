//! Pinpointing the member a 400 or 422 names: the request body (redacted)
//! with that member's place marked, or, when the body lacks it, where it
//! belongs in a minimal JSON:API body. The member comes from the error's
//! `source.pointer`, or from its detail ("name - can't be blank", "x is not
//! allowed"); the body from whatever the evidence read (curl `-d`, HAR
//! `postData`, a Postman console, a Workato input, a raw request).
//!
//! The body is located by one linear scan of its text (no re-printing, so
//! the marked span is the text as it was sent), with an explicit stack
//! rather than recursion, as the recognisers are.

use super::diagnosis::Pinpoint;
use super::evidence::Evidence;
use super::redact::{scrub, Secret};
use super::signals::{attribute_of, split_url};

/// The pinpoint for this evidence, when the error names a member.
pub fn pinpoint(ev: &Evidence, status: Option<u16>, secrets: &[Secret]) -> Option<Pinpoint> {
    if !matches!(status, Some(400 | 422)) {
        return None;
    }
    let (path, exact) = named_member(ev)?;
    let body = ev
        .request
        .body
        .as_deref()
        .map(|b| scrub(b.trim(), secrets))
        .filter(|b| b.starts_with('{'));
    if let Some(body) = body {
        let found = find_member(&body, &path)
            .map(|span| (span, path.clone()))
            .or_else(|| {
                // The detail names only the attribute: find it wherever it is.
                let name = path.last()?;
                find_named(&body, name)
            });
        if let Some(((start, end), at)) = found {
            let pointer = pointer_of(&at);
            let lines = lines_of(&body, start, end);
            return Some(Pinpoint {
                note: format!("The error points at {pointer}, marked in the body that was sent."),
                path: pointer,
                present: true,
                body,
                span: (start, end),
                lines,
            });
        }
    }
    let path = if exact { path } else { attribute_path(&path) };
    let (minimal, span) = minimal_body(&path, resource_type(ev).as_deref());
    let pointer = pointer_of(&path);
    let lines = lines_of(&minimal, span.0, span.1);
    let note = if ev.request.body.is_some() {
        format!("The body that was sent has no {pointer}; in a minimal JSON:API body it goes here.")
    } else {
        format!(
            "The request body is not in the paste; in a minimal JSON:API body {pointer} goes here."
        )
    };
    Some(Pinpoint {
        path: pointer,
        present: false,
        body: minimal,
        span,
        lines,
        note,
    })
}

/// The member the error names, as path segments, and whether the path came
/// from a pointer (exact) or only a name in the detail.
fn named_member(ev: &Evidence) -> Option<(Vec<String>, bool)> {
    let from_pointer = ev.errors.iter().find_map(|e| {
        let p = e.pointer.as_deref()?.trim();
        let segs: Vec<String> = p
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect();
        (!segs.is_empty()).then_some(segs)
    });
    if let Some(p) = from_pointer {
        return Some((p, true));
    }
    let name = ev
        .errors
        .iter()
        .filter_map(|e| e.detail.as_deref())
        .find_map(|d| attribute_of(d).or_else(|| not_allowed(d)))?;
    Some((vec![name], false))
}

/// `x is not allowed.` (JSONAPI::Resources' code 105) → `x`.
fn not_allowed(detail: &str) -> Option<String> {
    let d = detail.trim().trim_end_matches('.');
    let name = d
        .strip_suffix(" is not allowed")?
        .trim()
        .trim_matches(['"', '\'', '`']);
    (!name.is_empty() && !name.contains(char::is_whitespace)).then(|| name.to_string())
}

/// A bare attribute name placed where JSON:API puts attributes.
fn attribute_path(path: &[String]) -> Vec<String> {
    let mut p = vec!["data".to_string(), "attributes".to_string()];
    p.extend(path.iter().cloned());
    p
}

fn pointer_of(path: &[String]) -> String {
    format!("/{}", path.join("/"))
}

/// The resource type the URL names (`/acme/v1/projects/7` → `projects`).
fn resource_type(ev: &Evidence) -> Option<String> {
    let parts = split_url(ev.request.url.as_deref()?)?;
    parts
        .path
        .split('/')
        .rfind(|s| !s.is_empty() && !s.chars().all(|c| c.is_ascii_digit()))
        .filter(|s| *s != "v1")
        .map(str::to_string)
}

/// A minimal JSON:API body holding the member at `path`, and the member's
/// span in it. Every level of the path becomes one object; the member's
/// value is a placeholder (a relationship's is its `data` linkage).
fn minimal_body(path: &[String], kind: Option<&str>) -> (String, (usize, usize)) {
    let mut out = String::from("{\n");
    let mut span = (0, 0);
    let Some((last, parents)) = path.split_last() else {
        return ("{}".to_string(), (0, 2));
    };
    let mut indent = 1;
    for (i, seg) in parents.iter().enumerate() {
        let pad = "  ".repeat(indent);
        out.push_str(&format!("{pad}\"{seg}\": {{\n"));
        indent += 1;
        if i == 0 && seg == "data" {
            let pad = "  ".repeat(indent);
            out.push_str(&format!("{pad}\"type\": \"{}\",\n", kind.unwrap_or("…")));
        }
    }
    let pad = "  ".repeat(indent);
    let value = if parents.last().map(String::as_str) == Some("relationships") {
        "{ \"data\": { \"type\": \"…\", \"id\": \"…\" } }"
    } else {
        "\"…\""
    };
    out.push_str(&pad);
    span.0 = out.len();
    out.push_str(&format!("\"{last}\": {value}"));
    span.1 = out.len();
    out.push('\n');
    for level in (0..indent - 1).rev() {
        out.push_str(&"  ".repeat(level + 1));
        out.push_str("}\n");
    }
    out.push('}');
    (out, span)
}

/// 1-based first and last line of a byte span.
fn lines_of(text: &str, start: usize, end: usize) -> (usize, usize) {
    let line = |at: usize| text.get(..at).map_or(1, |t| t.matches('\n').count() + 1);
    (line(start), line(end.max(start)))
}

/// One open container of the scan: an object's current key, or an array's
/// index.
struct Frame {
    object: bool,
    key: Option<String>,
    key_start: usize,
    index: usize,
}

/// Every member of the JSON text with its path and span (`"key": value`),
/// in order; stops early when `visit` returns true. Malformed text simply
/// ends the scan.
fn scan(text: &str, mut visit: impl FnMut(&[Frame], usize, usize) -> bool) {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    // Members whose value is still open: (depth of their frame, start).
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut expect_key = false;
    let mut i = 0;
    // A value that ended at `end` closes the member of the frame on top.
    let mut finish = |stack: &[Frame], open: &mut Vec<(usize, usize)>, end: usize| {
        if let Some(&(depth, start)) = open.last() {
            if depth == stack.len() {
                open.pop();
                return visit(stack, start, end);
            }
        }
        false
    };
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'{' | b'[' => {
                let object = b == b'{';
                if let Some(top) = stack.last() {
                    if top.object && top.key.is_some() {
                        open.push((stack.len(), top.key_start));
                    }
                }
                stack.push(Frame {
                    object,
                    key: None,
                    key_start: i,
                    index: 0,
                });
                expect_key = object;
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
                if finish(&stack, &mut open, i) {
                    return;
                }
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    top.index += 1;
                    top.key = None;
                    expect_key = top.object;
                }
                i += 1;
            }
            b':' => i += 1,
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                if expect_key {
                    let key = text.get(start + 1..i.saturating_sub(1)).unwrap_or("");
                    if let Some(top) = stack.last_mut() {
                        top.key = Some(key.to_string());
                        top.key_start = start;
                    }
                    expect_key = false;
                } else if let Some(top) = stack.last() {
                    if top.object && top.key.is_some() {
                        open.push((stack.len(), top.key_start));
                        if finish(&stack, &mut open, i) {
                            return;
                        }
                    }
                }
            }
            b if b.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < bytes.len()
                    && !matches!(bytes[i], b',' | b'}' | b']')
                    && !bytes[i].is_ascii_whitespace()
                {
                    i += 1;
                }
                if let Some(top) = stack.last() {
                    if top.object && top.key.is_some() && i > start {
                        open.push((stack.len(), top.key_start));
                        if finish(&stack, &mut open, i) {
                            return;
                        }
                    }
                }
            }
        }
    }
}

/// The path of the innermost member: every frame's key or index.
fn path_of(stack: &[Frame]) -> Vec<String> {
    stack
        .iter()
        .filter_map(|f| {
            if f.object {
                f.key.clone()
            } else {
                Some(f.index.to_string())
            }
        })
        .collect()
}

/// The span of the member at exactly `path`.
fn find_member(text: &str, path: &[String]) -> Option<(usize, usize)> {
    let mut found = None;
    scan(text, |stack, start, end| {
        // The depth first: building the path of every member of a deeply
        // nested body would make a hostile paste quadratic.
        if stack.len() == path.len() && path_of(stack) == path {
            found = Some((start, end));
        }
        found.is_some()
    });
    found
}

/// The first member called `name`, anywhere, with its path.
fn find_named(text: &str, name: &str) -> Option<((usize, usize), Vec<String>)> {
    let mut found = None;
    scan(text, |stack, start, end| {
        if stack.last().and_then(|f| f.key.as_deref()) == Some(name) {
            found = Some(((start, end), path_of(stack)));
        }
        found.is_some()
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(p: &str) -> Vec<String> {
        p.split('/')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    }

    #[test]
    fn finds_nested_members_as_written() {
        let body =
            r#"{"data": {"type": "projects", "attributes": {"name": "", "x": [1, {"y": 2}]}}}"#;
        let (s, e) = find_member(body, &segs("/data/attributes/name")).unwrap_or_default();
        assert_eq!(&body[s..e], r#""name": """#);
        let (s, e) = find_member(body, &segs("/data/attributes/x/1/y")).unwrap_or_default();
        assert_eq!(&body[s..e], r#""y": 2"#);
        let (s, e) = find_member(body, &segs("/data/attributes")).unwrap_or_default();
        assert!(body[s..e].starts_with(r#""attributes": {"#) && body[s..e].ends_with('}'));
        assert_eq!(find_member(body, &segs("/data/relationships/client")), None);
    }

    #[test]
    fn deep_nesting_stays_linear() {
        let deep = format!("{}{}", "{\"a\":".repeat(200_000), "}".repeat(200_000));
        let started = std::time::Instant::now();
        assert!(find_member(&deep, &segs("/data/attributes/name")).is_none());
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn malformed_text_ends_the_scan_quietly() {
        for body in ["{\"a\": ", "{\"a\"", "}}]]", "{\"a\": \"\\", "[{\"a\":1}"] {
            let _ = find_member(body, &segs("/a"));
            let _ = find_named(body, "a");
        }
    }

    #[test]
    fn minimal_body_marks_the_member() {
        let (b, (s, e)) = minimal_body(&segs("/data/relationships/client"), Some("projects"));
        assert!(b[s..e].starts_with("\"client\": {"));
        assert!(
            serde_json::from_str::<serde_json::Value>(&b.replace('…', "x")).is_ok(),
            "{b}"
        );
        assert!(b.contains("\"type\": \"projects\""));
    }
}
