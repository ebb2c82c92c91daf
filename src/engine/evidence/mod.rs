//! Recognising a paste: whatever format it arrives in (raw HTTP, `curl -v`,
//! HAR, Postman console, Workato/Zapier job errors, tracebacks, gateway HTML,
//! browser messages, bare codes, prose), pull out the same [`Evidence`].
//!
//! Each submodule knows one family of formats and adds what it finds to the
//! shared `Evidence` through a [`Collector`], which remembers how
//! authoritative each value's source was: a status line beats a JSON body's
//! `errors[].status`, which beats a number mentioned in prose. `gather` runs
//! them all, so a paste that mixes several formats yields the union. Nothing
//! here decides what the error *means*: that is `signals` and `rules`.
//!
//! Every recogniser is linear in the input and never recurses on input depth;
//! the only parser that nests is serde_json, whose own depth limit applies.

mod client_errors;
mod code_headers;
mod curl;
mod gateway;
mod har;
mod http;
mod json;
mod json_value;
mod kinds;
mod literal;
mod network;
mod platforms;
mod prose;
pub(crate) mod text;
mod traces;
mod unwrap;

#[cfg(test)]
mod tests;

use serde::Serialize;

pub use kinds::{Format, Platform};

/// One error object of a JSON:API `errors` array (or the Rails/JSON shapes
/// that carry the same information).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ApiError {
    pub status: Option<String>,
    pub code: Option<String>,
    pub title: Option<String>,
    pub detail: Option<String>,
    pub pointer: Option<String>,
}

/// Why no HTTP response arrived, as far as the pasted message tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NetworkFailure {
    /// The browser refused to hand over a response (CORS policy).
    Cors,
    /// A generic "Failed to fetch" / "NetworkError" / "Load failed".
    FetchFailed,
    /// Name resolution failed (ENOTFOUND, getaddrinfo, "Could not resolve host").
    Dns,
    /// The host refused the connection (ECONNREFUSED, "Connection refused").
    Refused,
    /// The client gave up waiting (ETIMEDOUT, ReadTimeout, "timed out").
    Timeout,
    /// The machine is offline (ERR_INTERNET_DISCONNECTED).
    Offline,
    /// The request was aborted by the caller.
    Aborted,
    /// TLS/certificate failure.
    Tls,
}

impl NetworkFailure {
    /// When one paste names several failures, the most telling one wins:
    /// Chromium prints "blocked by CORS policy" *and* "Failed to fetch".
    fn precedence(self) -> u8 {
        match self {
            NetworkFailure::Cors => 8,
            NetworkFailure::Dns => 7,
            NetworkFailure::Offline => 6,
            NetworkFailure::Refused => 5,
            NetworkFailure::Tls => 4,
            NetworkFailure::Timeout => 3,
            NetworkFailure::Aborted => 2,
            NetworkFailure::FetchFailed => 1,
        }
    }
}

/// The request side, as far as the paste shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RequestEvidence {
    pub method: Option<String>,
    pub url: Option<String>,
    /// True when the paste showed the request's header block, so the absence
    /// of a header is itself evidence (and not merely unseen).
    pub headers_seen: bool,
    /// Request headers in paste order, names as written.
    pub headers: Vec<(String, String)>,
    /// Form or JSON parameters of the request body, flattened (`grant_type`,
    /// `client_id`, `redirect_uri`, …): what token requests are judged on.
    pub params: Vec<(String, String)>,
    pub body: Option<String>,
}

/// Everything recognised in one paste. Every field is optional because
/// people paste fragments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Formats recognised, most specific first (in [`Format`]'s order).
    /// The first is the headline.
    pub formats: Vec<Format>,
    /// The HTTP status of the (last) response.
    pub status: Option<u16>,
    /// The status line or phrase as written (`HTTP/1.1 401 Unauthorized`).
    pub status_line: Option<String>,
    /// OAuth error code from a token response body or a `WWW-Authenticate` header.
    pub oauth_error: Option<String>,
    pub oauth_description: Option<String>,
    pub www_authenticate: Option<String>,
    pub errors: Vec<ApiError>,
    pub request: RequestEvidence,
    pub response_headers: Vec<(String, String)>,
    /// The response body as text, when one was found.
    pub body: Option<String>,
    /// True when the response was shown and its body was empty.
    pub empty_body: bool,
    pub network: Option<NetworkFailure>,
    /// The message that told of the network failure, quoted.
    pub network_message: Option<String>,
    /// The vendor of a gateway/proxy HTML error page (`nginx`, `cloudflare`, …).
    pub gateway: Option<String>,
    /// The platform or client library the paste came from.
    pub platform: Option<Platform>,
    /// Codes named in prose or bare (`401`, `invalid_grant`), when no
    /// structured source gave them.
    pub mentions: Vec<String>,
    /// The account slug the token belongs to, when a live call asked
    /// `GET /v1/me` with it (never from a paste).
    pub token_account: Option<String>,
}

impl Evidence {
    /// Add a format, keeping `formats` in precedence order, each once.
    pub fn add_format(&mut self, format: Format) {
        if let Err(at) = self.formats.binary_search(&format) {
            self.formats.insert(at, format);
        }
    }

    /// The first response header with this name (case-insensitive).
    pub fn response_header(&self, name: &str) -> Option<&str> {
        find_header(&self.response_headers, name)
    }

    /// The first request header with this name (case-insensitive).
    pub fn request_header(&self, name: &str) -> Option<&str> {
        find_header(&self.request.headers, name)
    }

    /// The first request parameter with this name.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.request
            .params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// True when nothing at all was recognised.
    pub fn is_empty(&self) -> bool {
        self.formats.is_empty() && self.status.is_none() && self.network.is_none()
    }
}

pub fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Pastes larger than this are only scanned in part; the engine must answer a
/// 10 MB paste quickly, and errors sit near the start of what people paste.
pub const MAX_SCAN: usize = 16 * 1024 * 1024;

/// How far one-line messages (network errors, tracebacks, prose) are looked
/// for at the start of a paste, and at its end when it is longer: those
/// messages sit at the edges of logs, and scanning megabytes of a body for
/// them would only find false friends.
pub(crate) const HEAD_SCAN: usize = 64 * 1024;
pub(crate) const TAIL_SCAN: usize = 16 * 1024;

/// How much a source can be trusted, for values several sources may give.
pub(crate) mod rank {
    /// A number or code named in a sentence.
    pub const PROSE: u8 = 1;
    /// The whole paste is a status or a code.
    pub const BARE: u8 = 2;
    /// A response body (JSON:API `errors[].status`, Rails `status`).
    pub const BODY: u8 = 3;
    /// A gateway's HTML error page.
    pub const GATEWAY: u8 = 4;
    /// The wire: a status line, a HAR entry, a platform's status field, a
    /// client library reporting the status it received.
    pub const WIRE: u8 = 5;
}

/// Gathers evidence from several recognisers, keeping for each contested
/// value the one from the most authoritative source (the first among equals).
#[derive(Debug, Default)]
pub(crate) struct Collector {
    pub ev: Evidence,
    status_rank: u8,
    oauth_rank: u8,
    platform_rank: u8,
    /// A response body (possibly empty) was found and interpreted, so loose
    /// JSON elsewhere in the paste is not the response.
    pub body_seen: bool,
}

impl Collector {
    pub fn format(&mut self, format: Format) {
        self.ev.add_format(format);
    }

    pub fn status_rank(&self) -> u8 {
        self.status_rank
    }

    pub fn status(&mut self, code: u16, line: Option<&str>, rank: u8) {
        if !(100..=599).contains(&code) || rank <= self.status_rank {
            return;
        }
        self.status_rank = rank;
        self.ev.status = Some(code);
        self.ev.status_line = line
            .map(|l| text::snippet(l, 200))
            .filter(|l| !l.is_empty());
    }

    pub fn oauth(&mut self, error: &str, description: Option<&str>, rank: u8) {
        let error = error.trim();
        if error.is_empty() || rank <= self.oauth_rank {
            return;
        }
        self.oauth_rank = rank;
        self.ev.oauth_error = Some(error.to_string());
        self.ev.oauth_description = description
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string);
    }

    /// Name the platform; of several, the most telling (`Platform::rank`)
    /// is kept, the first among equals.
    pub fn platform(&mut self, platform: Platform) {
        self.platform_ranked(platform, platform.rank());
    }

    /// A platform named in a sentence: it only counts when nothing
    /// structured named one.
    pub fn platform_mentioned(&mut self, platform: Platform) {
        self.platform_ranked(platform, 1);
    }

    fn platform_ranked(&mut self, platform: Platform, rank: u8) {
        if rank > self.platform_rank {
            self.platform_rank = rank;
            self.ev.platform = Some(platform);
        }
    }

    pub fn network(&mut self, kind: NetworkFailure, message: &str) {
        let better = self
            .ev
            .network
            .is_none_or(|old| kind.precedence() > old.precedence());
        if better {
            self.ev.network = Some(kind);
            self.ev.network_message = Some(text::snippet(message, 300));
        }
    }

    pub fn method(&mut self, method: &str) {
        let m = method.trim().to_ascii_uppercase();
        if self.ev.request.method.is_none() && text::is_method(&m) {
            self.ev.request.method = Some(m);
        }
    }

    pub fn url(&mut self, url: &str) {
        let u = url.trim();
        if self.ev.request.url.is_none() && !u.is_empty() {
            self.ev.request.url = Some(u.to_string());
        }
    }

    /// Request headers from one source; the first source that showed a
    /// header block is the one believed.
    pub fn request_headers(&mut self, headers: Vec<(String, String)>) {
        if !self.ev.request.headers_seen && !headers.is_empty() {
            self.ev.request.headers = headers;
            self.ev.request.headers_seen = true;
        }
    }

    /// Request headers from a source that may have left some out: shown, but
    /// their absence is not evidence.
    pub fn request_headers_partial(&mut self, headers: Vec<(String, String)>) {
        if !self.ev.request.headers_seen && self.ev.request.headers.is_empty() {
            self.ev.request.headers = headers;
        }
    }

    /// A request body: kept as text, and its form or JSON fields as params.
    pub fn request_body(&mut self, body: &str) {
        let b = body.trim();
        if b.is_empty() || self.ev.request.body.is_some() {
            return;
        }
        self.ev.request.body = Some(b.to_string());
        if self.ev.request.params.is_empty() {
            self.ev.request.params = json::params_of_body(b);
        }
    }

    pub fn request_params(&mut self, params: Vec<(String, String)>) {
        if self.ev.request.params.is_empty() {
            self.ev.request.params = params;
        }
    }

    pub fn response_headers(&mut self, headers: Vec<(String, String)>) {
        if !self.ev.response_headers.is_empty() || headers.is_empty() {
            return;
        }
        if let Some(v) = find_header(&headers, "www-authenticate") {
            let v = v.to_string();
            http::www_authenticate(&v, self);
        }
        self.ev.response_headers = headers;
    }

    pub fn mention(&mut self, what: &str) {
        if !self.ev.mentions.iter().any(|m| m == what) {
            self.ev.mentions.push(what.to_string());
        }
    }
}

/// Recognise everything this paste holds.
pub fn gather(input: &str) -> Evidence {
    let mut c = Collector::default();
    let text = text::clip(input.trim(), MAX_SCAN);
    if text.is_empty() {
        return c.ev;
    }
    let mut rest = text;
    let mut doc = None;
    if text.starts_with('{') || text.starts_with('[') {
        if let Some((value, end)) = json::parse_prefix(text) {
            json::document(&value, &text[..end], literal::Flavour::Json, &mut c);
            c.body_seen = true;
            rest = text[end..].trim();
            doc = Some(value);
        }
    }
    if rest.is_empty() {
        // One JSON document and nothing else: its strings are data, not
        // sentences, so there is no prose to read.
        unwrap::nested(text, doc.as_ref(), &mut c);
        return c.ev;
    }
    scan_text(rest, &mut c);
    prose::scan(text, &mut c);
    unwrap::nested(text, None, &mut c);
    c.ev
}

/// Everything that is not one JSON document: transcripts, commands,
/// consoles, tracebacks, messages, and JSON blocks embedded among them.
fn scan_text(text: &str, c: &mut Collector) {
    let command = curl::find(text);
    platforms::postman_console(text, c);
    http::transcript(text, command.as_ref(), c);
    if let Some(cmd) = command {
        curl::apply(cmd, c);
    }
    traces::scan(text, c);
    network::scan(text, c);
    http::loose_www_authenticate(text, c);
    code_headers::scan(text, c);
    if !c.body_seen && !unwrap::quoted_documents(text, c) && !unwrap::stated_bodies(text, c) {
        json::embedded(text, c);
    }
    if !c.body_seen && c.ev.gateway.is_none() {
        gateway::page(text, c);
    }
}

/// A JSON string or number as text (JSON:API codes and statuses are strings,
/// but some servers send numbers).
pub fn json_scalar(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
