//! What client libraries say when a call comes back with an error status,
//! as a grammar kept in data: PowerShell (5.1 and 7), .NET, Spring and
//! OkHttp/Retrofit, Go's `oauth2`, Ruby's Faraday/RestClient/HTTParty, PHP's
//! Guzzle and Laravel, Python's httpx, automation platforms' `[422] …` and
//! `422 - "…"`, and log lines (`status=502`, `-> 401`). Each template says
//! where the status, the reason, the URL and the body sit; adding a stack is
//! adding a line to [`TEMPLATES`].
//!
//! A match is only read here; `unwrap` applies it (status at wire rank, the
//! body recognised as if it had been pasted alone).

use super::text;

/// One template per message shape. Placeholders: `{status}` three digits
/// 100–599; `{reason}` a reason phrase; `{method}` an HTTP method; `{url}`
/// a URL; `{any}` any text on the line up to what follows; `{oauth}` a
/// snake_case OAuth code; `{enum}` a .NET `HttpStatusCode` name
/// (`Unauthorized`, `TooManyRequests`); `{desc}` text up to what follows; `{body}` the
/// rest of the text; `{qbody}` an optional quoted body (escaped or not);
/// `{json}` a JSON document that starts right there. A space matches any
/// run of white space, also none and also line breaks; letters match
/// without regard to case.
pub(crate) const TEMPLATES: &[&str] = &[
    // .NET HttpResponseMessage.EnsureSuccessStatusCode, PowerShell 7.
    "Response status code does not indicate success: {status} ({reason})",
    // Windows PowerShell 5.1 (WebException).
    "The remote server returned an error: ({status}) {reason}",
    // PowerShell follow-ups: $Error[0].Exception.Response.StatusCode.value__
    "StatusCode.value__ {status}",
    // Guzzle RequestException::create.
    "error: `{method} {url}` resulted in a `{status} {reason}` response: {body}",
    // Laravel's HTTP client.
    "HTTP request returned status code {status}: {body}",
    // Faraday 2 (with the request) and 1.
    "the server responded with status {status} for {method} {url}",
    "the server responded with status {status}",
    // Spring RestTemplate / WebClient.
    "Exception${any}: {status} {reason}: {qbody}",
    "Exception${any}: {status} {reason} from {method} {url}",
    // OkHttp Response.toString, Retrofit HttpException.
    "Response{protocol={any}, code={status}, message={any}, url={url}}",
    "HttpException: HTTP {status}",
    // golang.org/x/oauth2 RetrieveError (old and new wording).
    "cannot fetch token: {status} {reason} Response: {body}",
    "oauth2: \"{oauth}\" \"{desc}\"",
    // httpx raise_for_status.
    "Client error '{status} {reason}' for url '{url}'",
    "Server error '{status} {reason}' for url '{url}'",
    // aiohttp ClientResponseError.
    "ClientResponseError: {status}, message='{reason}', url=URL('{url}')",
    "ClientResponseError: {status}, message='{reason}'",
    // MuleSoft's HTTP connector (`HTTP:UNAUTHORIZED: HTTP POST on resource
    // '…' failed: unauthorized (401).`).
    "HTTP {method} on resource '{url}' failed: {reason} ({status})",
    "failed: {reason} ({status})",
    // Zapier platform core's throwForStatus.
    "Got {status} calling {method} {url}, expected 2xx",
    // Feign, Apache HttpClient, urllib, Salesforce Apex, Java HttpURLConnection.
    "[{status} {reason}] during [{method}] to [{url}]",
    "] during [{any}] to [{any}] [{any}]: [{body}",
    "status code: {status}, reason phrase: {reason}",
    "HTTP Error {status}: {reason}",
    "StatusCode={status}",
    "Server returned HTTP response code: {status} for URL: {url}",
    // .NET's HttpStatusCode names (RestSharp, PowerShell's StatusCode).
    "StatusCode: {enum}",
    "StatusCode = {enum}",
    "StatusCode {enum}",
    // RestClient exceptions.
    "RestClient::{any}: {status} {reason}",
    "RestClient::{any} ({status} {reason})",
    // HTTParty and friends in irb: `response.code` then `=> 422`.
    ".code => {status}",
    ".code # => {status}",
    // Go's resp.Status wrapped in an error.
    "unexpected status {status} {reason}",
    // Make's HTTP module, n8n's rawErrorMessage.
    "[{status}] {body}",
    "{status} - {qbody}",
    "{status} - {json}",
    // Log lines: logfmt fields, arrows, a status followed by its JSON body.
    "status={status}",
    "-> {status}",
    "HTTP {status} {json}",
    "{status} {json}",
];

/// What one template matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ClientError {
    pub status: Option<u16>,
    pub reason: Option<String>,
    pub method: Option<String>,
    pub url: Option<String>,
    pub oauth: Option<String>,
    pub description: Option<String>,
    pub body: Option<String>,
    /// The text the template matched, up to the body, for quoting.
    pub matched: String,
}

/// Where a template may start: so many places per template are tried.
const STARTS: usize = 32;
/// A body is the rest of the message, up to this much.
const BODY_MAX: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part<'t> {
    Lit(&'t str),
    Space,
    Hole(&'t str),
}

/// The placeholders a template may use.
const HOLES: &[&str] = &[
    "status", "reason", "method", "url", "any", "desc", "oauth", "qbody", "json", "body", "enum",
];

/// .NET `HttpStatusCode` names of the statuses the API and its gateways
/// send.
const STATUS_NAMES: &[(&str, u16)] = &[
    ("BadRequest", 400),
    ("Unauthorized", 401),
    ("Forbidden", 403),
    ("NotFound", 404),
    ("NotAcceptable", 406),
    ("RequestTimeout", 408),
    ("Conflict", 409),
    ("UnsupportedMediaType", 415),
    ("UnprocessableEntity", 422),
    ("UnprocessableContent", 422),
    ("TooManyRequests", 429),
    ("InternalServerError", 500),
    ("BadGateway", 502),
    ("ServiceUnavailable", 503),
    ("GatewayTimeout", 504),
];

fn hole(rest: &str) -> Option<&'static str> {
    HOLES.iter().copied().find(|h| {
        rest.strip_prefix('{')
            .and_then(|r| r.strip_prefix(*h))
            .is_some_and(|r| r.starts_with('}'))
    })
}

fn parts(template: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix(' ') {
            out.push(Part::Space);
            rest = r.trim_start_matches(' ');
        } else if let Some(h) = hole(rest) {
            out.push(Part::Hole(h));
            rest = &rest[h.len() + 2..];
        } else {
            let end = rest
                .char_indices()
                .skip(1)
                .find(|&(i, c)| c == ' ' || hole(&rest[i..]).is_some())
                .map_or(rest.len(), |(i, _)| i);
            out.push(Part::Lit(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

fn lit_at(hay: &str, at: usize, lit: &str) -> bool {
    hay.as_bytes()
        .get(at..at + lit.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(lit.as_bytes()))
}

fn skip_space(hay: &str, at: usize) -> usize {
    at + hay[at..].len() - hay[at..].trim_start().len()
}

fn status_at(hay: &str, at: usize) -> Option<(u16, usize)> {
    let b = hay.as_bytes();
    let digits = b.get(at..at + 3)?;
    if !digits.iter().all(u8::is_ascii_digit) || b.get(at + 3).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let n: u16 = hay.get(at..at + 3)?.parse().ok()?;
    (100..=599).contains(&n).then_some((n, at + 3))
}

/// The end of a run of `ok` characters on this line that stops early where
/// `stop` (the next literal of the template) matches.
fn run_until(hay: &str, at: usize, stop: Option<&str>, ok: impl Fn(char) -> bool) -> usize {
    for (i, ch) in hay[at..].char_indices() {
        let pos = at + i;
        if stop.is_some_and(|l| lit_at(hay, pos, l)) || ch == '\n' || !ok(ch) {
            return pos;
        }
    }
    hay.len()
}

/// A quoted body: a JSON string literal when it is one (n8n escapes the
/// body), else the raw rest after the quote (Spring does not).
fn quoted_body(hay: &str, at: usize) -> Option<(String, usize)> {
    let rest = hay.get(at..)?;
    if !rest.starts_with('"') {
        return None;
    }
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<String>();
    if let Some(Ok(s)) = stream.next() {
        let t = s.trim_start();
        let whole = !t.starts_with('{') || super::json_value::parse_prefix(t).is_some();
        if s.len() > 1 && whole {
            return Some((s, at + stream.byte_offset()));
        }
    }
    let body = text::clip(&rest[1..], BODY_MAX);
    Some((body.trim_end().trim_end_matches('"').to_string(), hay.len()))
}

fn try_at(hay: &str, start: usize, parts: &[Part]) -> Option<ClientError> {
    let mut at = start;
    let mut head_end = None;
    let mut m = ClientError::default();
    for (i, part) in parts.iter().enumerate() {
        let next = parts[i + 1..].iter().find_map(|p| match p {
            Part::Lit(l) => Some(*l),
            Part::Space => None,
            Part::Hole(_) => Some(""),
        });
        let next = next.filter(|l| !l.is_empty());
        match part {
            Part::Lit(l) => {
                if !lit_at(hay, at, l) {
                    return None;
                }
                at += l.len();
            }
            Part::Space => at = skip_space(hay, at),
            Part::Hole("status") => {
                let (n, end) = status_at(hay, at)?;
                m.status = Some(n);
                at = end;
            }
            Part::Hole("reason") => {
                let end = run_until(hay, at, next, |c| {
                    c.is_ascii_alphabetic() || c == ' ' || c == '-' || c == '\''
                });
                let r = hay[at..end].trim();
                if !r.is_empty() {
                    m.reason = Some(r.to_string());
                }
                at = end;
            }
            Part::Hole("method") => {
                let end = run_until(hay, at, next, |c| c.is_ascii_uppercase());
                if !text::is_method(&hay[at..end]) {
                    return None;
                }
                m.method = Some(hay[at..end].to_string());
                at = end;
            }
            Part::Hole("url") => {
                let end = run_until(hay, at, next, |c| {
                    !c.is_whitespace() && !matches!(c, '`' | '\'' | '"' | '}' | ')')
                });
                let u = &hay[at..end];
                if !(u.starts_with("http://") || u.starts_with("https://")) {
                    return None;
                }
                m.url = Some(u.to_string());
                at = end;
            }
            Part::Hole("any") | Part::Hole("desc") => {
                let end = run_until(hay, at, next, |_| true);
                if *part == Part::Hole("desc") {
                    m.description = Some(hay[at..end].to_string());
                }
                at = end;
            }
            Part::Hole("enum") => {
                let end = run_until(hay, at, next, |c| c.is_ascii_alphabetic());
                let (_, n) = STATUS_NAMES
                    .iter()
                    .find(|(name, _)| *name == &hay[at..end])?;
                m.status = Some(*n);
                m.reason = Some(hay[at..end].to_string());
                at = end;
            }
            Part::Hole("oauth") => {
                let end = run_until(hay, at, next, |c| c.is_ascii_lowercase() || c == '_');
                let code = &hay[at..end];
                if !super::json_value::is_oauth_code(code) {
                    return None;
                }
                m.oauth = Some(code.to_string());
                at = end;
            }
            Part::Hole("qbody") => {
                head_end.get_or_insert(at);
                if let Some((body, end)) = quoted_body(hay, at) {
                    m.body = Some(body);
                    at = end;
                }
            }
            Part::Hole("json") => {
                head_end.get_or_insert(at);
                let rest = hay.get(at..)?;
                if !rest.starts_with('{') && !rest.starts_with('[') {
                    return None;
                }
                let (_, len) = super::json_value::parse_prefix(rest)?;
                m.body = Some(rest[..len].to_string());
                at += len;
            }
            Part::Hole("body") => {
                head_end.get_or_insert(at);
                let body = text::clip(hay[at..].trim(), BODY_MAX).trim();
                if !body.is_empty() {
                    m.body = Some(body.to_string());
                }
                at = hay.len();
            }
            Part::Hole(_) => return None,
        }
    }
    let end = head_end.unwrap_or(at).min(hay.len());
    m.matched = text::snippet(hay[start..end].trim_end_matches([':', ' ']), 200);
    Some(m)
}

/// Where a template could start: at its first literal, or at a
/// three-digit number standing alone when it starts with the status.
fn starts(hay: &str, hay_lower: &str, first: &Part) -> Vec<usize> {
    let boundary = |i: usize| {
        hay[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric())
    };
    match first {
        Part::Lit(l) => {
            let lower = l.to_ascii_lowercase();
            crate::engine::util::needle::find_all(hay_lower, &lower)
                .take(STARTS)
                .collect()
        }
        Part::Hole("status") => hay
            .char_indices()
            .filter(|&(i, c)| c.is_ascii_digit() && boundary(i) && status_at(hay, i).is_some())
            .map(|(i, _)| i)
            .take(STARTS)
            .collect(),
        _ => Vec::new(),
    }
}

/// The templates in parts, read once: `find` runs on every region of every
/// paste.
fn parsed() -> &'static [Vec<Part<'static>>] {
    static PARSED: std::sync::OnceLock<Vec<Vec<Part<'static>>>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| TEMPLATES.iter().map(|t| parts(t)).collect())
}

/// Every template that matches, in template order (the more specific
/// shapes first), at most one match per template: its last failure, else
/// its first match.
pub(crate) fn find(hay: &str) -> Vec<ClientError> {
    let mut out = Vec::new();
    let hay_lower = hay.to_ascii_lowercase();
    for ps in parsed() {
        let Some(first) = ps.first() else { continue };
        // A log shows several calls; the one that failed is the one to read,
        // and the last failure is the latest.
        let matches: Vec<ClientError> = starts(hay, &hay_lower, first)
            .into_iter()
            .filter_map(|s| try_at(hay, s, ps))
            .collect();
        let failed = matches
            .iter()
            .rposition(|m| m.status.is_none_or(|s| s >= 400));
        if let Some(m) = failed.or(if matches.is_empty() { None } else { Some(0) }) {
            out.push(matches[m].clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> ClientError {
        find(s).into_iter().next().expect("a match")
    }

    #[test]
    fn every_template_parses_into_known_parts() {
        for t in TEMPLATES {
            for p in parts(t) {
                if let Part::Lit(l) = p {
                    assert!(
                        !l.contains("{s") && !l.contains("{b"),
                        "{t}: placeholder read as text: {l}"
                    );
                }
            }
        }
    }

    #[test]
    fn stacks_name_their_status_reason_and_body() {
        let m = one(
            "Invoke-RestMethod: Response status code does not indicate success: 403 (Forbidden).",
        );
        assert_eq!(
            (m.status, m.reason.as_deref()),
            (Some(403), Some("Forbidden"))
        );
        let m = one("Invoke-RestMethod : The remote server returned an error: (401) Unauthorized.");
        assert_eq!(m.status, Some(401));
        let m = one("Client error: `POST https://api.scopestack.io/acme/v1/projects` resulted in a `422 Unprocessable Entity` response:\n{\"errors\":[]}");
        assert_eq!(m.status, Some(422));
        assert_eq!(
            m.url.as_deref(),
            Some("https://api.scopestack.io/acme/v1/projects")
        );
        assert_eq!(m.body.as_deref(), Some("{\"errors\":[]}"));
        let m = one("HttpClientErrorException$Forbidden: 403 Forbidden: \"{\"errors\":[{\"title\":\"x\"}]}\"");
        assert_eq!(m.body.as_deref(), Some("{\"errors\":[{\"title\":\"x\"}]}"));
        let m = one("422 - \"{\\\"errors\\\":[]}\"");
        assert_eq!(m.body.as_deref(), Some("{\"errors\":[]}"));
        let m = one("oauth2: \"invalid_grant\" \"The provided authorization grant is invalid\"");
        assert_eq!(m.oauth.as_deref(), Some("invalid_grant"));
        assert_eq!(
            m.description.as_deref(),
            Some("The provided authorization grant is invalid")
        );
        let m = one("irb> response.code\n=> 422\n");
        assert_eq!(m.status, Some(422));
        let m = one("PS> $err.Exception.Response.StatusCode\nTooManyRequests\n");
        assert_eq!(m.status, Some(429));
        let m = one("Got 401 calling GET https://api.scopestack.io/v1/me, expected 2xx.");
        assert_eq!(m.url.as_deref(), Some("https://api.scopestack.io/v1/me"));
        let m = one("feign.FeignException$Forbidden: [403 Forbidden] during [POST] to [https://api.scopestack.io/acme/v1/projects] [Api#create()]: [{\"errors\":[]}]");
        assert_eq!((m.status, m.method.as_deref()), (Some(403), Some("POST")));
    }

    #[test]
    fn numbers_that_are_not_statuses_do_not_match() {
        assert!(find("took 1234 ms, 42 rows").is_empty());
        assert!(find("[2025-12-01 10:02:14] queued").is_empty());
        assert!(find("status=failed").is_empty());
        assert!(find("StatusCode: Teapot").is_empty());
        assert!(find("").is_empty());
        assert!(find("é{status}ü [").is_empty());
    }
}
