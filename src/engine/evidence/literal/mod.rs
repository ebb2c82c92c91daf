//! Object literals that are almost JSON: JavaScript as Node and browsers
//! print it (unquoted keys, single quotes, `Object [AxiosHeaders] {`,
//! `[Function: x]`, `<ref *1>`), Python dict reprs (`'key'`, `True`, `None`),
//! Ruby hashes (`{:error=>:invalid_grant}`), and JSON cut off mid-way.
//!
//! One linear pass rewrites such text into valid JSON (closing what a
//! truncated paste left open), so serde_json can parse it once. An explicit
//! stack replaces recursion, so nesting depth costs nothing here.
//!
//! `blocks` finds the literals in a text, `lexis` reads their pieces,
//! `writer` writes the JSON; this file is the pass that drives them.

mod blocks;
mod lexis;
mod writer;

pub(crate) use blocks::blocks;
pub(crate) use writer::Flavour;

use lexis::{
    char_at, ident_end, is_ident_start, is_json_number, json_number, next_significant, read_string,
    tag_len,
};
use writer::{push_json_str, Want, Writer};

/// Rewrite a JavaScript / Python / Ruby literal (or truncated JSON) that
/// starts with `{` or `[` into JSON text, closing what was left open.
pub(crate) fn to_json(src: &str) -> (String, Flavour) {
    let bytes = src.as_bytes();
    let mut w = Writer::new(src.len());
    let mut i = 0;
    while i < bytes.len() && !w.done {
        let b = bytes[i];
        match b {
            b'{' => {
                w.open(true);
                i += 1;
            }
            b'[' => {
                let after = bytes.get(i + 1).copied().unwrap_or(b' ');
                if let Some(len) = is_ident_start(after).then(|| tag_len(bytes, i)).flatten() {
                    let tag = src.get(i + 1..i + len - 1).unwrap_or_default();
                    w.seen.js_tags = true;
                    if matches!(next_significant(bytes, i + len), Some(b'{' | b'[')) {
                        // A type label (`Object [AxiosHeaders] {`): drop it.
                    } else if w.in_object() && matches!(w.want, Want::Key | Want::Comma) {
                        w.scalar("", Some(tag));
                    } else {
                        w.scalar("null", None);
                    }
                    i += len;
                    continue;
                }
                w.open(false);
                i += 1;
            }
            b'}' | b']' => {
                w.close();
                i += 1;
            }
            b',' => {
                w.comma();
                i += 1;
            }
            b':' => {
                let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                if w.want != Want::Colon && (is_ident_start(next) || next == b'"') {
                    // A Ruby symbol: `:invalid_grant`, `:"a b"`.
                    w.seen.ruby = true;
                    if next == b'"' {
                        let (s, end) = read_string(src, i + 1);
                        w.string(&s);
                        i = end;
                    } else {
                        let end = ident_end(bytes, i + 1);
                        w.string(src.get(i + 1..end).unwrap_or_default());
                        i = end;
                    }
                    continue;
                }
                w.colon();
                i += 1;
            }
            b'=' if bytes.get(i + 1) == Some(&b'>') => {
                w.seen.ruby = true;
                w.colon();
                i += 2;
            }
            b'+' if w.out.ends_with('"')
                && matches!(next_significant(bytes, i + 1), Some(b'\'' | b'"' | b'`')) =>
            {
                w.concat = true;
                i += 1;
            }
            b'"' | b'\'' | b'`' => {
                if b == b'\'' {
                    w.seen.single_quotes = true;
                }
                let (s, end) = read_string(src, i);
                w.string(&s);
                i = end;
            }
            b'<' => {
                // `<ref *1>`, `<Buffer 7b 22>`, `<pending>`: nothing to keep.
                i = bytes[i..]
                    .iter()
                    .take(200)
                    .position(|&c| c == b'>' || c == b'\n')
                    .map_or(i + 1, |p| i + p + 1);
            }
            b'.' if bytes.get(i + 1..i + 3) == Some(b"..") => {
                // `... 2 more items`
                while i < bytes.len() && !matches!(bytes[i], b',' | b']' | b'}' | b'\n') {
                    i += 1;
                }
            }
            b'-' | b'0'..=b'9' => {
                let end = bytes[i + 1..]
                    .iter()
                    .position(|&c| {
                        !(c.is_ascii_alphanumeric() || matches!(c, b'.' | b'+' | b'-' | b'_'))
                    })
                    .map_or(bytes.len(), |p| i + 1 + p);
                let raw = src.get(i..end).unwrap_or_default();
                if is_json_number(raw) {
                    w.scalar(raw, Some(raw));
                } else if let Some(n) = json_number(raw) {
                    w.scalar(&n, Some(raw));
                } else if raw.len() > 1 {
                    let mut s = String::new();
                    push_json_str(&mut s, raw);
                    w.scalar(&s, Some(raw));
                }
                i = end;
            }
            b if is_ident_start(b) => {
                let end = ident_end(bytes, i);
                let word = src.get(i..end).unwrap_or_default();
                // Python string prefixes: b'…', u"…", r'…'.
                if matches!(bytes.get(end), Some(b'\'' | b'"'))
                    && matches!(word, "b" | "u" | "r" | "f" | "rb" | "br")
                {
                    i = end;
                    continue;
                }
                let mut j = end;
                let mut label = word;
                if next_significant(bytes, j) == Some(b'(') {
                    // `Symbol(kCapture)`, `Map(2)`, `Decimal('1.5')`.
                    let open = bytes[j..]
                        .iter()
                        .position(|&c| c == b'(')
                        .map_or(j, |p| j + p);
                    let close = bytes[open..]
                        .iter()
                        .take(400)
                        .position(|&c| c == b')' || c == b'\n')
                        .map_or(open + 1, |p| open + p + 1);
                    label = src.get(i..close).unwrap_or(word);
                    j = close;
                }
                let after = next_significant(bytes, j);
                if w.in_object() && matches!(w.want, Want::Key | Want::Comma) {
                    w.seen.bare_keys = true;
                    w.scalar("", Some(label));
                } else if matches!(after, Some(b'{' | b'[')) {
                    // `ClientRequest {`, `Object [AxiosHeaders] {`: a type label.
                    w.seen.js_tags = true;
                } else {
                    match word {
                        "true" => w.scalar("true", None),
                        "false" => w.scalar("false", None),
                        "True" | "False" => {
                            w.seen.python_consts = true;
                            w.scalar(if word == "True" { "true" } else { "false" }, None);
                        }
                        "None" => {
                            w.seen.python_consts = true;
                            w.scalar("null", None);
                        }
                        "null" | "nil" | "undefined" | "NaN" | "Infinity" => w.scalar("null", None),
                        _ => w.string(label),
                    }
                }
                i = j;
            }
            _ => {
                // Whitespace, `…`, stray punctuation: skip one char.
                i += char_at(src, i).map_or(1, char::len_utf8);
            }
        }
    }
    while !w.stack.is_empty() {
        w.close();
    }
    let flavour = w.seen.flavour();
    (w.out, flavour)
}
