//! Recognising a paste: whatever format it arrives in (raw HTTP, `curl -v`,
//! HAR, Postman console, Workato/Zapier job errors, tracebacks, gateway HTML,
//! browser messages, bare codes, prose), pull out the same [`Evidence`].
//!
//! Each submodule knows one family of formats and adds what it finds to the
//! shared `Evidence`; `gather` runs them all, so a paste that mixes several
//! formats yields the union. Nothing here decides what the error *means*:
//! that is `signals` and `rules`.

use serde::Serialize;

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
    /// Formats recognised, most specific first (`curl-verbose`, `har`,
    /// `json-api`, `workato`, `bare-status`, …). The first is the headline.
    pub formats: Vec<&'static str>,
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
    /// The client or platform the paste came from (`postman`, `workato`, …).
    pub client: Option<&'static str>,
    /// Codes named in prose or bare (`401`, `invalid_grant`), when no
    /// structured source gave them.
    pub mentions: Vec<String>,
}

impl Evidence {
    pub fn add_format(&mut self, format: &'static str) {
        if !self.formats.contains(&format) {
            self.formats.push(format);
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

/// Recognise everything this paste holds.
pub fn gather(input: &str) -> Evidence {
    let mut ev = Evidence::default();
    let text = input.trim();
    if text.is_empty() {
        return ev;
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        if let Some(errors) = value.get("errors").and_then(|e| e.as_array()) {
            ev.add_format("json-api");
            for e in errors {
                let s = |k: &str| e.get(k).and_then(json_scalar);
                ev.errors.push(ApiError {
                    status: s("status"),
                    code: s("code"),
                    title: s("title"),
                    detail: s("detail"),
                    pointer: e
                        .get("source")
                        .and_then(|src| src.get("pointer"))
                        .and_then(json_scalar),
                });
            }
            if ev.status.is_none() {
                ev.status = ev
                    .errors
                    .iter()
                    .find_map(|e| e.status.as_deref().and_then(|s| s.parse().ok()));
            }
        }
        if let Some(err) = value.get("error").and_then(|e| e.as_str()) {
            ev.add_format("oauth-json");
            ev.oauth_error = Some(err.to_string());
            ev.oauth_description = value
                .get("error_description")
                .and_then(|d| d.as_str())
                .map(str::to_string);
        }
        ev.body = Some(text.to_string());
    } else if let Ok(code) = text.parse::<u16>() {
        if (100..600).contains(&code) {
            ev.add_format("bare-status");
            ev.status = Some(code);
        }
    }
    ev
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
