//! Small text tools shared by the recognisers: clipping on char boundaries,
//! walking lines with their byte offsets, the shapes of status, request and
//! header lines, form bodies (decoded by `util::percent`), base64, URLs.
//! All linear, none can panic on any input.

use crate::engine::util::percent;

/// The longest prefix of `s` no longer than `max` bytes, cut on a char boundary.
pub(crate) fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut i = max;
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    s.get(..i).unwrap_or_default()
}

/// The longest suffix of `s` no longer than `max` bytes, cut on a char boundary.
pub(crate) fn tail(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut i = s.len() - max;
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    s.get(i..).unwrap_or_default()
}

/// The parts of a paste worth scanning for one-line messages: all of it when
/// short, else its head and its tail.
pub(crate) fn edges(s: &str) -> Vec<&str> {
    use super::{HEAD_SCAN, TAIL_SCAN};
    if s.len() <= HEAD_SCAN + TAIL_SCAN {
        vec![s]
    } else {
        vec![clip(s, HEAD_SCAN), tail(s, TAIL_SCAN)]
    }
}

/// Lines with the byte offset where each starts, without line endings.
pub(crate) fn lines(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut off = 0;
    s.split_inclusive('\n').map(move |l| {
        let start = off;
        off += l.len();
        (start, l.trim_end_matches(['\n', '\r']))
    })
}

/// One line, whitespace collapsed, at most `max` chars (with an ellipsis).
pub(crate) fn snippet(s: &str, max: usize) -> String {
    let line = s.trim();
    let mut out = String::new();
    let mut count = 0;
    let mut space = false;
    for ch in line.chars() {
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
            count += 1;
        }
        space = false;
        if count >= max {
            out.push('…');
            return out;
        }
        out.push(ch);
        count += 1;
    }
    out
}

pub(crate) fn is_method(m: &str) -> bool {
    matches!(
        m,
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"
    )
}

/// `HTTP/1.1 401 Unauthorized`, `HTTP/2 401`: the status, when `line` is one.
pub(crate) fn status_line(line: &str) -> Option<u16> {
    let rest = line
        .strip_prefix("HTTP/")
        .or_else(|| line.strip_prefix("http/"))?;
    let (version, rest) = rest.split_once(' ')?;
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    three_digit_status(rest.trim_start())
}

/// A status at the start of `s`: three digits in 100..=599, then nothing or
/// a space.
pub(crate) fn three_digit_status(s: &str) -> Option<u16> {
    let digits = s.get(..3)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let after = &s[3..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    digits.parse().ok().filter(|c| (100..=599).contains(c))
}

/// A request line: `GET /acme/v1/me HTTP/1.1` or `POST https://… HTTP/2`.
pub(crate) struct RequestLine<'a> {
    pub method: &'a str,
    pub target: &'a str,
    /// The line ends with an `HTTP/x` version, as on the wire.
    pub versioned: bool,
}

pub(crate) fn request_line(line: &str) -> Option<RequestLine<'_>> {
    let mut parts = line.split_whitespace();
    let method = parts.next()?;
    if !is_method(method) {
        return None;
    }
    let target = parts.next()?;
    if !(target.starts_with('/') || target.starts_with("http://") || target.starts_with("https://"))
    {
        return None;
    }
    let version = parts.next();
    let versioned = version.is_some_and(|v| v.starts_with("HTTP/")) && parts.next().is_none();
    Some(RequestLine {
        method,
        target,
        versioned,
    })
}

fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `Name: value`, as in a header block.
pub(crate) fn header_line(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    let value = value.trim();
    if !is_header_name(name) || value.starts_with("//") {
        return None;
    }
    Some((name, value))
}

/// `Name<TAB>value`, as copied from a two-column table (Postman's console).
pub(crate) fn tabbed_pair(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once('\t')?;
    let name = name.trim();
    is_header_name(name).then(|| (name, value.trim()))
}

/// Either header shape, owned.
pub(crate) fn header_pair(line: &str) -> Option<(String, String)> {
    header_line(line)
        .or_else(|| tabbed_pair(line))
        .map(|(k, v)| (k.to_string(), v.to_string()))
}

/// `a=b&c=d` as pairs, when the text has that shape.
pub(crate) fn form_params(body: &str) -> Option<Vec<(String, String)>> {
    let b = body.trim();
    if b.is_empty() || !b.contains('=') || b.starts_with(['{', '[', '<']) {
        return None;
    }
    let mut out = Vec::new();
    for pair in b.split('&') {
        if pair.is_empty() {
            continue;
        }
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent::decode(k.trim());
        if key.is_empty() || key.len() > 128 || key.contains(char::is_whitespace) {
            return None;
        }
        out.push((key, percent::decode(v.trim())));
        if out.len() >= 256 {
            break;
        }
    }
    (!out.is_empty()).then_some(out)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard or URL-safe base64, whitespace ignored.
pub(crate) fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for b in s.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            b if b.is_ascii_whitespace() => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

pub(crate) fn base64_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(B64[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The full URL of a request target: absolute targets as they are, paths
/// joined to the host the paste named.
pub(crate) fn full_url(scheme: &str, host: Option<&str>, target: &str) -> String {
    if target.starts_with("http://") || target.starts_with("https://") {
        return target.to_string();
    }
    match host.map(str::trim).filter(|h| !h.is_empty()) {
        Some(h) => format!("{scheme}://{h}{target}"),
        None => target.to_string(),
    }
}

/// Every `http(s)://…` URL in `s`, in order, without trailing punctuation.
pub(crate) fn urls(s: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let rest = s.get(from..)?;
        let at = rest.find("http")?;
        let cand = &rest[at..];
        from += at + 4;
        if !(cand.starts_with("http://") || cand.starts_with("https://")) {
            return Some(None);
        }
        let end = cand
            .find(|c: char| {
                c.is_whitespace()
                    || matches!(c, '\'' | '"' | '<' | '>' | '`' | '‘' | '’' | ')' | ',')
            })
            .unwrap_or(cand.len());
        let url = cand[..end].trim_end_matches(['.', ';', ':', ']', '}']);
        from += end.saturating_sub(4);
        Some((url.len() > "https://".len()).then_some(url))
    })
    .flatten()
}

/// The host of an absolute URL, lower-cased.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default();
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}
