//! The byte-level readers the walk shares (where a quoted or unquoted
//! value ends, masks already in the text, escaping depth, blanks) and its
//! word lists.

use super::*;

pub(super) const OAUTH_MARKERS: [&str; 6] = [
    "grant_type",
    "redirect_uri",
    "authorization_code",
    "oauth",
    "callback",
    "state=",
];

pub(super) const COOKIE_ATTRIBUTES: [&[u8]; 11] = [
    b"path",
    b"domain",
    b"expires",
    b"max-age",
    b"samesite",
    b"secure",
    b"httponly",
    b"priority",
    b"partitioned",
    b"version",
    b"comment",
];

/// Words that follow "Bearer" in prose rather than a token.
pub(super) fn is_prose_word(token: &[u8]) -> bool {
    const WORDS: [&[u8]; 25] = [
        b"tokens",
        b"authentication",
        b"authorization",
        b"authorisation",
        b"scheme",
        b"header",
        b"headers",
        b"prefix",
        b"credential",
        b"credentials",
        b"string",
        b"format",
        b"access",
        b"missing",
        b"invalid",
        b"expired",
        b"required",
        b"keyword",
        b"schema",
        b"security",
        b"placeholder",
        b"value",
        b"method",
        b"followed",
        b"bearer",
    ];
    if WORDS.iter().any(|w| token.eq_ignore_ascii_case(w)) {
        return true;
    }
    // English inflections of an all-letter word ("Bearer-prefixed",
    // "Bearer authentication"): real tokens are not lowercase prose.
    let letters =
        token[1..].iter().all(|c| c.is_ascii_lowercase()) && token[0].is_ascii_alphabetic();
    const ENDINGS: [&[u8]; 6] = [b"tion", b"sion", b"ing", b"ed", b"ment", b"ness"];
    letters && ENDINGS.iter().any(|e| token.ends_with(e))
}

/// A value that says nothing secret: empty, a template (`{{token}}`,
/// `<token>`, `$TOKEN`, `${TOKEN}`, `%TOKEN%`), an already-filtered value
/// (`[FILTERED]`, `***`).
pub(in crate::engine::redact) fn is_placeholder(v: &[u8]) -> bool {
    let v = match (v.first(), v.last()) {
        (Some(b'"'), Some(b'"')) if v.len() >= 2 => &v[1..v.len() - 1],
        _ => v,
    };
    let (Some(&first), Some(&last)) = (v.first(), v.last()) else {
        return true;
    };
    match first {
        b'{' => last == b'}',
        b'<' => last == b'>',
        b'[' => {
            last == b']'
                && v.len() <= 64
                && v[1..v.len() - 1]
                    .iter()
                    .all(|c| c.is_ascii_alphabetic() || *c == b' ' || *c == b'_')
        }
        b'$' => {
            v.len() == 1
                || v[1] == b'{'
                || v[1..]
                    .iter()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'_')
        }
        b'%' => last == b'%' && v.len() > 2,
        b'*' | b'.' => v.iter().all(|c| *c == first),
        _ => false,
    }
}

/// JSON/Python/Ruby words that stand for "no value".
pub(super) fn is_literal_word(v: &[u8]) -> bool {
    const WORDS: [&[u8]; 6] = [b"null", b"none", b"nil", b"true", b"false", b"undefined"];
    WORDS.iter().any(|w| v.eq_ignore_ascii_case(w))
}

/// `Bearer x`, `Basic x`: a value that carries its own scheme.
pub(super) fn has_scheme(v: &[u8]) -> bool {
    let lower = |n: usize| v.get(..n).map(|p| p.to_ascii_lowercase());
    lower(7).is_some_and(|p| p == b"bearer ") || lower(6).is_some_and(|p| p == b"basic ")
}

/// A mask from an earlier pass starts here: `[masked]` or up to four safe
/// characters and `…[masked]`. Skipping these keeps redaction idempotent.
pub(in crate::engine::redact) fn is_mask_at(b: &[u8], p: usize) -> bool {
    const TAIL: &[u8] = "…[masked]".as_bytes();
    let rest = b.get(p..).unwrap_or_default();
    // The `…` is no prefix character, so it can only follow the whole
    // run of them (at most four).
    let k = rest
        .iter()
        .take(5)
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
        .count();
    match rest.get(k) {
        Some(b'[') => k == 0 && rest.starts_with(MASKED),
        Some(0xE2) => k <= 4 && rest[k..].starts_with(TAIL),
        _ => false,
    }
}

/// Where the first `[masked]` at or after `p` starts (the length if none).
pub(super) fn find_mask(b: &[u8], p: usize) -> usize {
    let mut j = p;
    while let Some(k) = b.get(j..).and_then(|r| r.iter().position(|&c| c == b'[')) {
        if b[j + k..].starts_with(MASKED) {
            return j + k;
        }
        j += k + 1;
    }
    b.len()
}

/// Whether a mask (`…[masked]` or `[masked]`) starts at `p`, right after a
/// run that is then only a mask's visible prefix.
pub(super) fn is_mask_tail(b: &[u8], p: usize) -> bool {
    let rest = b.get(p..).unwrap_or_default();
    rest.starts_with("…".as_bytes()) && rest[3..].starts_with(MASKED) || rest.starts_with(MASKED)
}

/// The escaping depth of a quote preceded by `bs` backslashes: 0 for `"`,
/// 1 for `\"`, 2 for `\\\"`.
pub(super) fn depth(bs: usize) -> Option<u32> {
    let d = bs.trailing_ones();
    (d <= MAX_DEPTH).then_some(d)
}

/// The end of a string value opened by quote `q` at depth `level`, whose
/// content starts at `start`: the index where the closing quote's own
/// escaping begins, a line end, or the end of the text.
pub(super) fn quoted_end(b: &[u8], start: usize, q: u8, level: u32) -> usize {
    let mut j = start;
    while j < b.len() {
        let c = b[j];
        if c == b'\n' || c == b'\r' {
            return j;
        }
        if c == q {
            let mut r = 0;
            while j - r > start && b[j - r - 1] == b'\\' {
                r += 1;
            }
            let d = r.trailing_ones();
            if d == level {
                return j - ((1usize << level) - 1);
            }
            if d < level {
                // The string around ours closed: ours was cut short.
                return j - r;
            }
        }
        j += 1;
    }
    b.len()
}

/// The end of an unquoted value (form field, query parameter, header word).
/// A `,` or closing bracket ends it only when no token character follows, so
/// a password like `a,b` stays whole.
pub(super) fn unquoted_end(b: &[u8], p: usize) -> usize {
    let mut j = p;
    while j < b.len() {
        if b[j] == b'[' && b[j..].starts_with(MASKED) {
            j += MASKED.len();
            continue;
        }
        match b[j] {
            b'&' | b'"' | b'\'' | b'\\' | b';' | b'<' | b'>' | b'`' => break,
            b',' | b')' | b']' | b'}' if !continues(b, j + 1) => break,
            c if c.is_ascii_whitespace() => break,
            _ => {}
        }
        j += 1;
    }
    j
}

/// The end of a header value: the line, or the quote that closes the
/// string the header was written in (`-H 'Authorization: Bearer x'`).
pub(super) fn header_end(b: &[u8], p: usize) -> usize {
    let mut j = p;
    while j < b.len() {
        match b[j] {
            b'\n' | b'\r' | b'\\' => break,
            b'"' | b'\'' if !continues(b, j + 1) => break,
            _ => {}
        }
        j += 1;
    }
    j
}

/// Whether an unquoted `key: value` ends here like a field (line end or
/// punctuation) rather than running on as a sentence.
pub(super) fn ends_statement(b: &[u8], end: usize) -> bool {
    let p = skip_blank(b, end);
    match b.get(p) {
        None | Some(b'\n') | Some(b'\r') => true,
        Some(b',' | b';' | b'}' | b']' | b')' | b'&' | b'"' | b'\\') => true,
        Some(b'\'') => {
            !b.get(p + 1).is_some_and(|c| c.is_ascii_alphanumeric()) && !is_mask_at(b, p + 1)
        }
        _ => false,
    }
}

/// Whether a value goes on at `j` past a `,`, bracket or quote: a token
/// character follows, or a mask (which stands for the value it replaced, so
/// a later pass reads the same stretch, mask included, as the first did).
pub(super) fn continues(b: &[u8], j: usize) -> bool {
    b.get(j).is_some_and(|c| is_token(*c)) || is_mask_at(b, j)
}

/// Whether `b[j..]` is the label `value` in quotes of depth `esc` (the byte
/// before `j` is the quote).
pub(super) fn is_value_label(b: &[u8], j: usize, q: u8, esc: usize) -> bool {
    j > 0
        && b[j - 1] == q
        && b[j..].starts_with(b"value")
        && b.get(j + 5..j + 5 + esc)
            .is_some_and(|s| s.iter().all(|c| *c == b'\\'))
        && b.get(j + 5 + esc) == Some(&q)
}

pub(super) fn backslashes_from(b: &[u8], p: usize) -> usize {
    b.get(p..)
        .unwrap_or_default()
        .iter()
        .take_while(|c| **c == b'\\')
        .count()
}

pub(super) fn skip_blank(b: &[u8], mut p: usize) -> usize {
    while p < b.len() && (b[p] == b' ' || b[p] == b'\t') {
        p += 1;
    }
    p
}

pub(super) fn skip_space(b: &[u8], mut p: usize) -> usize {
    while p < b.len() && b[p].is_ascii_whitespace() {
        p += 1;
    }
    p
}

pub(super) fn skip_space_back(b: &[u8], mut p: usize) -> usize {
    while p > 0 && b[p - 1].is_ascii_whitespace() {
        p -= 1;
    }
    p
}
