//! Where the secrets stand: one forward walk over the bytes of a paste.
//!
//! The walk reads words (`[A-Za-z0-9_-]` runs). A word that names a secret
//! (`access_token`, `clientSecret`, `Authorization`, `Cookie`, …) is followed
//! into its value through whatever syntax carries it: `: ` headers, JSON at
//! any escaping depth (`"k":"v"`, `\"k\":\"v\"`, `\\\"k\\\"…`), Python and
//! Ruby literals (`'k': 'v'`, `k: 'v'`, `:k=>"v"`), forms and queries
//! (`k=v&…`), and HAR/Postman `{"name": "k", "value": "v"}` pairs. Curl flags
//! (`-u`, `--oauth2-bearer`, `-b`), URL credentials (`user:pass@`), a bare
//! `Bearer <token>` and a bare JWT are recognised on their own. Layouts
//! with no sign between name and value (a tab, aligned spaces, a Markdown
//! `|`, a CSV `,`, an XML element, a line break, or `key: value` with words
//! after it) carry a value only when it reads like a credential, not a word
//! (`credential_like`); the names are `names`' one list, and a table's
//! header row is followed down its columns by `columns`.
//!
//! Redacting twice must be redacting once, so the second pass, which sees
//! masks where values were, must read the text as the first did. Hence three
//! rules: the walk reads every word, also inside values (whether a stretch is
//! read never depends on the key before it, which a later pass may find
//! masked); a rule whose region holds a mask does nothing (the mask may have
//! swallowed the `=` or `;` the region was read by); and a mask counts as
//! part of a value in every look-ahead, never as its end.
//!
//! Only byte offsets of ASCII delimiters (or the ends of the text) become span
//! boundaries, so every span is a valid `str` slice; every index is bounded by
//! the loop or check that reaches it, so no input can make the walk panic.

use std::cell::Cell;

use super::names::{classify, Name as Key};
use super::SecretKind;

mod bytes;
mod layouts;
mod standalone;
mod values;

use bytes::*;
pub(super) use bytes::{is_mask_at, is_placeholder};

/// A stretch of the input to replace with the mask of its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: SecretKind,
    /// A bare JSON number replaced by a mask must be quoted to stay JSON:
    /// (quote byte, escaping depth) of the quotes to add.
    pub wrap: Option<(u8, u32)>,
}

const MASKED: &[u8] = super::MASKED.as_bytes();

/// Deeper escaping than this is not JSON anyone pastes.
const MAX_DEPTH: u32 = 6;
/// How far a HAR/Postman `"value"` may stand from its `"name"`.
const PAIR_REACH: usize = 320;
/// How far a URL's authority may reach before its `@`.
const AUTHORITY_REACH: usize = 512;

const WORD: u8 = 1;
const TOKEN: u8 = 2;
/// A word ending in this byte may be a key (`…token`, `…secret`,
/// `…password`, `…key`, `cookie`, `…code`, `authorization`, `bearer`,
/// `cookies`), in either case.
const KEY_END: u8 = 4;

/// Byte classes: WORD is `[A-Za-z0-9_-]`; TOKEN is the token68 alphabet of
/// HTTP credentials, `[A-Za-z0-9._~+/-]`.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        let alnum = b.is_ascii_alphanumeric();
        if alnum || b == b'_' || b == b'-' {
            t[c] |= WORD;
        }
        if alnum || matches!(b, b'.' | b'_' | b'~' | b'+' | b'/' | b'-') {
            t[c] |= TOKEN;
        }
        if matches!(b | 0x20, b'n' | b't' | b'd' | b'e' | b's' | b'y' | b'r') {
            t[c] |= KEY_END;
        }
        c += 1;
    }
    t
};

#[inline(always)]
fn is_word(c: u8) -> bool {
    CLASS[c as usize] & WORD != 0
}

#[inline(always)]
fn is_token(c: u8) -> bool {
    CLASS[c as usize] & TOKEN != 0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    Colon,
    Equals,
    Arrow,
    /// A layout rather than a sign: a tab, an aligned column of spaces, a
    /// Markdown `|`, a CSV `,`, an XML element, a line break. The value is
    /// one word, and only one that reads like a credential, not a word.
    Layout,
}

/// A key's value, as found after its separator.
#[derive(Debug, Clone, Copy)]
struct Value {
    start: usize,
    end: usize,
    sep: Sep,
    quoted: bool,
    /// The key was quoted: JSON/Python/Ruby, not a header or a form.
    key_quote: Option<(u8, u32)>,
}

pub(super) fn detect(text: &str) -> Vec<Span> {
    let mut s = Scanner {
        text,
        b: text.as_bytes(),
        spans: Vec::new(),
        oauth: None,
        cookie_reach: 0,
        unquoted: Cell::new((0, 0)),
        header: Cell::new((0, 0)),
        next_mask: Cell::new(EMPTY),
        next_semi: Cell::new(EMPTY),
        next_eq: Cell::new(EMPTY),
        rtrim: Cell::new(EMPTY),
        jwt: Cell::new((0, 0, 0)),
        statement: Cell::new((usize::MAX, false)),
        cookie_region: Cell::new(EMPTY),
        cookie_eq: Cell::new(usize::MAX),
        keys: Vec::new(),
    };
    s.run();
    super::columns::columns(s.b, &s.keys, &mut s.spans);
    s.spans
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    spans: Vec<Span>,
    /// Whether the paste is an OAuth exchange, worked out on first need.
    oauth: Option<bool>,
    /// How far HAR cookie arrays have been read: an unclosed one is read to
    /// the end of the text, and must not be read again for each later key.
    cookie_reach: usize,
    /// The last unquoted run measured, `(from, end)`: a run of keys with no
    /// blank between them (`token:token:token:… word`) would otherwise be
    /// measured again from each key.
    unquoted: Cell<(usize, usize)>,
    header: Cell<(usize, usize)>,
    // The walk reads every value, also inside values (see `word`), so a run
    // of keys sharing one long value (`Authorization: Authorization: …`,
    // `Set-Cookie:Set-Cookie:…`, `eyJ.eyJ.…`) asks the same questions about
    // the same stretch again and again. Each answer depends only on where the
    // stretch ends, so these memories, `(asked from, answer)`, keep every
    // question O(1) amortised and the whole walk linear.
    next_mask: Cell<(usize, usize)>,
    next_semi: Cell<(usize, usize)>,
    next_eq: Cell<(usize, usize)>,
    /// `(end, end with trailing whitespace trimmed)`.
    rtrim: Cell<(usize, usize)>,
    /// `(from, end of the word-and-dot run, that end less trailing dots)`.
    jwt: Cell<(usize, usize, usize)>,
    /// `(value end, ends_statement there)`.
    statement: Cell<(usize, bool)>,
    /// The last cookie region read whole, `(start, end)`.
    cookie_region: Cell<(usize, usize)>,
    /// The `=` of the last partial first segment read.
    cookie_eq: Cell<usize>,
    /// Words read as secret names, which may head a table's column.
    keys: Vec<(usize, usize)>,
}

/// Names remembered as possible column headers.
const MAX_KEYS: usize = 256;

/// A memory that answers nothing.
const EMPTY: (usize, usize) = (usize::MAX, 0);

impl Scanner<'_> {
    fn run(&mut self) {
        let b = self.b;
        let n = b.len();
        let mut i = 0;
        while i < n {
            let c = b[i];
            if is_word(c) {
                let mut end = i + 1;
                while end < n && is_word(b[end]) {
                    end += 1;
                }
                // Most words can be nothing: decide that from two bytes.
                let first = c;
                let worth = first == b'-'
                    || (first == b'e' && b.get(i + 1) == Some(&b'y'))
                    || (end - i >= 4 && CLASS[b[end - 1] as usize] & KEY_END != 0);
                if worth && (i == 0 || !is_word(b[i - 1])) {
                    self.word(i, end);
                }
                i = end;
                continue;
            }
            if c == b':' && b.get(i + 1) == Some(&b'/') && b.get(i + 2) == Some(&b'/') {
                self.userinfo(i + 3);
                i += 3;
                continue;
            }
            i += 1;
        }
    }

    /// The first position at or after `p` where `find` says so, remembered in
    /// `memo`: no match lies between the asked position and the answer, so
    /// any later question inside that stretch has the same answer.
    fn next_from(memo: &Cell<(usize, usize)>, p: usize, find: impl Fn(usize) -> usize) -> usize {
        let (from, at) = memo.get();
        if from <= p && p <= at {
            return at;
        }
        let at = find(p);
        memo.set((p, at));
        at
    }

    /// Whether a mask from an earlier pass starts within `b[s..e]`: such a
    /// region was judged then, and masks may have swallowed the `=`, `:`,
    /// `;` or quote it is read by.
    fn masked_in(&self, s: usize, e: usize) -> bool {
        let b = self.b;
        s < e && Self::next_from(&self.next_mask, s, |p| find_mask(b, p)) < e
    }

    fn next_byte(&self, memo: &Cell<(usize, usize)>, p: usize, byte: u8) -> usize {
        let b = self.b;
        Self::next_from(memo, p, |p| {
            b.get(p..)
                .and_then(|r| r.iter().position(|&c| c == byte))
                .map_or(b.len(), |i| p + i)
        })
    }

    /// `b[s..e]` less surrounding whitespace; the trailing side is
    /// remembered, as many regions share one end.
    fn trim(&self, mut s: usize, e: usize) -> (usize, usize) {
        let b = self.b;
        while s < e && b[s].is_ascii_whitespace() {
            s += 1;
        }
        let (at, trimmed) = self.rtrim.get();
        let t = if at == e {
            trimmed
        } else {
            let mut t = e;
            while t > 0 && b[t - 1].is_ascii_whitespace() {
                t -= 1;
            }
            self.rtrim.set((e, t));
            t
        };
        (s, t.max(s))
    }

    fn ends_statement(&self, end: usize) -> bool {
        let (at, known) = self.statement.get();
        if at == end {
            return known;
        }
        let answer = ends_statement(self.b, end);
        self.statement.set((end, answer));
        answer
    }

    fn push(&mut self, start: usize, end: usize, kind: SecretKind) {
        if start < end {
            self.spans.push(Span {
                start,
                end,
                kind,
                wrap: None,
            });
        }
    }

    /// Handle the word `b[ws..we]`. The walk then goes on with the next
    /// word, also inside a value just masked: skipping a value would make
    /// what is read depend on the key before it, which a later pass may find
    /// masked (a password `Cookie` masks the `Set-Cookie` of a header), and
    /// redacting twice would differ from redacting once. Spans found inside a
    /// masked value merge into it.
    fn word(&mut self, ws: usize, we: usize) {
        let w = &self.b[ws..we];
        if w.starts_with(b"eyJ") {
            self.jwt(ws, we);
            return;
        }
        if w[0] == b'-' && self.curl_flag(ws, we) {
            return;
        }
        let Some(key) = classify(w) else {
            return;
        };
        if self.keys.len() < MAX_KEYS && self.may_head_column(ws, we) {
            self.keys.push((ws, we));
        }
        match key {
            Key::Bearer => match self.assignment(ws, we, key) {
                Some(v) => self.apply(Key::Secret(SecretKind::BearerToken), v),
                None => self.bare_bearer(we),
            },
            Key::CookieArray => self.cookie_array(we),
            _ => {
                if let Some(v) = self.assignment(ws, we, key) {
                    self.apply(key, v);
                }
            }
        }
    }

    /// Whether the word `b[ws..we]` stands as a whole cell: between
    /// delimiters (`,`, tab, `|`) or line ends, blanks and quotes aside.
    fn may_head_column(&self, ws: usize, we: usize) -> bool {
        let b = self.b;
        let cell_edge =
            |c: Option<&u8>| matches!(c, None | Some(b',' | b'\t' | b'|' | b'\n' | b'\r'));
        let mut s = ws;
        while s > 0 && matches!(b[s - 1], b' ' | b'"' | b'\'') {
            s -= 1;
        }
        let mut e = we;
        while e < b.len() && matches!(b[e], b' ' | b'"' | b'\'') {
            e += 1;
        }
        let before = s.checked_sub(1).and_then(|p| b.get(p));
        let tabbed = |c: Option<&u8>| matches!(c, Some(b',' | b'\t' | b'|'));
        cell_edge(before) && cell_edge(b.get(e)) && (tabbed(before) || tabbed(b.get(e)))
    }
}
