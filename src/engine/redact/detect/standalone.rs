//! Secrets recognised on their own, whatever word precedes them: a bare
//! `Bearer <token>`, a JWT, curl's credential flags, URL credentials
//! (`user:pass@`), and whether the paste is an OAuth exchange at all.

use super::*;

impl Scanner<'_> {
    /// `Bearer <token>` in prose (not `Bearer realm="…"`, not `Bearer tokens`).
    pub(super) fn bare_bearer(&mut self, we: usize) {
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
    pub(super) fn jwt(&mut self, ws: usize, we: usize) {
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
    pub(super) fn curl_flag(&mut self, ws: usize, we: usize) -> bool {
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
    pub(super) fn userinfo(&mut self, p: usize) {
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
    pub(super) fn oauth_exchange(&mut self) -> bool {
        if let Some(known) = self.oauth {
            return known;
        }
        let lower = self.text.to_ascii_lowercase();
        let found = OAUTH_MARKERS.iter().any(|m| lower.contains(m));
        self.oauth = Some(found);
        found
    }
}
