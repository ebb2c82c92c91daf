//! How a secret-naming word's value is read in each layout: `k: v`,
//! `k=v`, quoted keys at any escaping depth, name/value pairs, values on
//! the next line or in an XML element, and the credential shape that
//! layouts without a sign between name and value require.

use super::*;

impl Scanner<'_> {
    /// The value assigned to the key word `b[ws..we]`, if the word is used
    /// as a key at all.
    pub(super) fn assignment(&self, ws: usize, we: usize, key: Key) -> Option<Value> {
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
    pub(super) fn layout_value(
        &self,
        p: usize,
        key_quote: Option<(u8, u32)>,
        key: Key,
    ) -> Option<Value> {
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
    pub(super) fn next_line_value(
        &self,
        p: usize,
        key_quote: Option<(u8, u32)>,
        key: Key,
    ) -> Option<Value> {
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
    pub(super) fn element_value(&self, p: usize, key: Key) -> Option<Value> {
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
    pub(super) fn credential_like(&self, s: usize, e: usize) -> bool {
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
        let named = classify(v).is_some() || crate::engine::redact::names::is_readable_name(v);
        !wordy
            && !short_number
            && !named
            && v.iter().any(u8::is_ascii_alphanumeric)
            && !is_placeholder(v)
            && !is_literal_word(v)
    }

    /// A value starting at `p` (after the separator and blanks).
    pub(super) fn value_at(
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
    pub(super) fn name_value(
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
    pub(super) fn unquoted_end(&self, p: usize) -> usize {
        let (from, end) = self.unquoted.get();
        if from <= p && p < end {
            return end;
        }
        let end = unquoted_end(self.b, p);
        self.unquoted.set((p, end));
        end
    }

    /// `header_end` with the same memory as `unquoted_end`.
    pub(super) fn header_end(&self, p: usize) -> usize {
        let (from, end) = self.header.get();
        if from <= p && p < end {
            return end;
        }
        let end = header_end(self.b, p);
        self.header.set((p, end));
        end
    }
}
