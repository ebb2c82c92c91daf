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

    /// The value assigned to the key word `b[ws..we]`, if the word is used
    /// as a key at all.
    fn assignment(&self, ws: usize, we: usize, key: Key) -> Option<Value> {
        let b = self.b;
        let mut p = we;
        // Rails-style nested form keys: `user[password]=…`.
        if b.get(p) == Some(&b']') && ws > 0 && b[ws - 1] == b'[' {
            p += 1;
        }
        let mut key_quote = None;
        let bs = backslashes_from(b, p);
        match b.get(p + bs) {
            Some(&q) if q == b'"' || q == b'\'' => {
                key_quote = Some((q, depth(bs)?));
                p += bs + 1;
            }
            _ if bs > 0 => return None,
            _ => {}
        }
        let after_key = p;
        p = skip_blank(b, p);
        let sep = match b.get(p) {
            // `<access_token>…</access_token>`.
            Some(b'>') if p == we && ws > 0 && b[ws - 1] == b'<' => {
                return self.element_value(p + 1, key);
            }
            Some(b'\n' | b'\r') => return self.next_line_value(p, key_quote, key),
            // `| access_token | … |`, `client_secret,…` (the key unquoted:
            // a quoted one before `,` is a HAR name).
            Some(b'|') => return self.layout_value(skip_blank(b, p + 1), key_quote, key),
            Some(b',') if key_quote.is_none() => {
                return self.layout_value(skip_blank(b, p + 1), key_quote, key)
            }
            Some(b':') => {
                if matches!(b.get(p + 1), Some(b':') | Some(b'/')) {
                    return None;
                }
                p += 1;
                Sep::Colon
            }
            Some(b'=') => match b.get(p + 1) {
                Some(b'>') => {
                    p += 2;
                    Sep::Arrow
                }
                Some(b'=') => return None,
                _ => {
                    p += 1;
                    Sep::Equals
                }
            },
            // HAR/Postman: `{"name": "k", "value": …}`, in either order.
            Some(b',' | b'}') => return self.name_value(ws, p, key_quote?, key),
            // A tab or an aligned column of spaces.
            Some(_) if b[after_key..p].contains(&b'\t') || p - after_key >= 2 => {
                return self.layout_value(p, key_quote, key);
            }
            _ => return None,
        };
        p = skip_blank(b, p);
        if matches!(b.get(p), Some(b'\n' | b'\r')) {
            return self.next_line_value(p, key_quote, key);
        }
        self.value_at(p, sep, key_quote, key)
    }

    /// A value in a layout (see [`Sep::Layout`]) starting at `p`.
    fn layout_value(&self, p: usize, key_quote: Option<(u8, u32)>, key: Key) -> Option<Value> {
        let b = self.b;
        if matches!(b.get(p), Some(b'"' | b'\'')) {
            // Quoted or not, a layout's value must read like a credential:
            // `accessToken   "value": …` is a label, not a token.
            return self
                .value_at(p, Sep::Layout, key_quote, key)
                .filter(|v| self.credential_like(v.start, v.end));
        }
        let end = self.unquoted_end(p);
        let end = match b.get(p..end) {
            // A Markdown cell ends at its bar, a CSV field at its comma.
            Some(v) => v
                .iter()
                .position(|c| matches!(c, b'|' | b','))
                .map_or(end, |k| p + k),
            None => return None,
        };
        (end > p && self.credential_like(p, end)).then_some(Value {
            start: p,
            end,
            sep: Sep::Layout,
            quoted: false,
            key_quote,
        })
    }

    /// The value on the line after a key that ends its line
    /// (`echo $SCOPESTACK_TOKEN` and then the token), when that line is a
    /// single word. `p` is the line break.
    fn next_line_value(&self, p: usize, key_quote: Option<(u8, u32)>, key: Key) -> Option<Value> {
        let b = self.b;
        let mut s = p;
        if b.get(s) == Some(&b'\r') {
            s += 1;
        }
        if b.get(s) == Some(&b'\n') {
            s += 1;
        }
        let s = skip_blank(b, s);
        let mut e = s;
        while e < b.len() && !b[e].is_ascii_whitespace() {
            e += 1;
        }
        let rest = skip_blank(b, e);
        // A line of fields or code is no lone value.
        let lone = !b[s..e].iter().any(|c| b",|=:;{}()[]<>\"'".contains(c));
        if e == s || !lone || !matches!(b.get(rest), None | Some(b'\n' | b'\r')) {
            return None;
        }
        self.layout_value(s, key_quote, key)
            .filter(|v| v.end == e || v.quoted)
    }

    /// The text of an XML/HTML element named by the key, `p` after its `>`.
    fn element_value(&self, p: usize, key: Key) -> Option<Value> {
        let b = self.b;
        let mut e = p;
        while e < b.len() && !matches!(b[e], b'<' | b'\n' | b'\r') {
            e += 1;
        }
        let (s, e) = self.trim(p, e);
        // An element holds one value, not markup or a JSON pair (masking
        // a `"value":` label would make the next pass pair names anew); a
        // mask inside makes it markup too, so a later pass leaves it.
        let plain = !b[s..e]
            .iter()
            .any(|c| c.is_ascii_whitespace() || b"\"'{}[],;=:".contains(c));
        (s < e && plain && !matches!(key, Key::CookieArray | Key::Code)).then_some(Value {
            start: s,
            end: e,
            sep: Sep::Layout,
            quoted: true,
            key_quote: None,
        })
    }

    /// Whether `b[s..e]`, standing where a value may stand with nothing but
    /// the layout to say so, reads like a credential rather than a word:
    /// not a lowercase or capitalised word or identifier (`expired`, `The`,
    /// `expires_in`), not another name (a table's header row), not a short
    /// number (a status, a count), and not empty of letters and digits. A
    /// mask counts as a credential, so a second pass reads the same pairs.
    fn credential_like(&self, s: usize, e: usize) -> bool {
        let b = self.b;
        if is_mask_at(b, s) || self.masked_in(s, e) {
            return true;
        }
        let mut v = &b[s..e];
        // Code and labels stand where a value may: `oauth2:` (a label of
        // its own), `data={` and `{"access_token…` (a document opening),
        // `#{token}` / `${TOKEN}` (interpolation). Their secrets, if any,
        // are the document's values, read by the rules for documents.
        if matches!(v.last(), Some(b':' | b'{' | b'(' | b'[' | b'='))
            || matches!(v.first(), Some(b'{' | b'['))
            || v.starts_with(b"#{")
            || v.starts_with(b"${")
        {
            return false;
        }
        while let [rest @ .., b'.' | b',' | b';' | b':' | b'!' | b'?' | b')'] = v {
            v = rest;
        }
        let Some(&first) = v.first() else {
            return false;
        };
        // A constant's name in code (`"client_secret": SECRET`): capitals,
        // digits and underscores, no lower case; its value is elsewhere.
        let constant = first.is_ascii_uppercase()
            && v.len() <= 32
            && v.iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'_');
        if constant {
            return false;
        }
        let wordy = (first.is_ascii_alphabetic())
            && v[1..]
                .iter()
                .all(|c| c.is_ascii_lowercase() || matches!(c, b'_' | b'-'));
        let short_number = v.len() < 8 && v.iter().all(u8::is_ascii_digit);
        let named = classify(v).is_some() || super::names::is_readable_name(v);
        !wordy
            && !short_number
            && !named
            && v.iter().any(u8::is_ascii_alphanumeric)
            && !is_placeholder(v)
            && !is_literal_word(v)
    }

    /// A value starting at `p` (after the separator and blanks).
    fn value_at(
        &self,
        p: usize,
        sep: Sep,
        key_quote: Option<(u8, u32)>,
        key: Key,
    ) -> Option<Value> {
        // A mask from an earlier pass is taken as the value it replaced, so
        // the key's region is the same on every pass; `apply` leaves it be.
        let b = self.b;
        if p >= b.len() {
            return None;
        }
        if !is_mask_at(b, p) {
            let bs = backslashes_from(b, p);
            if let Some(&q) = b.get(p + bs) {
                if q == b'"' || q == b'\'' {
                    let level = depth(bs)?;
                    let start = p + bs + 1;
                    let end = quoted_end(b, start, q, level);
                    return Some(Value {
                        start,
                        end,
                        sep,
                        quoted: true,
                        key_quote,
                    });
                }
            }
            if bs > 0 || matches!(b[p], b'[' | b'{' | b'(') {
                return None;
            }
        }
        let end = self.unquoted_end(p);
        if end == p {
            return None;
        }
        let header = matches!(key, Key::Authorization | Key::Cookie);
        let sentence = sep == Sep::Colon && key_quote.is_none() && !header;
        if sentence && !self.ends_statement(end) && !self.credential_like(p, end) {
            // `invalid token: The access token expired` is prose, not a
            // pair; `client_secret: … and password: …` are pairs.
            return None;
        }
        if sep == Sep::Layout && !self.credential_like(p, end) {
            return None;
        }
        Some(Value {
            start: p,
            end,
            sep,
            quoted: false,
            key_quote,
        })
    }

    /// HAR/Postman pairs: the key word is the `"name"` (or `"key"`) of an
    /// object whose `"value"` holds the secret. `comma` is the comma after
    /// the word's closing quote.
    fn name_value(
        &self,
        ws: usize,
        comma: usize,
        (q, level): (u8, u32),
        key: Key,
    ) -> Option<Value> {
        let b = self.b;
        let esc = (1usize << level) - 1;
        // Backwards: `"name": "` right before the word.
        let mut t = ws.checked_sub(1 + esc)?;
        if b.get(t + esc) != Some(&q) {
            return None;
        }
        t = skip_space_back(b, t);
        if t == 0 || b[t - 1] != b':' {
            return None;
        }
        t = skip_space_back(b, t - 1);
        let t = t.checked_sub(1 + esc)?;
        if b.get(t + esc) != Some(&q) {
            return None;
        }
        let label_end = t;
        let mut label_start = label_end;
        while label_start > 0 && b[label_start - 1].is_ascii_alphabetic() {
            label_start -= 1;
        }
        let label = &b[label_start..label_end];
        if !(label.eq_ignore_ascii_case(b"name") || label.eq_ignore_ascii_case(b"key")) {
            return None;
        }
        // The `"value"` of the same object, after the name or before it.
        let after = (comma..b.len().min(comma + PAIR_REACH))
            .take_while(|&j| b[j] != b'}' && b[j] != b'{')
            .find(|&j| is_value_label(b, j, q, esc));
        let before = || {
            let lo = ws.saturating_sub(PAIR_REACH);
            (lo..label_start)
                .rev()
                .take_while(|&j| b[j] != b'{' && b[j] != b'}')
                .find(|&j| is_value_label(b, j, q, esc))
        };
        let at = after.or_else(before)?;
        let mut p = skip_space(b, at + 5 + esc + 1);
        if b.get(p) != Some(&b':') {
            return None;
        }
        p = skip_space(b, p + 1);
        self.value_at(p, Sep::Colon, Some((q, level)), key)
    }

    /// `unquoted_end` with a memory: the end of a run does not depend on
    /// where in the run the measuring starts.
    fn unquoted_end(&self, p: usize) -> usize {
        let (from, end) = self.unquoted.get();
        if from <= p && p < end {
            return end;
        }
        let end = unquoted_end(self.b, p);
        self.unquoted.set((p, end));
        end
    }

    /// `header_end` with the same memory as `unquoted_end`.
    fn header_end(&self, p: usize) -> usize {
        let (from, end) = self.header.get();
        if from <= p && p < end {
            return end;
        }
        let end = header_end(self.b, p);
        self.header.set((p, end));
        end
    }

    /// Record the secret(s) in a key's value.
    fn apply(&mut self, key: Key, v: Value) {
        let header_like = !v.quoted && v.sep == Sep::Colon && v.key_quote.is_none();
        match key {
            Key::Authorization => {
                let end = if header_like {
                    self.header_end(v.start)
                } else {
                    v.end
                };
                self.credential(v.start, end, SecretKind::Other);
            }
            Key::Cookie => {
                let end = if header_like {
                    self.header_end(v.start)
                } else {
                    v.end
                };
                self.cookies(v.start, end);
            }
            Key::Code => {
                let value = &self.b[v.start..v.end];
                let plausible = value.len() >= 8
                    && !value
                        .iter()
                        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || *c == b'_')
                    && !is_placeholder(value)
                    && !self.masked_in(v.start, v.end);
                if plausible && self.oauth_exchange() {
                    self.push(v.start, v.end, SecretKind::AuthorizationCode);
                }
            }
            Key::Secret(kind) => {
                let value = &self.b[v.start..v.end];
                if has_scheme(value) {
                    self.credential(v.start, v.end, kind);
                    return;
                }
                // A value already holding a mask was judged by an earlier pass.
                if is_placeholder(value) || self.masked_in(v.start, v.end) {
                    return;
                }
                let literal = !v.quoted && v.key_quote.is_some();
                if literal && is_literal_word(value) {
                    return;
                }
                let wrap = if literal
                    && value.iter().all(|c| {
                        c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+' | b'e' | b'E')
                    }) {
                    v.key_quote
                } else {
                    None
                };
                self.spans.push(Span {
                    start: v.start,
                    end: v.end,
                    kind,
                    wrap,
                });
            }
            Key::CookieArray | Key::Bearer => {}
        }
    }

    /// An `Authorization`-style value in `b[start..end]`: mask what follows
    /// the scheme (`Bearer`, `Basic`, …), or all of it when there is none.
    fn credential(&mut self, start: usize, end: usize, default: SecretKind) {
        let b = self.b;
        let (mut s, e) = self.trim(start, end);
        let mut kind = default;
        let mut w = s;
        while w < e && is_word(b[w]) {
            w += 1;
        }
        let gap = if w < e && (b[w] == b' ' || b[w] == b'\t') {
            skip_blank(b, w) - w
        } else if b[w..e].starts_with(b"%20") {
            3
        } else if w < e && b[w] == b'+' {
            1
        } else {
            0
        };
        if gap > 0 && w - s <= 24 && w + gap < e {
            kind = match b[s..w].to_ascii_lowercase().as_slice() {
                b"bearer" => SecretKind::BearerToken,
                b"basic" => SecretKind::BasicCredentials,
                b"token" | b"oauth" => SecretKind::AccessToken,
                _ => default,
            };
            s = w + gap;
        }
        let scheme_only = gap == 0
            && e - s <= 6
            && matches!(
                b[s..e].to_ascii_lowercase().as_slice(),
                b"bearer" | b"basic" | b"token" | b"digest" | b"oauth"
            );
        if s >= e || scheme_only || self.masked_in(s, e) || is_placeholder(&b[s..e]) {
            return;
        }
        self.push(s, e, kind);
    }

    /// `name=value; name2=value2; Path=/; HttpOnly`: mask each value but the
    /// attributes'.
    fn cookies(&mut self, start: usize, end: usize) {
        let b = self.b;
        if self.masked_in(start, end) {
            return;
        }
        // A region ending where the last one read whole ends, and starting
        // inside it, differs from it only in its first segment.
        let (last_start, last_end) = self.cookie_region.get();
        let partial = last_end == end && last_start <= start;
        let stop_all = if partial {
            self.next_byte(&self.next_semi, start, b';').min(end)
        } else {
            self.cookie_region.set((start, end));
            end
        };
        let mut seg = start;
        while seg < stop_all {
            let stop = self.next_byte(&self.next_semi, seg, b';').min(end);
            let (s, e) = self.trim(seg, stop);
            let eq = self.next_byte(&self.next_eq, s, b'=');
            if eq < e {
                if partial {
                    if self.cookie_eq.get() == eq {
                        return;
                    }
                    self.cookie_eq.set(eq);
                }
                let mut ne = eq;
                while ne > s && b[ne - 1].is_ascii_whitespace() {
                    ne -= 1;
                }
                let mut vs = eq + 1;
                while vs < e && b[vs].is_ascii_whitespace() {
                    vs += 1;
                }
                let mut ve = e;
                if ve - vs >= 2 && b[vs] == b'"' && b[ve - 1] == b'"' {
                    vs += 1;
                    ve -= 1;
                }
                let name = &b[s..ne];
                let attribute = COOKIE_ATTRIBUTES
                    .iter()
                    .any(|a| name.eq_ignore_ascii_case(a));
                if !attribute && vs < ve && !is_placeholder(&b[vs..ve]) {
                    self.push(vs, ve, SecretKind::Cookie);
                }
            } else if e - s >= 6
                && !is_placeholder(&b[s..e])
                && !COOKIE_ATTRIBUTES
                    .iter()
                    .any(|a| b[s..e].eq_ignore_ascii_case(a))
            {
                self.push(s, e, SecretKind::Cookie);
            }
            seg = stop + 1;
        }
    }

    /// HAR `"cookies": [ {"name": …, "value": "…"}, … ]`: every value is a
    /// cookie whatever its name. `we` is the end of the word `cookies`.
    fn cookie_array(&mut self, we: usize) {
        let b = self.b;
        if we < self.cookie_reach || b.get(we) != Some(&b'"') {
            return;
        }
        let mut p = skip_space(b, we + 1);
        if b.get(p) != Some(&b':') {
            return;
        }
        p = skip_space(b, p + 1);
        if b.get(p) != Some(&b'[') {
            return;
        }
        let mut found = Vec::new();
        let mut depth = 0usize;
        let mut j = p;
        while j < b.len() {
            match b[j] {
                b'[' | b'{' => depth += 1,
                b']' | b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                b'"' => {
                    let end = quoted_end(b, j + 1, b'"', 0);
                    if &b[j + 1..end] == b"value" {
                        let mut k = skip_space(b, end + 1);
                        if b.get(k) == Some(&b':') {
                            k = skip_space(b, k + 1);
                            if b.get(k) == Some(&b'"') {
                                let ve = quoted_end(b, k + 1, b'"', 0);
                                let value = &b[k + 1..ve];
                                if !is_placeholder(value) {
                                    found.push((k + 1, ve));
                                }
                                j = ve + 1;
                                continue;
                            }
                        }
                    }
                    j = end + 1;
                    continue;
                }
                _ => {}
            }
            j += 1;
        }
        self.cookie_reach = j;
        if self.masked_in(p, j.min(b.len())) {
            return;
        }
        for (s, e) in found {
            self.push(s, e, SecretKind::Cookie);
        }
    }

    /// `Bearer <token>` in prose (not `Bearer realm="…"`, not `Bearer tokens`).
    fn bare_bearer(&mut self, we: usize) {
        let b = self.b;
        let n = b.len();
        let blank = skip_blank(b, we);
        let p = if blank > we {
            blank
        } else if b[we..].starts_with(b"%20") {
            we + 3
        } else if b.get(we) == Some(&b'+') {
            we + 1
        } else {
            return;
        };
        if is_mask_at(b, p) {
            return;
        }
        let mut e = p;
        while e < n && is_token(b[e]) {
            e += 1;
        }
        let mut after = e;
        while after < n && b[after] == b'=' {
            after += 1;
        }
        let padding_ends = |c: u8| {
            c.is_ascii_whitespace()
                || matches!(c, b',' | b';' | b')' | b']' | b'}' | b'>' | b'<' | b'&')
        };
        if after > e && after < n && !padding_ends(b[after]) {
            // Not base64 padding but an auth-param: `realm="Doorkeeper"`,
            // `realm=\"Doorkeeper\"`, `error=invalid_token`.
            return;
        }
        let mut end = if after > e { after } else { e };
        while end > p && b[end - 1] == b'.' {
            end -= 1;
        }
        let token = &b[p..end];
        if token.len() >= 6 && !is_prose_word(token) && !is_mask_tail(b, e) {
            self.push(p, end, SecretKind::BearerToken);
        }
    }

    /// `eyJ…` with at least one dot and some length: a JWT standing alone.
    fn jwt(&mut self, ws: usize, we: usize) {
        let b = self.b;
        let (from, run, stripped) = self.jwt.get();
        let (p, end) = if from <= ws && ws < run {
            (run, stripped)
        } else {
            let mut p = ws;
            while p < b.len() && (is_word(b[p]) || b[p] == b'.') {
                p += 1;
            }
            let mut end = p;
            while end > ws && b[end - 1] == b'.' {
                end -= 1;
            }
            self.jwt.set((ws, p, end));
            (p, end)
        };
        // The first word ends at a dot when the run goes on past it.
        let dotted = end > we;
        if end >= ws + 24 && dotted && !is_mask_tail(b, p) {
            self.push(ws, end, SecretKind::Jwt);
        }
    }

    /// Curl's credential flags: `-u user:pass`, `--user=…`, `-uuser:pass`,
    /// `--oauth2-bearer TOKEN`, `-b 'a=b; c=d'`. Returns whether the word was one.
    fn curl_flag(&mut self, ws: usize, we: usize) -> bool {
        #[derive(PartialEq)]
        enum Flag {
            User,
            Bearer,
            Cookie,
        }
        let b = self.b;
        if ws > 0 && !b[ws - 1].is_ascii_whitespace() {
            return false;
        }
        let w = &b[ws..we];
        let (flag, attached) = match w {
            b"-u" | b"-U" | b"--user" | b"--proxy-user" => (Flag::User, false),
            b"--oauth2-bearer" => (Flag::Bearer, false),
            b"-b" | b"--cookie" => (Flag::Cookie, false),
            [b'-', b'u' | b'U', c, ..] if *c != b'-' => (Flag::User, true),
            _ => return false,
        };
        let mut p = if attached { ws + 2 } else { we };
        if !attached {
            if b.get(p) == Some(&b'=') && w.starts_with(b"--") {
                p += 1;
            } else {
                let q = skip_blank(b, p);
                if q == p {
                    return false;
                }
                p = q;
            }
        }
        let bs = backslashes_from(b, p);
        let (vs, ve) = match b.get(p + bs) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let start = p + bs + 1;
                match depth(bs) {
                    Some(level) => (start, quoted_end(b, start, q, level)),
                    None => return false,
                }
            }
            _ if bs > 0 => return false,
            _ => {
                let mut e = p;
                while e < b.len()
                    && !b[e].is_ascii_whitespace()
                    && !matches!(b[e], b'"' | b'\'' | b'\\')
                {
                    e += 1;
                }
                (p, e)
            }
        };
        if self.masked_in(vs, ve) {
            return true;
        }
        match flag {
            Flag::User => {
                if let Some(colon) = (vs..ve).find(|&j| b[j] == b':') {
                    let s = colon + 1;
                    if s < ve && !is_placeholder(&b[s..ve]) {
                        self.push(s, ve, SecretKind::BasicCredentials);
                    }
                }
            }
            Flag::Bearer => {
                if !is_placeholder(&b[vs..ve]) {
                    self.push(vs, ve, SecretKind::BearerToken);
                }
            }
            Flag::Cookie => {
                if b[vs..ve].contains(&b'=') {
                    self.cookies(vs, ve);
                }
            }
        }
        true
    }

    /// `scheme://user:password@host`: mask the password. `p` follows `//`.
    fn userinfo(&mut self, p: usize) {
        let b = self.b;
        let lim = b.len().min(p + AUTHORITY_REACH);
        let mut at = None;
        for (j, &c) in b.iter().enumerate().take(lim).skip(p) {
            match c {
                b'/' | b'?' | b'#' | b'"' | b'\'' | b'<' | b'>' | b'\\' | b'`' => break,
                c if c.is_ascii_whitespace() => break,
                b'@' => at = Some(j),
                _ => {}
            }
        }
        let Some(at) = at else { return };
        if self.masked_in(p, at) {
            return;
        }
        if let Some(colon) = (p..at).find(|&j| b[j] == b':') {
            let s = colon + 1;
            if s < at && !is_placeholder(&b[s..at]) {
                self.push(s, at, SecretKind::Password);
            }
        }
    }

    /// Whether the paste is an OAuth exchange, where `code` is a credential
    /// (and not, say, a JSON:API error code).
    fn oauth_exchange(&mut self) -> bool {
        if let Some(known) = self.oauth {
            return known;
        }
        let lower = self.text.to_ascii_lowercase();
        let found = OAUTH_MARKERS.iter().any(|m| lower.contains(m));
        self.oauth = Some(found);
        found
    }
}

const OAUTH_MARKERS: [&str; 6] = [
    "grant_type",
    "redirect_uri",
    "authorization_code",
    "oauth",
    "callback",
    "state=",
];

const COOKIE_ATTRIBUTES: [&[u8]; 11] = [
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
fn is_prose_word(token: &[u8]) -> bool {
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
pub(super) fn is_placeholder(v: &[u8]) -> bool {
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
fn is_literal_word(v: &[u8]) -> bool {
    const WORDS: [&[u8]; 6] = [b"null", b"none", b"nil", b"true", b"false", b"undefined"];
    WORDS.iter().any(|w| v.eq_ignore_ascii_case(w))
}

/// `Bearer x`, `Basic x`: a value that carries its own scheme.
fn has_scheme(v: &[u8]) -> bool {
    let lower = |n: usize| v.get(..n).map(|p| p.to_ascii_lowercase());
    lower(7).is_some_and(|p| p == b"bearer ") || lower(6).is_some_and(|p| p == b"basic ")
}

/// A mask from an earlier pass starts here: `[masked]` or up to four safe
/// characters and `…[masked]`. Skipping these keeps redaction idempotent.
pub(super) fn is_mask_at(b: &[u8], p: usize) -> bool {
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
fn find_mask(b: &[u8], p: usize) -> usize {
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
fn is_mask_tail(b: &[u8], p: usize) -> bool {
    let rest = b.get(p..).unwrap_or_default();
    rest.starts_with("…".as_bytes()) && rest[3..].starts_with(MASKED) || rest.starts_with(MASKED)
}

/// The escaping depth of a quote preceded by `bs` backslashes: 0 for `"`,
/// 1 for `\"`, 2 for `\\\"`.
fn depth(bs: usize) -> Option<u32> {
    let d = bs.trailing_ones();
    (d <= MAX_DEPTH).then_some(d)
}

/// The end of a string value opened by quote `q` at depth `level`, whose
/// content starts at `start`: the index where the closing quote's own
/// escaping begins, a line end, or the end of the text.
fn quoted_end(b: &[u8], start: usize, q: u8, level: u32) -> usize {
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
fn unquoted_end(b: &[u8], p: usize) -> usize {
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
fn header_end(b: &[u8], p: usize) -> usize {
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
fn ends_statement(b: &[u8], end: usize) -> bool {
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
fn continues(b: &[u8], j: usize) -> bool {
    b.get(j).is_some_and(|c| is_token(*c)) || is_mask_at(b, j)
}

/// Whether `b[j..]` is the label `value` in quotes of depth `esc` (the byte
/// before `j` is the quote).
fn is_value_label(b: &[u8], j: usize, q: u8, esc: usize) -> bool {
    j > 0
        && b[j - 1] == q
        && b[j..].starts_with(b"value")
        && b.get(j + 5..j + 5 + esc)
            .is_some_and(|s| s.iter().all(|c| *c == b'\\'))
        && b.get(j + 5 + esc) == Some(&q)
}

fn backslashes_from(b: &[u8], p: usize) -> usize {
    b.get(p..)
        .unwrap_or_default()
        .iter()
        .take_while(|c| **c == b'\\')
        .count()
}

fn skip_blank(b: &[u8], mut p: usize) -> usize {
    while p < b.len() && (b[p] == b' ' || b[p] == b'\t') {
        p += 1;
    }
    p
}

fn skip_space(b: &[u8], mut p: usize) -> usize {
    while p < b.len() && b[p].is_ascii_whitespace() {
        p += 1;
    }
    p
}

fn skip_space_back(b: &[u8], mut p: usize) -> usize {
    while p > 0 && b[p - 1].is_ascii_whitespace() {
        p -= 1;
    }
    p
}
