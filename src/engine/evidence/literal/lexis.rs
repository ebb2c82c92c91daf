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

/// Exponents beyond this (counting the integer digits) could overflow a
/// double, which JSON readers refuse; such numbers are kept as text.
const MAX_MAGNITUDE: i64 = 300;

/// True when `s` is a number as JSON writes it, and one a JSON reader
/// takes (no overflow). Read by its grammar, not by parsing a float: the
/// float parser and printer are the largest pieces of code the engine
/// would otherwise carry for this.
pub(super) fn is_json_number(s: &str) -> bool {
    let b = s.strip_prefix('-').unwrap_or(s).as_bytes();
    let int = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if int == 0 || (b[0] == b'0' && int > 1) {
        return false;
    }
    let mut i = int;
    if b.get(i) == Some(&b'.') {
        let frac = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if frac == 0 {
            return false;
        }
        i += 1 + frac;
    }
    let mut exp: i64 = 0;
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        let negative = b.get(i) == Some(&b'-');
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        let value = b[i..i + digits]
            .iter()
            .fold(0i64, |n, &d| (n * 10 + i64::from(d - b'0')).min(1 << 40));
        exp = if negative { -value } else { value };
        i += digits;
    }
    i == b.len() && (int as i64).saturating_add(exp) <= MAX_MAGNITUDE
}

/// A number as JavaScript, Python or Ruby write it (`1_000`, `007`, `5.`,
/// `1.e5`, `-.5`) rewritten as JSON writes it, when it is one.
pub(super) fn json_number(raw: &str) -> Option<String> {
    let (sign, digits) = match raw.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", raw),
    };
    let plain: String = digits.chars().filter(|&c| c != '_').collect();
    let (mantissa, exponent) = match plain.find(['e', 'E']) {
        Some(at) => plain.split_at(at),
        None => (plain.as_str(), ""),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let mut out = format!("{sign}{int}");
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out.push_str(exponent);
    is_json_number(&out).then_some(out)
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

#[cfg(test)]
mod number_tests {
    use super::{is_json_number, json_number};

    #[test]
    fn json_numbers_by_their_grammar() {
        for ok in ["0", "-0", "401", "-12.5", "1e5", "1.5E-3", "2e+10", "0.001"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for no in [
            "", "-", "007", "5.", ".5", "1.e5", "1e", "1e+", "0x1F", "1_000", "1e400", "NaN",
        ] {
            assert!(!is_json_number(no), "{no}");
        }
        // Every number is one a JSON reader takes.
        for n in ["1e299", "1e-400", "-0"] {
            assert!(serde_json::from_str::<serde_json::Value>(n).is_ok(), "{n}");
        }
    }

    #[test]
    fn other_languages_numbers_are_rewritten_as_json() {
        let cases = [
            ("1_000", Some("1000")),
            ("007", Some("7")),
            ("5.", Some("5")),
            ("1.e5", Some("1e5")),
            ("-.5", Some("-0.5")),
            ("-007.50", Some("-7.50")),
            ("0x1F", None),
            ("1e400", None),
            ("12abc", None),
        ];
        for (raw, want) in cases {
            assert_eq!(json_number(raw).as_deref(), want, "{raw}");
        }
    }
}
