//! What the request sent next to what it needed, where a paste holds both:
//! the `redirect_uri` sent and the callback quoted as registered, the host
//! used and the host the path lives on, the Accept or Content-Type sent and
//! the JSON:API media type. Each pair carries the span where the two differ,
//! so a front end can show them as a small diff.

use super::api_facts::{
    is_api_path, is_oauth_path, is_token_path, is_write_method, media_type_ok, API_HOST, APP_HOST,
    MEDIA_TYPE,
};
use super::diagnosis::SentExpected;
use super::evidence::Evidence;
use super::redact::{scrub, Secret};
use super::util::percent::decode;
use super::util::url::split_url;

/// Words on a line that quote the value a server has on record.
const REGISTERED: &[&str] = &[
    "regist",
    "callback",
    "expected",
    "configured",
    "allowed",
    "whitelist",
    "must match",
];

/// Every sent/expected pair this evidence shows. `redacted` is the paste with
/// its secrets masked, where a quoted registered callback is looked for.
pub fn sent_vs_expected(ev: &Evidence, redacted: &str, secrets: &[Secret]) -> Vec<SentExpected> {
    let mut out = Vec::new();
    // The token endpoint is OAuth, not JSON:API: its media types differ.
    let oauth = ev
        .request
        .url
        .as_deref()
        .and_then(split_url)
        .is_some_and(|u| is_oauth_path(&u.path));
    for name in ["Accept", "Content-Type"].into_iter().filter(|_| !oauth) {
        let writes = ev.request.method.as_deref().is_some_and(is_write_method);
        if name == "Content-Type" && !writes {
            continue;
        }
        if let Some(v) = ev.request_header(name).filter(|v| !media_type_ok(v)) {
            out.push(pair(&format!("{name} header"), v.trim(), MEDIA_TYPE));
        }
    }
    if let Some(url) = ev.request.url.as_deref() {
        if let Some(parts) = split_url(url) {
            let needed = if is_token_path(&parts.path) && parts.host == API_HOST {
                Some(APP_HOST)
            } else if is_api_path(&parts.path) && parts.host == APP_HOST {
                Some(API_HOST)
            } else {
                None
            };
            if let Some(host) = needed {
                let sent = scrub(url.trim(), secrets);
                let expected = sent.replacen(&parts.host, host, 1);
                out.push(pair("Host", &sent, &expected));
            }
        }
    }
    if let Some(sent) = ev.param("redirect_uri").map(|v| decode(v.trim())) {
        let request_url = ev.request.url.as_deref().unwrap_or_default();
        let registered = quoted_urls(redacted)
            .find(|u| *u != sent && !request_url.starts_with(u) && !u.contains("redirect_uri="));
        if let Some(expected) = registered {
            out.push(pair("redirect_uri", &scrub(&sent, secrets), expected));
        }
    }
    out
}

/// URLs standing on a line that says they are what is on record.
fn quoted_urls(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|line| {
            let lower = line.to_ascii_lowercase();
            REGISTERED.iter().any(|w| lower.contains(w))
        })
        .flat_map(|line| {
            line.match_indices("http").filter_map(move |(i, _)| {
                let rest = line.get(i..)?;
                if !(rest.starts_with("https://") || rest.starts_with("http://")) {
                    return None;
                }
                let end = rest
                    .find(|c: char| {
                        c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`' | ')' | ',')
                    })
                    .unwrap_or(rest.len());
                Some(rest.get(..end)?.trim_end_matches(['.', ';', ':']))
            })
        })
}

fn pair(what: &str, sent: &str, expected: &str) -> SentExpected {
    let (sent_span, expected_span) = differing(sent, expected);
    SentExpected {
        what: what.to_string(),
        sent: sent.to_string(),
        expected: expected.to_string(),
        sent_span,
        expected_span,
    }
}

/// The byte spans of `a` and `b` between their common prefix and suffix
/// (whole characters, so a span never cuts one).
fn differing(a: &str, b: &str) -> ((usize, usize), (usize, usize)) {
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (ra, rb) = (a.get(prefix..).unwrap_or(""), b.get(prefix..).unwrap_or(""));
    let suffix: usize = ra
        .chars()
        .rev()
        .zip(rb.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    (
        (prefix, a.len() - suffix.min(ra.len())),
        (prefix, b.len() - suffix.min(rb.len())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_the_difference_only() {
        let ((a0, a1), (b0, b1)) = differing(
            "https://api.scopestack.io/oauth/token",
            "https://app.scopestack.io/oauth/token",
        );
        assert_eq!((a0, a1, b0, b1), (10, 11, 10, 11));
        let (s, e) = differing("application/json", MEDIA_TYPE);
        assert_eq!(
            s,
            (12, 12),
            "nothing of the sent value differs: it lacks a part"
        );
        assert_eq!(&MEDIA_TYPE[e.0..e.1], "vnd.api+");
        assert_eq!(differing("abc", "abc"), ((3, 3), (3, 3)));
        assert_eq!(differing("aé", "aè"), ((1, 3), (1, 3)));
        assert_eq!(differing("aa", "aaa"), ((2, 2), (2, 3)));
    }
}
