//! JSON documents: the dispatch of a whole JSON paste (or a block in one) to
//! the container it is (HAR, Workato, Zapier, axios) or to a plain body.
//! What reads bodies, headers and fields is `json_value`, below them all.
//!
//! A document is parsed once and handed around as a `Value`; nothing here
//! re-serialises a large value.

pub(crate) use super::json_value::{body_text, params_of_body, parse_prefix};
use super::json_value::{body_value, flavour_format, parse_lenient};
use super::literal::{self, Flavour};
use super::{har, platforms, traces, Collector};
use serde_json::Value;

/// What the collector holds, to tell whether a recogniser added anything.
fn mark(c: &Collector) -> (usize, bool, bool, usize, bool) {
    (
        c.ev.formats.len(),
        c.ev.status.is_some(),
        c.ev.oauth_error.is_some(),
        c.ev.errors.len(),
        c.ev.network.is_some(),
    )
}

/// A whole JSON document (the paste, or a block in it). Returns true when it
/// was recognised as something.
pub(crate) fn document(v: &Value, raw: &str, flavour: Flavour, c: &mut Collector) -> bool {
    let before = mark(c);
    if har::har(v, c)
        || platforms::workato(v, c)
        || platforms::zapier(v, c)
        || traces::axios_value(v, c)
    {
        // Containers handle their own bodies.
    } else if body_value(v, c) {
        c.body_seen = true;
        if c.ev.body.is_none() {
            c.ev.body = Some(raw.trim().to_string());
        }
    } else if traces::fetch_response_value(v, c) {
        // A fetch Response object: status and URL, no body.
    } else if let Some(obj) = v.as_object() {
        for key in ["message", "error_message", "errorMessage"] {
            if let Some(s) = obj.get(key).and_then(Value::as_str) {
                super::network::scan_str(s, c);
            }
        }
    }
    let recognised = mark(c) != before;
    if recognised {
        flavour_format(flavour, c);
    }
    recognised
}

/// JSON blocks inside other text (prose, logs, tracebacks): the first one
/// that is recognised wins.
pub(crate) fn embedded(text: &str, c: &mut Collector) {
    for (s, e, complete) in literal::blocks(text, 16) {
        let block = &text[s..e];
        if let Some((v, flavour)) = parse_lenient(block, complete) {
            if document(&v, block, flavour, c) {
                return;
            }
        }
    }
}
