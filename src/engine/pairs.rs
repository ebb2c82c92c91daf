//! Evidence that needs two facts together, the way a support engineer reads
//! a paste at a glance: the `redirect_uri` sent against the callback URL the
//! paste quotes as registered; the same refresh token sent twice; an
//! authorization code exchanged long after it was issued; `email=` sent
//! where a password grant needs `username=`; token parameters sent as JSON;
//! a token used after its lifetime ran out, or failing about two hours
//! after it was issued (Doorkeeper's default lifetime).
//!
//! Each pair is a signal of its own (see [`CATALOGUE`]); the knowledge base
//! says which check it confirms, rules out or makes likely. Only the start
//! of the paste is read, line by line, so the cost stays linear.

use super::evidence::{text, Evidence};
use super::signals::{quote, Signal};
use super::util::percent;

/// The signals this file emits.
pub const CATALOGUE: &[(&str, &str)] = &[
    (
        "pair:redirect-uri-differs",
        "the redirect_uri sent differs from the callback URL the paste quotes as registered",
    ),
    (
        "pair:redirect-uri-matches",
        "the redirect_uri sent is exactly the callback URL the paste quotes as registered",
    ),
    (
        "pair:refresh-token-reused",
        "the same refresh token was sent in two token requests",
    ),
    (
        "pair:code-late",
        "the authorization code was exchanged more than ten minutes after it was issued",
    ),
    (
        "pair:email-not-username",
        "a password grant sends the e-mail as `email`, with no `username`",
    ),
    (
        "pair:token-body-json",
        "the token request's parameters were sent as a JSON body, not a form",
    ),
    (
        "pair:token-past-expiry",
        "the access token was used after its expires_in had run out",
    ),
    (
        "pair:token-about-two-hours",
        "calls began to fail about two hours after the token was issued",
    ),
];

/// How much of the paste is read.
const SCAN: usize = 64 * 1024;
/// Doorkeeper's default lifetime of an authorization code.
const CODE_LIFETIME: i64 = 10 * 60;
/// Doorkeeper's default access-token lifetime, and how far from it a
/// failure still counts as "about two hours".
const TOKEN_LIFETIME: i64 = 2 * 60 * 60;
const TOKEN_SLACK: i64 = 20 * 60;

/// Every pairwise signal the paste supports.
pub fn signals(ev: &Evidence, input: &str) -> Vec<Signal> {
    let head = text::clip(input, SCAN);
    let mut out = Vec::new();
    let mut add = |id: &str, why: String| {
        out.push(Signal {
            id: id.to_string(),
            why,
        })
    };
    if let Some((sent, registered)) = redirect_pair(ev, head) {
        if sent == registered {
            add(
                "pair:redirect-uri-matches",
                format!(
                    "The redirect_uri sent ({}) is exactly the callback URL quoted as registered.",
                    quote(&sent)
                ),
            );
        } else {
            add(
                "pair:redirect-uri-differs",
                format!(
                    "The token request sent redirect_uri={} but the callback URL quoted as registered is {}.",
                    quote(&sent),
                    quote(&registered)
                ),
            );
        }
    }
    if let Some((token, n)) = refresh_reuse(head) {
        add(
            "pair:refresh-token-reused",
            format!(
                "The same refresh token ({}) was sent in {n} token requests; a refresh token works once.",
                super::redact::mask(&token)
            ),
        );
    }
    if let Some(late) = code_late(head) {
        add(
            "pair:code-late",
            format!(
                "The authorization code was issued at {} and exchanged at {}, {} later; codes expire after ten minutes.",
                late.0,
                late.1,
                minutes(late.2)
            ),
        );
    }
    if email_not_username(ev, head) {
        add(
            "pair:email-not-username",
            "The password grant sends `email=…` and no `username=…`; the e-mail belongs in `username`.".to_string(),
        );
    }
    if token_body_json(ev, head) {
        add(
            "pair:token-body-json",
            "The token request's parameters were sent as a JSON body; the token endpoint reads form fields.".to_string(),
        );
    }
    token_age(ev, head, &mut add);
    out
}

fn minutes(secs: i64) -> String {
    let m = secs / 60;
    if m >= 120 {
        format!("{} h {} min", m / 60, m % 60)
    } else {
        format!("{m} min")
    }
}

/// The value that follows `key` as a field (`key=v`, `"key": "v"`,
/// `'key': 'v'`, `key: "v"`) at byte `at` just after the key, if it is one.
fn field_value(s: &str, at: usize) -> Option<&str> {
    let rest = s.get(at..)?;
    let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
    let rest = rest.trim_start_matches([' ', '\t']);
    let rest = rest
        .strip_prefix('=')
        .or_else(|| rest.strip_prefix(':'))?
        .trim_start_matches([' ', '\t']);
    let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '&' | '"' | '\'' | ',' | '}' | ')'))
        .unwrap_or(rest.len());
    let v = &rest[..end];
    (!v.is_empty()).then_some(v)
}

/// Every value of `key` used as a field in `s`, with the byte offset of the
/// key (a key is not preceded by a letter, digit or `_`).
fn fields<'a>(s: &'a str, key: &'a str) -> impl Iterator<Item = (usize, &'a str)> + 'a {
    s.match_indices(key).filter_map(move |(i, _)| {
        let before = s[..i].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        field_value(s, i + key.len()).map(|v| (i, v))
    })
}

fn is_token_value(v: &str) -> bool {
    v.len() >= 8
        && v.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'+' | b'/' | b'=')
        })
}

fn clean_url(u: &str) -> String {
    percent::decode(u.trim().trim_matches(['"', '\'', '`']))
        .trim_end_matches(['.', ',', ';', ')'])
        .to_string()
}

/// Words that say a URL is the one registered for the client (English,
/// German, French, Spanish, Portuguese, Italian stems; lower case).
const REGISTERED: &[&str] = &[
    "registered",
    "configured",
    "whitelisted",
    "allowed",
    "on file",
    "set up",
    "set to",
    "settings",
    "defined",
    "listed",
    "registriert",
    "hinterlegt",
    "konfiguriert",
    "enregistr",
    "configur",
    "registrad",
    "registrat",
];

/// Words for the callback URL itself.
const CALLBACK: &[&str] = &[
    "callback",
    "redirect",
    "rückruf",
    "redirección",
    "redirecionamento",
];

/// The redirect_uri sent and the callback URL quoted as registered.
fn redirect_pair(ev: &Evidence, head: &str) -> Option<(String, String)> {
    let sent = ev.param("redirect_uri").map(str::to_string).or_else(|| {
        fields(head, "redirect_uri")
            .map(|(_, v)| v.to_string())
            .next()
    })?;
    let sent = clean_url(&sent);
    if !sent.starts_with("http") {
        return None;
    }
    let registered = head.lines().find_map(|line| {
        let l = line.to_ascii_lowercase();
        let says =
            REGISTERED.iter().any(|w| l.contains(w)) && CALLBACK.iter().any(|w| l.contains(w));
        if !says {
            return None;
        }
        // The registered URL, not the one the same line says was sent.
        text::urls(line)
            .find(|u| {
                let at = (u.as_ptr() as usize).saturating_sub(line.as_ptr() as usize);
                let before = line.get(..at).unwrap_or_default();
                !text::tail(before, 20).contains("redirect_uri")
            })
            .map(clean_url)
    })?;
    Some((sent, registered))
}

/// The refresh tokens sent in token requests (lines naming a grant type).
fn refresh_values(head: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for (n, line) in head.lines().enumerate() {
        if !line.contains("grant_type") {
            continue;
        }
        for (_, v) in fields(line, "refresh_token") {
            if is_token_value(v) {
                out.push((n, v));
            }
        }
    }
    out
}

/// The refresh token sent most often and how many token requests sent it,
/// when more than one did.
fn refresh_reuse(head: &str) -> Option<(String, usize)> {
    let vals = refresh_values(head);
    vals.iter()
        .map(|(_, v)| (v.to_string(), vals.iter().filter(|(_, w)| w == v).count()))
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n >= 2)
}

/// A timestamp on a line: the day (when a date is given) and the second of
/// the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    day: Option<i64>,
    secs: i64,
}

impl Stamp {
    fn from_epoch(epoch: i64) -> Stamp {
        Stamp {
            day: Some(epoch.div_euclid(86_400)),
            secs: epoch.rem_euclid(86_400),
        }
    }

    /// Seconds from `self` to `later`; without both dates, on one day (or
    /// across one midnight).
    fn until(self, later: Stamp) -> i64 {
        match (self.day, later.day) {
            (Some(a), Some(b)) => (b - a) * 86_400 + later.secs - self.secs,
            _ => (later.secs - self.secs).rem_euclid(86_400),
        }
    }

    fn shown(self) -> String {
        format!("{:02}:{:02}", self.secs / 3600, self.secs / 60 % 60)
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn digits(b: &[u8], at: usize, n: usize) -> Option<i64> {
    let s = b.get(at..at + n)?;
    if !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0, |acc, d| acc * 10 + i64::from(d - b'0')))
}

/// `HH:MM` or `HH:MM:SS` at `at`, and where it ends.
fn clock(b: &[u8], at: usize) -> Option<(i64, usize)> {
    let h = digits(b, at, 2)?;
    if b.get(at + 2) != Some(&b':') {
        return None;
    }
    let m = digits(b, at + 3, 2)?;
    let (s, end) = match (b.get(at + 5), digits(b, at + 6, 2)) {
        (Some(b':'), Some(s)) => (s, at + 8),
        _ => (0, at + 5),
    };
    (h < 24 && m < 60 && s < 61).then_some((h * 3600 + m * 60 + s, end))
}

/// The first timestamp on a line: `2025-12-01T10:02:14Z`, `2025-12-01 10:02`,
/// or a bare `10:02:14` / `10:02`.
fn stamp(line: &str) -> Option<Stamp> {
    let b = line.as_bytes();
    for i in 0..b.len() {
        if i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b':') {
            continue;
        }
        if let (Some(y), Some(b'-'), Some(mo), Some(b'-'), Some(d)) = (
            digits(b, i, 4),
            b.get(i + 4),
            digits(b, i + 5, 2),
            b.get(i + 7),
            digits(b, i + 8, 2),
        ) {
            if matches!(b.get(i + 10), Some(b'T' | b' ')) {
                if let Some((secs, _)) = clock(b, i + 11) {
                    return Some(Stamp {
                        day: Some(days_from_civil(y, mo, d)),
                        secs,
                    });
                }
            }
        }
        if let Some((secs, end)) = clock(b, i) {
            if !b.get(end).is_some_and(u8::is_ascii_digit) {
                return Some(Stamp { day: None, secs });
            }
        }
    }
    None
}

/// An authorization code issued on one line and exchanged on a later one,
/// more than a code's lifetime apart: (issued, exchanged, seconds).
fn code_late(head: &str) -> Option<(String, String, i64)> {
    let lines: Vec<&str> = head.lines().collect();
    let codes: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .flat_map(|(n, l)| {
            fields(l, "code")
                .filter(|(_, v)| is_token_value(v))
                .map(move |(_, v)| (n, v))
        })
        .collect();
    for &(n, v) in &codes {
        let exchange = lines[n].contains("authorization_code");
        if !exchange {
            continue;
        }
        let issued = codes
            .iter()
            .find(|&&(m, w)| m < n && w == v && !lines[m].contains("authorization_code"));
        let Some((a, b)) = issued.and_then(|i| Some((stamp(lines[i.0])?, stamp(lines[n])?))) else {
            continue;
        };
        let gap = a.until(b);
        if gap > CODE_LIFETIME {
            return Some((a.shown(), b.shown(), gap));
        }
    }
    None
}

fn has_field(head: &str, key: &str) -> bool {
    fields(head, key).next().is_some()
}

fn email_not_username(ev: &Evidence, head: &str) -> bool {
    let password = ev.param("grant_type") == Some("password")
        || fields(head, "grant_type").any(|(_, v)| v == "password");
    let email =
        ev.param("email").is_some() || has_field(head, "email") || head.contains("-d email=");
    let username = ev.param("username").is_some() || has_field(head, "username");
    password && email && !username
}

/// The token request's parameters as JSON: the request body is a JSON
/// object, or a JSON/JS object literal in the paste has `grant_type` as a
/// key (not a Python `data=` dict or a form builder, which send forms).
fn token_body_json(ev: &Evidence, head: &str) -> bool {
    let token_call = ev
        .request
        .url
        .as_deref()
        .is_some_and(|u| u.contains("/oauth/token"))
        || head.contains("/oauth/token");
    if !token_call {
        return false;
    }
    if ev
        .request
        .body
        .as_deref()
        .is_some_and(|b| b.trim_start().starts_with('{') && b.contains("grant_type"))
    {
        return true;
    }
    fields(head, "grant_type").any(|(i, _)| {
        let before = &head[..i];
        let key_style = head[i + "grant_type".len()..]
            .trim_start_matches(['"', '\''])
            .trim_start()
            .starts_with(':');
        let Some(open) = before.rfind('{') else {
            return false;
        };
        let inside = &before[open..];
        let lead = before[..open].trim_end().to_ascii_lowercase();
        let form_builder = [
            "data=",
            "data:",
            "params=",
            "form=",
            "urlsearchparams(",
            "qs.stringify(",
            "form_data=",
        ]
        .iter()
        .any(|m| lead.ends_with(m));
        key_style && !inside.contains('}') && !inside.contains('\n') && !form_builder
    })
}

/// Words that say a clause is about getting a token.
const ISSUED: &[&str] = &[
    "access_token",
    "get a token",
    "gets a token",
    "got a token",
    "new token",
    "token issued",
    "token ok",
    "generate",
    "refreshed",
    "obtained",
];

/// A token's age when it failed: past its `expires_in` (proof), or about
/// Doorkeeper's two hours when the lifetime is not shown (a pointer).
fn token_age(ev: &Evidence, head: &str, add: &mut impl FnMut(&str, String)) {
    if ev.status != Some(401) && ev.oauth_error.as_deref() != Some("invalid_token") {
        return;
    }
    let number = |key: &str| fields(head, key).find_map(|(_, v)| v.parse::<i64>().ok());
    // Clauses, so "gets a token at 01:00, … and from 03:00 every call
    // returns 401" keeps each time with what happened then; a separator is
    // followed by a space, so URLs and times stay whole.
    let clauses: Vec<&str> = head
        .lines()
        .flat_map(|l| l.split(". "))
        .flat_map(|c| c.split(", "))
        .flat_map(|c| c.split("; "))
        .flat_map(|c| c.split(" and "))
        .collect();
    let issued_clause = clauses.iter().position(|c| {
        let l = c.to_ascii_lowercase();
        l.contains("token") && ISSUED.iter().any(|w| l.contains(w)) || l.contains("access_token")
    });
    let issued = match number("created_at").filter(|&e| e > 1_000_000_000) {
        Some(epoch) => Some(Stamp::from_epoch(epoch)),
        None => issued_clause.and_then(|i| stamp(clauses[i])),
    };
    let Some(issued) = issued else { return };
    let from = issued_clause.unwrap_or(0);
    let failed = clauses.iter().skip(from).find_map(|c| {
        let l = c.to_ascii_lowercase();
        (l.contains("401") || l.contains("unauthorized") || l.contains("invalid_token"))
            .then(|| stamp(c))
            .flatten()
    });
    let Some(failed) = failed else { return };
    let age = issued.until(failed);
    match number("expires_in") {
        Some(life) if life > 0 && age >= life => add(
            "pair:token-past-expiry",
            format!(
                "The token was issued at {} with expires_in={life} and failed at {}, {} later: it had expired.",
                issued.shown(),
                failed.shown(),
                minutes(age)
            ),
        ),
        Some(_) => {}
        None if (TOKEN_LIFETIME - TOKEN_SLACK..=TOKEN_LIFETIME + TOKEN_SLACK).contains(&age) => add(
            "pair:token-about-two-hours",
            format!(
                "The token came at {} and calls failed from {}, about two hours later: the usual lifetime of an access token.",
                issued.shown(),
                failed.shown()
            ),
        ),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_clocks() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(
            Stamp::from_epoch(1_764_575_892),
            stamp("2025-12-01T07:58:12Z").unwrap()
        );
        let a = stamp("[2025-12-01 10:02:14] GET").unwrap();
        let b = stamp("[2025-12-01 10:39:47] POST").unwrap();
        assert_eq!(a.until(b), 37 * 60 + 33);
        assert_eq!(
            stamp("at 23:50").unwrap().until(stamp("at 00:10").unwrap()),
            20 * 60
        );
        assert_eq!(stamp("took 1234 ms"), None);
        assert_eq!(stamp("99:99"), None);
    }

    #[test]
    fn fields_are_keys_not_values() {
        let line = "grant_type=refresh_token&refresh_token=AbCdEfGh12345678&client_id=x";
        let v: Vec<&str> = fields(line, "refresh_token").map(|(_, v)| v).collect();
        assert_eq!(v, vec!["AbCdEfGh12345678"]);
        let py = "{'grant_type': 'refresh_token', 'refresh_token': 'AbCdEfGh12345678'}";
        let v: Vec<&str> = fields(py, "refresh_token").map(|(_, v)| v).collect();
        assert_eq!(v, vec!["AbCdEfGh12345678"]);
        assert_eq!(fields("error_code=12345678", "code").count(), 0);
    }
}
