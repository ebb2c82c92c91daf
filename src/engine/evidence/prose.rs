//! The last resort: a paste that is only a status (`401`, `HTTP 401`,
//! `Error 422`) or only a code (`invalid_grant`, `FILTER_NOT_ALLOWED`), or a
//! sentence that names them ("I keep getting a 403 when I PATCH a project",
//! "postman says invalid_client"). These fill only what no structured
//! source gave, and only the first 64 KB are read.

use super::{rank, text, ApiError, Collector, Format, Platform};

/// OAuth error codes Doorkeeper (and RFC 6749/6750) use.
pub(crate) const OAUTH_CODES: &[&str] = &[
    "invalid_client",
    "invalid_grant",
    "invalid_request",
    "invalid_token",
    "invalid_scope",
    "unsupported_grant_type",
    "unauthorized_client",
    "invalid_resource_owner",
    "insufficient_scope",
    "access_denied",
    "unsupported_response_type",
    "invalid_redirect_uri",
];

/// JSON:API error names some servers send as `code`.
const JSONAPI_NAMES: &[&str] = &[
    "VALIDATION_ERROR",
    "INVALID_RESOURCE",
    "FILTER_NOT_ALLOWED",
    "INVALID_FIELD_VALUE",
    "INVALID_FIELD",
    "PARAM_NOT_ALLOWED",
    "PARAM_MISSING",
    "INVALID_FILTER_VALUE",
    "INVALID_INCLUDE",
    "INVALID_SORT_CRITERIA",
    "INVALID_DATA_FORMAT",
    "RECORD_NOT_FOUND",
    "NOT_ACCEPTABLE",
    "UNSUPPORTED_MEDIA_TYPE",
];

/// Doorkeeper's standard error descriptions (its English locale), so a page
/// or message that only shows the sentence still names the code.
const DOORKEEPER_TEXTS: &[(&str, &str)] = &[
    (
        "the requested redirect uri is malformed or doesn't match client redirect uri",
        "invalid_redirect_uri",
    ),
    (
        "the provided authorization grant is invalid",
        "invalid_grant",
    ),
    (
        "client authentication failed due to unknown client",
        "invalid_client",
    ),
    (
        "the authorization grant type is not supported",
        "unsupported_grant_type",
    ),
    (
        "the requested scope is invalid, unknown, or malformed",
        "invalid_scope",
    ),
    (
        "the client is not authorized to perform this request",
        "unauthorized_client",
    ),
    (
        "the resource owner or authorization server denied the request",
        "access_denied",
    ),
    (
        "the provided resource owner credentials are not valid",
        "invalid_resource_owner",
    ),
    (
        "the authorization server does not support this response type",
        "unsupported_response_type",
    ),
    (
        "the request is missing a required parameter",
        "invalid_request",
    ),
    ("missing required parameter:", "invalid_request"),
    ("the access token expired", "invalid_token"),
    ("the access token was revoked", "invalid_token"),
    ("the access token is invalid", "invalid_token"),
];

/// JSONAPI::Resources' messages, as people quote them without the JSON
/// around them ("it says Name can't be blank"): the sentence is kept as the
/// error's detail, so the rules read it as they would read the body.
const JSONAPI_TEXTS: &[&str] = &[
    "can't be blank",
    "can’t be blank",
    "has already been taken",
    "filter not allowed",
    "is not allowed.",
    "could not be found",
    "must exist",
    "is not a valid value",
];

/// Words that, before a number, make it a status ("got a 403").
const BEFORE: &[&str] = &[
    "a",
    "an",
    "the",
    "http",
    "https",
    "status",
    "code",
    "error",
    "err",
    "got",
    "get",
    "gets",
    "getting",
    "return",
    "returns",
    "returned",
    "returning",
    "receive",
    "received",
    "receiving",
    "throw",
    "throws",
    "throwing",
    "threw",
    "with",
    "see",
    "seeing",
    "saw",
    "response",
    "responds",
    "responded",
    "answer",
    "answers",
    "answered",
    "give",
    "gives",
    "giving",
    "gave",
    "hit",
    "hitting",
    "says",
    "said",
    "shows",
    "showing",
    "is",
    "was",
    "fails",
    "failed",
    "failing",
    "returns:",
    "status:",
    "code:",
    "error:",
    // "always 401", "still 403": how a recurring status is told.
    "always",
    "still",
    "keeps",
    "constantly",
    // The same words in the languages customers write around an English
    // error (German, French, Spanish, Portuguese, Italian).
    "noch",
    "immer",
    "gibt",
    "bekommen",
    "erhalten",
    "siempre",
    "devuelve",
    "recibimos",
    "toujours",
    "renvoie",
    "recevons",
    "sempre",
    "retorna",
    "recebemos",
    "riceviamo",
    "fehler",
    "fehlercode",
    "statuscode",
    "erreur",
    "statut",
    "código",
    "codigo",
    "estado",
    "erro",
    "errore",
    "codice",
];

/// Words that, after a number, make it a status ("403 forbidden").
const AFTER: &[&str] = &[
    "bad",
    "unauthorized",
    "unauthorised",
    "forbidden",
    "not",
    "method",
    "conflict",
    "gone",
    "unsupported",
    "unprocessable",
    "locked",
    "too",
    "internal",
    "service",
    "gateway",
    "server",
    "client",
    "error",
    "errors",
    "response",
    "responses",
    "status",
    "code",
];

fn word_before(lower: &str, at: usize) -> &str {
    let before = lower[..at].trim_end_matches([' ', '\t', '(', '"', '\'', '“']);
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || *c == '(' || *c == '"')
        .map_or(0, |(i, c)| i + c.len_utf8());
    &before[start..]
}

fn word_after(lower: &str, at: usize) -> &str {
    let after = lower[at..].trim_start_matches([' ', '\t', '(', '-', ':']);
    let end = after
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(after.len());
    &after[..end]
}

/// The first HTTP error status a sentence names, with the line it is on.
pub(crate) fn find_status(s: &str) -> Option<(u16, String)> {
    let lower = s.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i - start != 3 {
            continue;
        }
        let prev = start.checked_sub(1).map(|p| b[p]);
        let next = b.get(i).copied();
        let clean_before = prev.is_none_or(|p| {
            !p.is_ascii_alphanumeric()
                && !matches!(
                    p,
                    b'.' | b'/' | b'-' | b'_' | b'%' | b'#' | b'$' | b'+' | b'='
                )
        });
        let clean_after = next
            .is_none_or(|n| !n.is_ascii_alphanumeric() && !matches!(n, b'/' | b'-' | b'_' | b'%'))
            && !(matches!(next, Some(b'.' | b':' | b','))
                && b.get(i + 1).is_some_and(u8::is_ascii_digit));
        let Ok(code) = lower[start..i].parse::<u16>() else {
            continue;
        };
        if !(400..=599).contains(&code) || !clean_before || !clean_after {
            continue;
        }
        let before = word_before(&lower, start);
        // `r.status_code` → `status_code`
        let before = before.rsplit('.').next().unwrap_or(before);
        let line_start = lower[..start].rfind('\n').map_or(0, |p| p + 1);
        let line_end = lower[i..].find('\n').map_or(lower.len(), |p| i + p);
        let alone = lower[line_start..line_end].trim() == &lower[start..i];
        let after = word_after(&lower, i);
        let versioned = lower[..start]
            .trim_end()
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.starts_with("http/"));
        if BEFORE.contains(&before) || AFTER.contains(&after) || versioned || alone {
            return Some((code, text::snippet(&s[line_start..line_end], 200)));
        }
    }
    None
}

/// The whole paste is one status: `401`, `HTTP 401`, `Error 422`,
/// `422 Unprocessable Entity`.
fn bare_status(t: &str) -> Option<u16> {
    let lower = t.to_ascii_lowercase();
    let mut rest = lower.as_str();
    for prefix in [
        "http/1.1",
        "http/1.0",
        "http/2.0",
        "http/2",
        "http",
        "status code",
        "status",
        "error code",
        "error",
        "code",
        "response",
    ] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r;
            break;
        }
    }
    let rest = rest.trim_start_matches([':', ' ', '\t', '=']);
    let code = text::three_digit_status(rest)?;
    let reason = &rest[3..];
    reason
        .chars()
        .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '-' | '(' | ')' | '\'' | '.'))
        .then_some(code)
}

/// The whole paste is one code: `invalid_grant`, `error: invalid_token`,
/// `FILTER_NOT_ALLOWED`.
fn bare_code(t: &str) -> Option<&str> {
    let mut word = t.trim().trim_matches(['"', '\'', '`', '.']);
    for prefix in ["error:", "Error:", "error=", "code:", "Code:"] {
        if let Some(r) = word.strip_prefix(prefix) {
            word = r.trim().trim_matches(['"', '\'', '`']);
        }
    }
    (OAUTH_CODES.contains(&word) || JSONAPI_NAMES.contains(&word)).then_some(word)
}

fn code_named(c: &mut Collector, code: &str, rank: u8, format: Format) -> bool {
    if OAUTH_CODES.contains(&code) {
        if c.ev.oauth_error.is_some() {
            return false;
        }
        c.oauth(code, None, rank);
    } else {
        if !c.ev.errors.is_empty() {
            return false;
        }
        c.ev.errors.push(ApiError {
            code: Some(code.to_string()),
            ..ApiError::default()
        });
    }
    c.mention(code);
    c.format(format);
    true
}

pub(crate) fn scan(text: &str, c: &mut Collector) {
    let t = text.trim();
    if t.len() <= 80 && !t.contains('\n') {
        if c.status_rank() < rank::BARE {
            if let Some(code) = bare_status(t) {
                c.status(code, Some(t), rank::BARE);
                c.mention(&code.to_string());
                c.format(Format::BareStatus);
                return;
            }
        }
        if let Some(code) = bare_code(t) {
            if code_named(c, code, rank::BARE, Format::BareCode) {
                return;
            }
        }
    }
    sentences(text::clip(text, super::HEAD_SCAN), c);
}

/// Codes, statuses, methods, URLs and tools named in sentences.
fn sentences(head: &str, c: &mut Collector) {
    let lower = head.to_ascii_lowercase();
    if c.ev.status.is_none() {
        if let Some((code, line)) = find_status(head) {
            c.status(code, Some(&line), rank::PROSE);
            c.mention(&code.to_string());
            c.format(Format::Prose);
        }
    }
    let first = |names: &[&'static str], hay: &str| {
        names
            .iter()
            .filter_map(|n| whole_word(hay, n).map(|p| (p, *n)))
            .min()
            .map(|(_, n)| n)
    };
    if c.ev.oauth_error.is_none() && c.ev.errors.is_empty() {
        if let Some(code) = first(OAUTH_CODES, &lower) {
            code_named(c, code, rank::PROSE, Format::Prose);
        }
    }
    if c.ev.oauth_error.is_none() && c.ev.errors.is_empty() {
        let said = DOORKEEPER_TEXTS
            .iter()
            .filter_map(|(t, code)| lower.find(t).map(|p| (p, *code)))
            .min();
        if let Some((p, code)) = said {
            // The sentence as written, up to its end.
            let end = head[p..]
                .find(['\n', '"', '<'])
                .map_or(head.len(), |e| p + e);
            c.oauth(code, Some(&head[p..end]), rank::PROSE);
            c.mention(code);
            c.format(Format::Prose);
        }
    }
    if c.ev.errors.is_empty() && c.ev.oauth_error.is_none() {
        if let Some(code) = first(JSONAPI_NAMES, head) {
            code_named(c, code, rank::PROSE, Format::Prose);
        }
    }
    if c.ev.errors.is_empty() && c.ev.oauth_error.is_none() {
        let said = JSONAPI_TEXTS.iter().filter_map(|t| lower.find(t)).min();
        if let Some(p) = said {
            // The line it stands in, as written.
            let start = head[..p].rfind(['\n', '"']).map_or(0, |s| s + 1);
            let end = head[p..].find(['\n', '"']).map_or(head.len(), |e| p + e);
            let line = head[start..end].trim();
            c.ev.errors.push(super::ApiError {
                detail: Some(line.to_string()),
                ..Default::default()
            });
            c.format(Format::Prose);
        }
    }
    if c.ev.request.method.is_none() {
        let method = ["GET", "POST", "PUT", "PATCH", "DELETE"]
            .iter()
            .filter_map(|m| whole_word(head, m).map(|p| (p, *m)))
            .min();
        if let Some((_, m)) = method {
            c.method(m);
        }
    }
    if c.ev.request.url.is_none() {
        let url = text::urls(head).find(|u| {
            text::host_of(u).is_some_and(|h| {
                h == "api.scopestack.io"
                    || h == "app.scopestack.io"
                    || h == "localhost"
                    || (h.ends_with(".scopestack.io") && !h.starts_with("docs."))
            })
        });
        if let Some(u) = url {
            c.url(u);
        }
    }
    for tool in [
        Platform::Postman,
        Platform::Workato,
        Platform::Zapier,
        Platform::Axios,
    ] {
        if whole_word(&lower, tool.as_str()).is_some() {
            c.platform_mentioned(tool);
            break;
        }
    }
}

/// Where `word` first occurs in `hay` as a whole word (not inside a longer
/// identifier). Linear: each search resumes after the previous hit.
fn whole_word(hay: &str, word: &str) -> Option<usize> {
    let b = hay.as_bytes();
    let is_word = |x: u8| x.is_ascii_alphanumeric() || x == b'_';
    let mut from = 0;
    while let Some(p) = hay.get(from..).and_then(|h| h.find(word)) {
        let at = from + p;
        let end = at + word.len();
        let before_ok = at == 0 || !is_word(b[at - 1]);
        let after_ok = end >= b.len() || !is_word(b[end]);
        if before_ok && after_ok {
            return Some(at);
        }
        from = end;
    }
    None
}
