//! The lexical pieces of a literal: identifiers, quoted strings in every
//! notation (with their escapes), numbers as JSON writes them, and
//! `[Tag …]` labels. Each reads from a byte index and never panics.

pub(super) fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$'
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

pub(super) fn ident_end(bytes: &[u8], from: usize) -> usize {
    let mut j = from;
    while j < bytes.len() && is_ident(bytes[j]) {
        j += 1;
    }
    j
}

/// The next byte that is not a space, tab or line break.
pub(super) fn next_significant(bytes: &[u8], mut i: usize) -> Option<u8> {
    while let Some(&b) = bytes.get(i) {
        if !b.is_ascii_whitespace() {
            return Some(b);
        }
        i += 1;
    }
    None
}

/// The char at byte `i`, if `i` is on a char boundary.
pub(super) fn char_at(src: &str, i: usize) -> Option<char> {
    src.get(i..).and_then(|r| r.chars().next())
}

/// Read a quoted string starting at the quote; returns the text and the
/// index after the closing quote. `'` and `"` strings end at a line break
/// too, so a stray apostrophe cannot swallow the rest of a paste.
pub(super) fn read_string(src: &str, start: usize) -> (String, usize) {
    let bytes = src.as_bytes();
    let q = bytes[start];
    let mut s = String::new();
    let mut i = start + 1;
    while i < bytes.len() {
        let b = bytes[i];
        if b == q {
            return (s, i + 1);
        }
        if b == b'\n' && q != b'`' {
            return (s, i);
        }
        if b == b'\\' {
            let Some(e) = char_at(src, i + 1) else {
                return (s, bytes.len());
            };
            i += 1 + e.len_utf8();
            match e {
                'n' => s.push('\n'),
                't' => s.push('\t'),
                'r' => s.push('\r'),
                'b' => s.push('\u{8}'),
                'f' => s.push('\u{c}'),
                '0' => s.push('\0'),
                'x' => {
                    let code = src
                        .get(i..i + 2)
                        .and_then(|h| u32::from_str_radix(h, 16).ok());
                    if let Some(c) = code.and_then(char::from_u32) {
                        s.push(c);
                        i += 2;
                    }
                }
                'u' => {
                    let (c, used) = unicode_escape(src, i);
                    s.push(c);
                    i += used;
                }
                '\n' => {}
                // Any other escaped char stands for itself.
                other => s.push(other),
            }
            continue;
        }
        match char_at(src, i) {
            Some(c) => {
                s.push(c);
                i += c.len_utf8();
            }
            None => i += 1,
        }
    }
    (s, bytes.len())
}

/// `\uXXXX` (with surrogate pairs) or `\u{…}` after the `u`; returns the
/// char and how many bytes were used.
fn unicode_escape(src: &str, i: usize) -> (char, usize) {
    let four = |at: usize| {
        src.get(at..at + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    if src.as_bytes().get(i) == Some(&b'{') {
        if let Some(end) = src
            .get(i..)
            .and_then(|s| s.bytes().take(10).position(|b| b == b'}'))
        {
            let code = src
                .get(i + 1..i + end)
                .and_then(|h| u32::from_str_radix(h, 16).ok());
            return (code.and_then(char::from_u32).unwrap_or('\u{fffd}'), end + 1);
        }
        return ('\u{fffd}', 0);
    }
    let Some(hi) = four(i) else {
        return ('\u{fffd}', 0);
    };
    if (0xD800..0xDC00).contains(&hi) && src.get(i + 4..i + 6) == Some("\\u") {
        if let Some(lo) = four(i + 6).filter(|lo| (0xDC00..0xE000).contains(lo)) {
            let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
            return (char::from_u32(c).unwrap_or('\u{fffd}'), 10);
        }
    }
    (char::from_u32(hi).unwrap_or('\u{fffd}'), 4)
}

/// True when `s` is a number as JSON writes it.
pub(super) fn is_json_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s).as_bytes();
    let Some(&first) = digits.first() else {
        return false;
    };
    if !first.is_ascii_digit() || (first == b'0' && digits.get(1).is_some_and(u8::is_ascii_digit)) {
        return false;
    }
    s.parse::<f64>().is_ok_and(f64::is_finite)
        && !s.ends_with('.')
        && !s.contains(".e")
        && !s.contains(".E")
        && !s.contains('_')
}

/// Length of a `[Tag …]` label at `i` (through the `]`), when it is one:
/// a word inside brackets on one line, without commas or quotes, and not a
/// literal (`[true]` is an array).
pub(super) fn tag_len(bytes: &[u8], i: usize) -> Option<usize> {
    let rest = bytes.get(i + 1..)?;
    let close = rest
        .iter()
        .take(200)
        .position(|&c| matches!(c, b']' | b'\n' | b',' | b'\'' | b'"' | b'[' | b'{'))?;
    if rest[close] != b']' {
        return None;
    }
    let inner = &rest[..close];
    if matches!(
        inner,
        b"true" | b"false" | b"null" | b"None" | b"True" | b"False" | b"nil" | b"undefined"
    ) {
        return None;
    }
    Some(close + 2)
}
