//! Raw HTTP as people paste it: wire-format responses and requests (status
//! line, headers, blank line, body), `curl -i` output, and `curl -v`
//! transcripts (`> ` request lines, `< ` response lines, `* ` notes). Several
//! exchanges in one paste (redirects, `100 Continue`) yield the last final
//! response. Also the `WWW-Authenticate` header, wherever it turns up.

use super::curl::Command;
use super::{find_header, json, rank, text, Collector, Format, Platform};

struct Req<'a> {
    at: usize,
    method: &'a str,
    target: &'a str,
    headers: Vec<(String, String)>,
    body: Option<(usize, usize)>,
}

struct Resp<'a> {
    at: usize,
    code: u16,
    line: &'a str,
    headers: Vec<(String, String)>,
    body: Option<(usize, usize)>,
    /// The blank line that ends the header block was there.
    blank: bool,
    verbose: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Idle,
    ReqHead,
    ReqBody,
    RespHead,
    RespBody,
}

/// `> …` / `< …` lines of `curl -v`, without the marker.
fn marked(t: &str, marker: char) -> Option<&str> {
    let rest = t.strip_prefix(marker)?;
    if rest.is_empty() {
        return Some("");
    }
    rest.strip_prefix(' ').map(str::trim_end)
}

/// One line of a request's or response's head: a header is kept, and the
/// head ends (`Some`) at a blank line (`true`) or at a line that is no
/// header, which is then the body's first (`false`).
fn head_line(
    content: &str,
    span: (usize, usize),
    headers: &mut Vec<(String, String)>,
    body: &mut Option<(usize, usize)>,
) -> Option<bool> {
    if content.is_empty() {
        return Some(true);
    }
    if let Some((k, v)) = text::header_line(content) {
        headers.push((k.to_string(), v.to_string()));
        return None;
    }
    // No blank line: the body starts right here.
    *body = Some(span);
    Some(false)
}

fn extend(range: &mut Option<(usize, usize)>, off: usize, end: usize, blank: bool) {
    match range {
        Some((_, e)) => *e = end,
        None if !blank => *range = Some((off, end)),
        None => {}
    }
}

pub(crate) fn transcript(text: &str, command: Option<&Command>, c: &mut Collector) {
    let mut reqs: Vec<Req> = Vec::new();
    let mut resps: Vec<Resp> = Vec::new();
    let mut state = State::Idle;
    let mut verbose = false;
    let mut plain_http = false;
    for (off, line) in text::lines(text) {
        let t = line.trim();
        let end = off + line.len();
        // `> ` and `< ` are curl -v's request and response sides; `> ` is
        // also how e-mail and chat quote, so a quoted status line is still a
        // response.
        let (content, marker) = match (marked(t, '>'), marked(t, '<')) {
            (Some(r), _) => (r, Some('>')),
            (None, Some(r)) => (r, Some('<')),
            (None, None) => (t, None),
        };
        if marker.is_none() && verbose && (t == "*" || t.starts_with("* ")) {
            // curl's notes close a body that was open.
            if matches!(state, State::RespBody | State::ReqBody) {
                state = State::Idle;
            }
            continue;
        }
        if t.starts_with("{ [") || t.starts_with("} [") {
            continue;
        }
        if t.starts_with("```") {
            // A Markdown fence ends whatever block it follows.
            state = match state {
                State::RespHead | State::RespBody | State::ReqHead | State::ReqBody => State::Idle,
                s => s,
            };
            continue;
        }
        if let Some(code) = text::status_line(content) {
            let from_curl = marker == Some('<');
            verbose |= from_curl;
            plain_http |= !from_curl;
            resps.push(Resp {
                at: off,
                code,
                line: content,
                headers: Vec::new(),
                body: None,
                blank: false,
                verbose: from_curl,
            });
            state = State::RespHead;
            continue;
        }
        if let Some(rl) = text::request_line(content).filter(|r| r.versioned) {
            verbose |= marker == Some('>');
            reqs.push(Req {
                at: off,
                method: rl.method,
                target: rl.target,
                headers: Vec::new(),
                body: None,
            });
            state = State::ReqHead;
            continue;
        }
        match state {
            State::Idle => {}
            State::RespHead => {
                let Some(r) = resps.last_mut() else { continue };
                if let Some(blank) = head_line(content, (off, end), &mut r.headers, &mut r.body) {
                    r.blank = blank;
                    state = State::RespBody;
                }
            }
            State::RespBody => {
                if let Some(r) = resps.last_mut() {
                    extend(&mut r.body, off, end, content.is_empty());
                }
            }
            State::ReqHead => {
                let Some(r) = reqs.last_mut() else { continue };
                if head_line(content, (off, end), &mut r.headers, &mut r.body).is_some() {
                    state = State::ReqBody;
                }
            }
            State::ReqBody => {
                if let Some(r) = reqs.last_mut() {
                    extend(&mut r.body, off, end, content.is_empty());
                }
            }
        }
    }
    if reqs.is_empty() && resps.is_empty() {
        return;
    }

    let last_final = resps
        .iter()
        .rposition(|r| r.code >= 200)
        .or_else(|| resps.len().checked_sub(1));
    let request = match last_final {
        Some(i) => reqs
            .iter()
            .rev()
            .find(|q| q.at < resps[i].at)
            .or_else(|| reqs.last()),
        None => reqs.last(),
    };
    if let Some(q) = request {
        c.method(q.method);
        let scheme = match command.and_then(|cmd| cmd.url.as_deref()) {
            Some(u) if u.starts_with("http://") => "http",
            _ => "https",
        };
        let host = find_header(&q.headers, "host");
        c.url(&text::full_url(scheme, host, q.target));
        c.request_headers(q.headers.clone());
        if let Some((a, b)) = q.body {
            c.request_body(&text[a..b]);
        }
    }

    if verbose {
        c.format(Format::CurlVerbose);
        c.platform(Platform::Curl);
    }
    let Some(i) = last_final else { return };
    let r = &resps[i];
    if !r.verbose && plain_http {
        if command.is_some() {
            c.format(Format::CurlInclude);
            c.platform(Platform::Curl);
        } else {
            c.format(Format::HttpResponse);
        }
    }
    c.status(r.code, Some(r.line), rank::WIRE);
    c.response_headers(r.headers.clone());
    let shown = !r.headers.is_empty() || r.blank;
    match r.body {
        Some((a, b)) => json::body_text(&text[a..b], shown, c),
        None if shown => {
            // Headers without a body: empty, unless Content-Length says the
            // body was merely left out of the paste.
            let length = find_header(&r.headers, "content-length")
                .and_then(|v| v.trim().parse::<u64>().ok());
            if length.is_none_or(|n| n == 0) {
                json::body_text("", true, c);
            }
        }
        None => {}
    }
}

/// The auth-params of a `WWW-Authenticate` value: `realm="Doorkeeper",
/// error="invalid_token", error_description="…"` (after the scheme).
pub(crate) fn auth_params(value: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = value.trim();
    // The scheme is a first word without '='.
    if let Some((first, after)) = rest.split_once(char::is_whitespace) {
        if !first.contains('=') {
            rest = after;
        }
    }
    while !rest.is_empty() && out.len() < 32 {
        rest = rest.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
        let Some(eq) = rest.find('=') else { break };
        let key = rest[..eq].trim();
        // `Basic realm=…` after a comma: a second challenge's scheme.
        let key = key.rsplit(char::is_whitespace).next().unwrap_or(key);
        let after = rest[eq + 1..].trim_start();
        let (val, next) = if let Some(q) = after.strip_prefix('"') {
            let mut v = String::new();
            let mut chars = q.char_indices();
            let mut stop = q.len();
            while let Some((i, ch)) = chars.next() {
                match ch {
                    '\\' => {
                        if let Some((_, e)) = chars.next() {
                            v.push(e);
                        }
                    }
                    '"' => {
                        stop = i + 1;
                        break;
                    }
                    _ => v.push(ch),
                }
            }
            (v, &q[stop.min(q.len())..])
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (after[..end].trim().to_string(), &after[end..])
        };
        if !key.is_empty() {
            out.push((key.to_string(), val));
        }
        rest = next;
    }
    out
}

/// A `WWW-Authenticate` value: remembered, and its `error` and
/// `error_description` taken as the OAuth error.
pub(crate) fn www_authenticate(value: &str, c: &mut Collector) {
    let v = value.trim();
    if v.is_empty() {
        return;
    }
    if c.ev.www_authenticate.is_none() {
        c.ev.www_authenticate = Some(v.to_string());
    }
    let params = auth_params(v);
    let get = |k: &str| find_header(&params, k);
    if let Some(err) = get("error") {
        c.oauth(err, get("error_description"), rank::BODY);
    }
    c.format(Format::WwwAuthenticate);
}

/// A `WWW-Authenticate:` header (or a bare `Bearer realm=…` challenge)
/// pasted outside any header block: after a log prefix, in a Python repr,
/// on its own.
pub(crate) fn loose_www_authenticate(text: &str, c: &mut Collector) {
    if c.ev.www_authenticate.is_some() {
        return;
    }
    const HEADER: &str = "www-authenticate";
    for region in text::edges(text) {
        for (_, line) in text::lines(region) {
            if line.len() > 4000 {
                continue;
            }
            let lower = line.to_ascii_lowercase();
            let value = if let Some(p) = lower.find(HEADER) {
                // `WWW-Authenticate: v`, `'WWW-Authenticate': 'v'`, `"www-authenticate" => "v"`
                let rest = line[p + HEADER.len()..].trim_start_matches(['\'', '"', ' ']);
                let rest = rest
                    .strip_prefix(':')
                    .or_else(|| rest.strip_prefix("=>"))
                    .map(|r| r.trim_start().trim_start_matches(['\'', ' ']));
                match rest {
                    Some(r) if r.to_ascii_lowercase().starts_with("bearer") => r,
                    _ => continue,
                }
            } else if let Some(p) = lower.find("bearer realm=") {
                &line[p..]
            } else {
                continue;
            };
            www_authenticate(value.trim_end().trim_end_matches(['\'', ',', '}']), c);
            return;
        }
    }
}
