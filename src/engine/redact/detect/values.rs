//! Recording what a key's value holds: the credential (with its scheme
//! kept readable), every cookie of a `Cookie`/`Set-Cookie` value, and
//! cookie arrays as HAR and browser exports write them.

use super::*;

impl Scanner<'_> {
    /// Record the secret(s) in a key's value.
    pub(super) fn apply(&mut self, key: Key, v: Value) {
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
    pub(super) fn credential(&mut self, start: usize, end: usize, default: SecretKind) {
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
    pub(super) fn cookies(&mut self, start: usize, end: usize) {
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
    pub(super) fn cookie_array(&mut self, we: usize) {
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
}
