//! Live calls: the widget builds a request, this module lints it before it
//! is sent, turns the token form into the request to send, and diagnoses the
//! answer (or the failure) through the same evidence → signals → rules
//! pipeline a paste goes through. The widget only sends bytes and shows what
//! comes back; every rule about requests lives here.
//!
//! A live exchange is better evidence than a paste: the request is known in
//! full, so a header that is absent was really not sent. Secrets are known
//! too (the bearer token, client_secret, password, …), so besides the
//! pattern-based redaction every text that leaves this module is scrubbed of
//! those exact values.

use serde::{Deserialize, Serialize};

use super::diagnosis::Diagnosis;
use super::evidence::{self, find_header, rank, Collector, Evidence, NetworkFailure, FORMAT_ORDER};
use super::knowledge_base;
use super::redact::{mask, mask_for, scrub, summary, Secret, SecretKind};
use super::rules;
use super::signals::{
    self, account_slug, bearer_shape, media_type_ok, split_url, BearerShape, GRANTS, MEDIA_TYPE,
};

/// Origins a live call may go to unless the embedding page adds more.
pub const DEFAULT_ORIGINS: [&str; 2] = ["https://api.scopestack.io", "https://app.scopestack.io"];

const API_HOST: &str = "api.scopestack.io";
const APP_HOST: &str = "app.scopestack.io";
const TOKEN_URL: &str = "https://app.scopestack.io/oauth/token";

/// A request as the widget will send it (or has sent it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

/// What came back, as the browser reported it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpResponse {
    pub status: u16,
    /// Empty over HTTP/2, where there is no reason phrase.
    pub status_text: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub elapsed_ms: u32,
}

/// Why no response arrived, as far as the browser lets the widget tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    Cors,
    Offline,
    Dns,
    Refused,
    Timeout,
    Aborted,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Response(HttpResponse),
    Failure { kind: FailureKind, message: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The request breaks a rule the API enforces: it will fail.
    Error,
    /// The request may work but is likely to cause trouble.
    Warning,
}

/// The input a finding belongs next to. The token form has no field of its
/// own for client_secret (shown with [`Field::ClientId`]) nor for username,
/// password, code, refresh_token and scope (shown with [`Field::Body`], the
/// form body they travel in); the message names the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Origin,
    Path,
    Method,
    Token,
    Accept,
    ContentType,
    Body,
    Grant,
    ClientId,
    RedirectUri,
}

/// One problem with a request, found before it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LintFinding {
    /// Stable kebab-case id (`missing-accept`).
    pub id: String,
    pub severity: Severity,
    pub field: Field,
    /// For a person; never holds a secret.
    pub message: String,
    /// The knowledge-base check this mistake is (`required-headers/missing-accept`).
    pub check: Option<String>,
}

/// The token form, as typed. Empty strings are fields left blank.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TokenRequest {
    pub url: String,
    pub grant_type: String,
    pub client_id: String,
    pub client_secret: String,
    pub username: String,
    pub password: String,
    pub code: String,
    pub redirect_uri: String,
    pub refresh_token: String,
    pub scope: String,
}

struct Findings(Vec<LintFinding>);

impl Findings {
    fn add(
        &mut self,
        id: &str,
        severity: Severity,
        field: Field,
        message: impl Into<String>,
        check: Option<&str>,
    ) {
        self.0.push(LintFinding {
            id: id.to_string(),
            severity,
            field,
            message: message.into(),
            check: check.map(str::to_string),
        });
    }
}

/// ScopeStack's origins plus those the embedding page allows.
fn allowed_origins(extra: &[String]) -> Vec<String> {
    DEFAULT_ORIGINS
        .iter()
        .map(|o| o.to_string())
        .chain(extra.iter().cloned())
        .collect()
}

fn is_oauth_path(path: &str) -> bool {
    path.starts_with("/oauth/") || path == "/oauth"
}

/// Check a request before it is sent. Runs as the user types, so it is
/// cheap and never quotes a secret.
pub fn lint(req: &HttpRequest) -> Vec<LintFinding> {
    lint_for(req, &[])
}

/// [`lint`] for a page that allows more origins than ScopeStack's own.
pub fn lint_for(req: &HttpRequest, extra_origins: &[String]) -> Vec<LintFinding> {
    let mut out = Findings(Vec::new());
    let method = req.method.trim().to_ascii_uppercase();
    let body = req.body.as_deref().filter(|b| !b.trim().is_empty());

    if !matches!(method.as_str(), "GET" | "POST" | "PATCH" | "PUT" | "DELETE") {
        out.add(
            "method-unknown",
            Severity::Error,
            Field::Method,
            "The API answers GET, POST, PATCH and DELETE; pick one of those.",
            None,
        );
    }

    let parts = split_url(&req.url);
    let oauth = parts.as_ref().is_some_and(|p| is_oauth_path(&p.path));
    match &parts {
        None => out.add(
            "url-invalid",
            Severity::Error,
            Field::Origin,
            "The URL must be absolute and start with https://api.scopestack.io.",
            None,
        ),
        Some(p) => {
            if !origin_allowed(&req.url, &allowed_origins(extra_origins)) {
                out.add(
                    "origin-not-allowed",
                    Severity::Error,
                    Field::Origin,
                    format!(
                        "Live calls only go to {}; “{}” is not one of them.",
                        allowed_origins(extra_origins).join(" and "),
                        signals::quote(&p.host)
                    ),
                    None,
                );
            }
            path_findings(p, &method, &mut out);
        }
    }

    // The token endpoint authenticates with form fields and answers plain
    // JSON, so the API's header rules do not apply to it.
    if !oauth {
        authorization_findings(find_header(&req.headers, "authorization"), &mut out);
        // The article requires the media type on every call; the server
        // itself lets a missing Accept or `*/*` through (which is what a
        // browser sends when none is set), so those only warn.
        match find_header(&req.headers, "accept").map(str::trim) {
            None | Some("") => out.add(
                "missing-accept",
                Severity::Warning,
                Field::Accept,
                format!("Add Accept: {MEDIA_TYPE}: the API documentation requires it on every call, GET included, and clients that default to something else get 406."),
                Some("required-headers/missing-accept"),
            ),
            Some(v) if !media_type_ok(v) && v.starts_with("*/*") && !v.contains(',') => out.add(
                "wrong-accept",
                Severity::Warning,
                Field::Accept,
                format!("Accept is “{}”; say {MEDIA_TYPE}, the only type the API serves.", signals::quote(v)),
                Some("required-headers/wrong-accept"),
            ),
            Some(v) if !media_type_ok(v) => out.add(
                "wrong-accept",
                Severity::Error,
                Field::Accept,
                format!(
                    "Accept is “{}”; the API serves only {MEDIA_TYPE}, with no parameters after it, and answers 406 otherwise.",
                    signals::quote(v)
                ),
                Some("required-headers/wrong-accept"),
            ),
            Some(_) => {}
        }
        let write = matches!(method.as_str(), "POST" | "PATCH" | "PUT");
        if write || (body.is_some() && method != "GET") {
            match find_header(&req.headers, "content-type").map(str::trim) {
                None | Some("") => out.add(
                    "missing-content-type",
                    Severity::Error,
                    Field::ContentType,
                    format!("Add Content-Type: {MEDIA_TYPE} to a {method} (a browser labels an unmarked body text/plain, and the API answers 415)."),
                    Some("required-headers/missing-content-type"),
                ),
                Some(v) if !media_type_ok(v) => out.add(
                    "wrong-content-type",
                    Severity::Error,
                    Field::ContentType,
                    format!(
                        "Content-Type is “{}”; a write must say exactly {MEDIA_TYPE}, or the API answers 415.",
                        signals::quote(v)
                    ),
                    Some("required-headers/wrong-content-type"),
                ),
                Some(_) => {}
            }
        }
        body_findings(&method, body, &mut out);
    } else if method == "GET" && body.is_some() {
        body_findings(&method, body, &mut out);
    }
    out.0
}

fn path_findings(p: &signals::UrlParts, method: &str, out: &mut Findings) {
    let path = p.path.trim_end_matches('/');
    let oauth = is_oauth_path(&p.path);
    let api_path = p.path.contains("/v1/") || path.ends_with("/v1");
    if p.host == API_HOST && oauth {
        out.add(
            "token-endpoint-on-api-host",
            Severity::Error,
            Field::Origin,
            format!("Tokens come from {TOKEN_URL}; api.scopestack.io has no /oauth endpoints and answers 404."),
            Some("404-not-found/wrong-host"),
        );
    }
    if p.host == APP_HOST && !oauth && api_path {
        out.add(
            "api-path-on-app-host",
            Severity::Error,
            Field::Origin,
            "API calls go to https://api.scopestack.io; app.scopestack.io only issues tokens.",
            Some("404-not-found/wrong-host"),
        );
    }
    if oauth {
        if path == "/oauth/token" && method != "POST" {
            out.add(
                "token-request-not-post",
                Severity::Error,
                Field::Method,
                "A token request is a POST with a form body; the token form builds it for you.",
                Some("oauth-invalid-request/not-form-encoded"),
            );
        }
        return;
    }
    if p.host != APP_HOST && path != "/v1/me" {
        match account_slug(&p.path) {
            None => out.add(
                "missing-account-slug",
                Severity::Error,
                Field::Path,
                if p.path.starts_with("/v1") {
                    "The path needs your account slug before /v1/ (/{account-slug}/v1/…); only /v1/me goes without one."
                } else {
                    "API paths look like /{account-slug}/v1/…; only /v1/me goes without a slug."
                },
                Some("404-not-found/url-format"),
            ),
            Some(slug) if slug.contains(['{', '}', '<', '>', ':']) => out.add(
                "account-slug-placeholder",
                Severity::Error,
                Field::Path,
                format!(
                    "“{}” is a placeholder: put your account slug there (GET /v1/me tells it).",
                    signals::quote(&slug)
                ),
                Some("404-not-found/url-format"),
            ),
            Some(_) => {}
        }
    }
    if p.path.contains("/merge-data") || p.path.contains("/merge_data") {
        let v2 = p.query.split('&').any(|kv| kv == "version=2");
        if !v2 {
            out.add(
                "merge-data-v1",
                Severity::Warning,
                Field::Path,
                "Add ?version=2: the v1 merge-data format times out (504) on projects with many service locations.",
                Some("504-gateway-timeout/merge-data-v1"),
            );
        }
    }
}

fn authorization_findings(value: Option<&str>, out: &mut Findings) {
    const MALFORMED: Option<&str> = Some("401-unauthorized/token-malformed");
    let Some(v) = value.map(str::trim) else {
        out.add(
            "missing-authorization",
            Severity::Error,
            Field::Token,
            "Add Authorization: Bearer <access_token>; every API call needs it.",
            Some("required-headers/missing-authorization"),
        );
        return;
    };
    let empty = || {
        (
            "token-empty",
            "The token is empty or a placeholder: paste the access_token value from the token response.",
        )
    };
    let (id, message) = match bearer_shape(v) {
        _ if v.is_empty() => empty(),
        BearerShape::Empty => empty(),
        BearerShape::NotBearer { scheme } => {
            let named = scheme.len() <= 12 && scheme.chars().all(|c| c.is_ascii_alphabetic());
            let message = if named {
                format!(
                    "Authorization uses the “{scheme}” scheme; the API takes Bearer <access_token>."
                )
            } else {
                "Authorization holds a bare value: write Bearer, a space, then the token.".into()
            };
            out.add("token-not-bearer", Severity::Error, Field::Token, message, MALFORMED);
            return;
        }
        BearerShape::Json => (
            "token-is-json",
            "The token is the whole JSON token response: use only the access_token value inside it.",
        ),
        BearerShape::Doubled => (
            "token-bearer-doubled",
            "The header says Bearer twice: the token field should hold the token alone.",
        ),
        BearerShape::Quoted => (
            "token-quoted",
            "The token is wrapped in quotes, which would be sent as part of it: remove them.",
        ),
        BearerShape::Whitespace => (
            "token-whitespace",
            "The token holds a space or a line break: copy it again as one unbroken value.",
        ),
        BearerShape::WellFormed => {
            // Copying from a document or chat can bring typographic quotes or
            // an ellipsis; a browser refuses such header values outright.
            let token = v.split_once(char::is_whitespace).map_or("", |(_, t)| t);
            if token.chars().any(|c| !c.is_ascii_graphic()) {
                (
                    "token-odd-characters",
                    "The token holds characters a token never has (typographic quotes, an ellipsis, …): copy it again from the token response.",
                )
            } else {
                return;
            }
        }
    };
    out.add(id, Severity::Error, Field::Token, message, MALFORMED);
}

fn body_findings(method: &str, body: Option<&str>, out: &mut Findings) {
    const FORMAT: Option<&str> = Some("400-bad-request/invalid-jsonapi-format");
    match (method, body) {
        ("GET", Some(_)) => out.add(
            "get-with-body",
            Severity::Error,
            Field::Body,
            "A GET cannot carry a body (the browser refuses to send it): put filters in the query string.",
            None,
        ),
        ("POST" | "PATCH" | "PUT", None) => out.add(
            "body-missing",
            Severity::Warning,
            Field::Body,
            format!("A {method} usually sends a JSON:API body: {{\"data\": {{\"type\": …, \"attributes\": {{…}}}}}}."),
            FORMAT,
        ),
        ("POST" | "PATCH" | "PUT" | "DELETE", Some(b)) => {
            match serde_json::from_str::<serde_json::Value>(b) {
                Err(e) => out.add(
                    "body-not-json",
                    Severity::Error,
                    Field::Body,
                    format!(
                        "The body is not valid JSON (line {}, column {}).",
                        e.line(),
                        e.column()
                    ),
                    FORMAT,
                ),
                Ok(v) => {
                    let data = v.get("data");
                    if data.and_then(|d| d.get("type")).is_none() {
                        out.add(
                            "body-not-jsonapi",
                            Severity::Error,
                            Field::Body,
                            "The body needs the JSON:API wrapper: {\"data\": {\"type\": \"…\", \"attributes\": {…}}}.",
                            FORMAT,
                        );
                    } else if method == "PATCH" && data.and_then(|d| d.get("id")).is_none() {
                        out.add(
                            "body-missing-id",
                            Severity::Warning,
                            Field::Body,
                            "A PATCH body names the record it updates: add data.id, the same id as in the URL.",
                            FORMAT,
                        );
                    }
                }
            }
        }
        _ => {}
    }
}

/// Which fields each grant sends (besides grant_type), in the order the
/// token form shows them.
fn grant_fields(grant: &str) -> &'static [&'static str] {
    match grant {
        "client_credentials" => &["client_id", "client_secret", "scope"],
        "password" => &[
            "client_id",
            "client_secret",
            "username",
            "password",
            "scope",
        ],
        "authorization_code" => &["client_id", "client_secret", "code", "redirect_uri"],
        "refresh_token" => &["client_id", "client_secret", "refresh_token", "scope"],
        _ => &["client_id", "client_secret", "scope"],
    }
}

/// The fields a grant cannot do without.
fn required_fields(grant: &str) -> &'static [&'static str] {
    match grant {
        "client_credentials" => &["client_id", "client_secret"],
        "password" => &["client_id", "client_secret", "username", "password"],
        "authorization_code" => &["client_id", "code", "redirect_uri"],
        "refresh_token" => &["client_id", "refresh_token"],
        _ => &["client_id"],
    }
}

impl TokenRequest {
    /// Every form field by its wire name.
    fn fields(&self) -> [(&'static str, &str); 9] {
        [
            ("grant_type", &self.grant_type),
            ("client_id", &self.client_id),
            ("client_secret", &self.client_secret),
            ("username", &self.username),
            ("password", &self.password),
            ("code", &self.code),
            ("redirect_uri", &self.redirect_uri),
            ("refresh_token", &self.refresh_token),
            ("scope", &self.scope),
        ]
    }

    fn get(&self, name: &str) -> &str {
        self.fields()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, v)| v)
    }
}

fn field_of(name: &str) -> Field {
    match name {
        "grant_type" => Field::Grant,
        "client_id" | "client_secret" => Field::ClientId,
        "redirect_uri" => Field::RedirectUri,
        _ => Field::Body,
    }
}

/// Check the token form before it is sent.
pub fn lint_token(req: &TokenRequest) -> Vec<LintFinding> {
    lint_token_for(req, &[])
}

/// [`lint_token`] for a page that allows more origins than ScopeStack's own.
pub fn lint_token_for(req: &TokenRequest, extra_origins: &[String]) -> Vec<LintFinding> {
    let mut out = Findings(Vec::new());
    match split_url(&req.url) {
        None => out.add(
            "url-invalid",
            Severity::Error,
            Field::Origin,
            format!("The token URL must be absolute: {TOKEN_URL}."),
            None,
        ),
        Some(p) => {
            if p.host == API_HOST {
                out.add(
                    "token-url-on-api-host",
                    Severity::Error,
                    Field::Origin,
                    format!("Tokens come from {TOKEN_URL}; api.scopestack.io does not know your client."),
                    Some("oauth-invalid-client/wrong-host"),
                );
            } else if !origin_allowed(&req.url, &allowed_origins(extra_origins)) {
                out.add(
                    "origin-not-allowed",
                    Severity::Error,
                    Field::Origin,
                    format!(
                        "Token requests go to {TOKEN_URL}; “{}” is not an allowed origin.",
                        signals::quote(&p.host)
                    ),
                    None,
                );
            }
            if p.path.trim_end_matches('/') != "/oauth/token" {
                out.add(
                    "token-url-path",
                    Severity::Error,
                    Field::Path,
                    format!("The token endpoint is /oauth/token ({TOKEN_URL})."),
                    Some("404-not-found/url-format"),
                );
            }
        }
    }

    let grant = req.grant_type.as_str();
    if grant.trim().is_empty() {
        out.add(
            "grant-type-missing",
            Severity::Error,
            Field::Grant,
            "Choose a grant_type: client_credentials, password, authorization_code or refresh_token.",
            Some("oauth-invalid-request/missing-parameter"),
        );
    } else if !GRANTS.contains(&grant) {
        let near = grant.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        let hint = if GRANTS.contains(&near.as_str()) {
            format!("write it exactly as {near}")
        } else {
            "use client_credentials, password, authorization_code or refresh_token".into()
        };
        out.add(
            "grant-type-unknown",
            Severity::Error,
            Field::Grant,
            format!(
                "grant_type “{}” is not one the server accepts: {hint}.",
                signals::quote(grant)
            ),
            Some("oauth-unsupported-grant-type/bad-grant-type"),
        );
    }

    if grant == "password" && !req.redirect_uri.trim().is_empty() {
        out.add(
            "password-grant-redirect-uri",
            Severity::Error,
            Field::RedirectUri,
            "A password grant must not carry redirect_uri (Postman's Password Credentials helper adds one, and the server answers invalid_grant): clear it.",
            Some("oauth-invalid-grant/postman-password-helper"),
        );
    }

    for name in required_fields(grant) {
        if req.get(name).trim().is_empty() {
            let who = if GRANTS.contains(&grant) {
                format!("the {grant} grant")
            } else {
                "every grant".into()
            };
            out.add(
                &format!("{}-missing", name.replace('_', "-")),
                Severity::Error,
                field_of(name),
                format!("{name} is empty; {who} needs it."),
                Some("oauth-invalid-request/missing-parameter"),
            );
        }
    }

    // Copying from e-mail or a PDF brings spaces along; they are sent as
    // part of the value and the server then knows no such client or user.
    for (name, value) in req.fields() {
        if name == "grant_type" || value.is_empty() || value.trim() == value {
            continue;
        }
        let check = match name {
            "client_id" | "client_secret" => Some("oauth-invalid-client/wrong-credentials"),
            "username" | "password" => Some("oauth-invalid-grant/wrong-password"),
            "redirect_uri" => Some("oauth-invalid-grant/callback-mismatch"),
            _ => None,
        };
        out.add(
            &format!("{}-whitespace", name.replace('_', "-")),
            Severity::Warning,
            field_of(name),
            format!(
                "{name} starts or ends with a space or line break, which is sent as part of it."
            ),
            check,
        );
    }

    let positions = confusable(&req.client_id);
    if !positions.is_empty() {
        let chars: Vec<char> = req.client_id.chars().collect();
        let list = positions
            .iter()
            .map(|&i| format!("{} (“{}”)", i + 1, chars.get(i).copied().unwrap_or(' ')))
            .collect::<Vec<_>>()
            .join(", ");
        out.add(
            "client-id-confusable",
            Severity::Warning,
            Field::ClientId,
            format!("The client_id has look-alike characters at positions {list} (I l 1, O 0): if it was typed rather than pasted, check those."),
            Some("oauth-invalid-client/character-confusion"),
        );
    }

    if grant == "password" {
        let user = req.username.trim();
        if !user.is_empty() && !user.contains('@') {
            out.add(
                "username-not-email",
                Severity::Warning,
                Field::Body,
                "username is the e-mail address the person signs in to app.scopestack.io with.",
                Some("oauth-invalid-resource-owner/unknown-email"),
            );
        }
    }

    let scope = req.scope.trim();
    if !scope.is_empty() && grant_fields(grant).contains(&"scope") {
        let odd = scope.split(' ').any(|s| !matches!(s, "read" | "write"));
        if odd {
            out.add(
                "scope-unknown",
                Severity::Warning,
                Field::Body,
                format!(
                    "scope “{}” names something other than read and write: send “read write”, space-separated.",
                    signals::quote(scope)
                ),
                Some("oauth-invalid-scope/scope-value"),
            );
        }
    }
    out.0
}

/// The request the token form stands for: a form POST with only the fields
/// the grant uses. `redirect_uri` goes along whenever it is filled, whatever
/// the grant, so Postman's password-grant mistake can be reproduced.
pub fn token_http_request(req: &TokenRequest) -> HttpRequest {
    let grant = req.grant_type.as_str();
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    if !grant.is_empty() {
        pairs.push(("grant_type", grant));
    }
    for name in grant_fields(grant) {
        let value = req.get(name);
        if !value.is_empty() {
            pairs.push((name, value));
        }
    }
    if !req.redirect_uri.is_empty() && !pairs.iter().any(|(n, _)| *n == "redirect_uri") {
        pairs.push(("redirect_uri", &req.redirect_uri));
    }
    let body = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", form_encode(k), form_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    HttpRequest {
        method: "POST".into(),
        url: req.url.trim().to_string(),
        headers: vec![
            (
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            ),
            ("Accept".into(), "application/json".into()),
        ],
        body: Some(body),
    }
}

/// `application/x-www-form-urlencoded` encoding of one name or value.
fn form_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Character indices (not bytes) of the look-alikes I, l, 1, O and 0.
pub fn confusable(client_id: &str) -> Vec<usize> {
    client_id
        .chars()
        .enumerate()
        .filter(|(_, c)| matches!(c, 'I' | 'l' | '1' | 'O' | '0'))
        .map(|(i, _)| i)
        .collect()
}

/// True when the URL's origin is exactly one of `allowed`. Anything a
/// browser might read differently from this parser (user info, backslashes,
/// whitespace, no scheme) is refused, so a crafted URL can never pass.
pub fn origin_allowed(url: &str, allowed: &[String]) -> bool {
    let Some(origin) = origin_of(url) else {
        return false;
    };
    allowed
        .iter()
        .any(|a| origin_of(a).is_some_and(|o| o == origin))
}

/// `scheme://host[:port]`, lower-cased and without a default port.
fn origin_of(url: &str) -> Option<String> {
    let u = url.trim();
    if u.chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return None;
    }
    let (scheme, rest) = u.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => "443",
        "http" => "80",
        _ => return None,
    };
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let (host, port) = if authority.starts_with('[') {
        let end = authority.find(']')?;
        let after = &authority[end + 1..];
        let port = match after.strip_prefix(':') {
            Some(p) => p,
            None if after.is_empty() => "",
            None => return None,
        };
        (&authority[..=end], port)
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, p),
            None => (authority, ""),
        }
    };
    if host.is_empty() || !port.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let port = port.trim_start_matches('0');
    let port = if port.is_empty() || port == default_port {
        String::new()
    } else {
        format!(":{port}")
    };
    Some(format!("{scheme}://{}{port}", host.to_ascii_lowercase()))
}

/// Diagnose one live exchange: the request as sent and what came back.
pub fn diagnose_exchange(req: &HttpRequest, outcome: &Outcome) -> Diagnosis {
    diagnose_exchange_as(req, outcome, None)
}

/// True when the diagnosis turns on whose token this is (a 403 or 404:
/// another account, a role without rights, another account's record), so
/// the panel should ask `GET /v1/me` with the same token first.
pub fn account_matters(outcome: &Outcome) -> bool {
    matches!(outcome, Outcome::Response(r) if r.status == 403 || r.status == 404)
}

/// [`diagnose_exchange`] knowing which account the token belongs to (the
/// `account-slug` of `GET /v1/me` with the same token): what tells a token of
/// another account from a role without rights, which a response alone
/// cannot.
pub fn diagnose_exchange_as(
    req: &HttpRequest,
    outcome: &Outcome,
    token_account: Option<&str>,
) -> Diagnosis {
    let mut ev = exchange_evidence(req, outcome);
    ev.token_account = token_account
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let mut signals = signals::derive(&ev);
    signals.extend(super::rate_limit::signals(&ev, ""));
    let transcript = transcript(req, outcome);
    let mut diagnosis = rules::decide(knowledge_base(), &ev, &signals, &transcript);
    let known = known_secrets(req, &ev);
    if !known.all.is_empty() {
        scrub_diagnosis(&mut diagnosis, &known);
    }
    diagnosis
}

fn network_failure(kind: FailureKind) -> NetworkFailure {
    match kind {
        FailureKind::Cors => NetworkFailure::Cors,
        FailureKind::Offline => NetworkFailure::Offline,
        FailureKind::Dns => NetworkFailure::Dns,
        FailureKind::Refused => NetworkFailure::Refused,
        FailureKind::Timeout => NetworkFailure::Timeout,
        FailureKind::Aborted => NetworkFailure::Aborted,
        FailureKind::Unknown => NetworkFailure::FetchFailed,
    }
}

/// What a failure is called when the browser gave no message of its own.
fn failure_words(kind: FailureKind) -> &'static str {
    match kind {
        FailureKind::Cors => "the browser blocked the response (CORS)",
        FailureKind::Offline => "the browser is offline",
        FailureKind::Dns => "the host name could not be resolved",
        FailureKind::Refused => "the connection was refused",
        FailureKind::Timeout => "no answer before the time limit",
        FailureKind::Aborted => "the request was aborted",
        FailureKind::Unknown => "Failed to fetch",
    }
}

fn failure_message(kind: FailureKind, message: &str) -> String {
    let m = message.trim();
    if m.is_empty() {
        failure_words(kind).to_string()
    } else {
        m.to_string()
    }
}

/// The evidence of an exchange, built from what is known rather than
/// recognised: every request header is known, so `headers_seen` holds.
fn exchange_evidence(req: &HttpRequest, outcome: &Outcome) -> Evidence {
    let mut c = Collector::default();
    c.method(&req.method);
    c.url(&req.url);
    c.request_headers(req.headers.clone());
    c.ev.request.headers_seen = true;
    if let Some(body) = &req.body {
        c.request_body(body);
    }
    match outcome {
        Outcome::Response(r) => {
            c.format("http-response");
            c.status(r.status, Some(&status_line(r)), rank::WIRE);
            c.response_headers(r.headers.clone());
            response_body(&r.body, &mut c);
        }
        Outcome::Failure { kind, message } => {
            c.network(network_failure(*kind), &failure_message(*kind, message));
        }
    }
    let mut ev = c.ev;
    ev.formats.sort_by_key(|f| {
        FORMAT_ORDER
            .iter()
            .position(|x| x == f)
            .unwrap_or(usize::MAX)
    });
    ev
}

/// Read the body as a pasted body is read (JSON:API errors, OAuth JSON,
/// gateway pages), keeping only what a body can tell: the wire already gave
/// the status, and a response that arrived is no network failure.
fn response_body(body: &str, c: &mut Collector) {
    let b = body.trim();
    if b.is_empty() {
        c.ev.empty_body = true;
        c.body_seen = true;
        return;
    }
    let read = evidence::gather(b);
    for f in read.formats {
        c.format(f);
    }
    if let Some(err) = &read.oauth_error {
        c.oauth(err, read.oauth_description.as_deref(), rank::BODY);
    }
    c.ev.errors = read.errors;
    c.ev.gateway = read.gateway;
    c.ev.body = Some(b.to_string());
    c.body_seen = true;
}

fn status_line(r: &HttpResponse) -> String {
    let text = r.status_text.trim();
    let text = if text.is_empty() {
        reason_phrase(r.status)
    } else {
        text
    };
    format!("HTTP/1.1 {} {text}", r.status)
        .trim_end()
        .to_string()
}

/// The standard reason phrase: fetch reports none over HTTP/2.
fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        423 => "Locked",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// The exchange as a `curl -v`-like transcript: what `redacted` shows once
/// its secrets are masked.
/// How much of a response body the transcript keeps.
const TRANSCRIPT_BODY: usize = 256 * 1024;

fn transcript(req: &HttpRequest, outcome: &Outcome) -> String {
    let mut t = format!(
        "> {} {}\n",
        req.method.trim().to_ascii_uppercase(),
        req.url.trim()
    );
    for (k, v) in &req.headers {
        t.push_str(&format!("> {k}: {v}\n"));
    }
    if let Some(body) = req.body.as_deref().filter(|b| !b.is_empty()) {
        t.push_str(">\n");
        for line in body.lines() {
            t.push_str(&format!("> {line}\n"));
        }
    }
    t.push('\n');
    match outcome {
        Outcome::Response(r) => {
            t.push_str(&format!("< {}\n", status_line(r)));
            for (k, v) in &r.headers {
                t.push_str(&format!("< {k}: {v}\n"));
            }
            t.push_str(&format!("* answered in {} ms\n", r.elapsed_ms));
            if !r.body.is_empty() {
                // The diagnosis reads the whole body; the transcript, which
                // travels back to the page and into support messages, keeps
                // the start of a large one.
                let mut end = r.body.len().min(TRANSCRIPT_BODY);
                while !r.body.is_char_boundary(end) {
                    end -= 1;
                }
                t.push('\n');
                t.push_str(&r.body[..end]);
                if !t.ends_with('\n') {
                    t.push('\n');
                }
                if end < r.body.len() {
                    t.push_str(&format!(
                        "* … {} more bytes of the body not shown\n",
                        r.body.len() - end
                    ));
                }
            }
        }
        Outcome::Failure { kind, message } => {
            t.push_str(&format!(
                "* no response: {}: {}\n",
                failure_words(*kind),
                failure_message(*kind, message)
            ));
        }
    }
    t
}

/// Form and JSON fields that hold a secret, and what kind of secret.
const SECRET_FIELDS: &[(&str, SecretKind)] = &[
    ("client_secret", SecretKind::ClientSecret),
    ("password", SecretKind::Password),
    ("refresh_token", SecretKind::RefreshToken),
    ("access_token", SecretKind::AccessToken),
    ("code", SecretKind::AuthorizationCode),
];

fn secret_field(name: &str) -> Option<SecretKind> {
    let last = name.rsplit('.').next().unwrap_or(name);
    SECRET_FIELDS
        .iter()
        .find(|(n, _)| *n == last)
        .map(|(_, k)| *k)
}

/// Known secrets: `all` holds every spelling to scrub, `distinct` one entry
/// per credential, for the summary a person reads.
#[derive(Default)]
struct Known {
    all: Vec<Secret>,
    distinct: Vec<Secret>,
}

impl Known {
    fn secret(kind: SecretKind, value: &str) -> Option<Secret> {
        let v = value.trim();
        (v.len() >= 2).then(|| Secret {
            kind,
            value: v.to_string(),
            mask: mask_for(kind, v),
        })
    }

    /// Another spelling of a credential already counted.
    fn add(&mut self, kind: SecretKind, value: &str) {
        if let Some(s) = Self::secret(kind, value) {
            if !self.all.iter().any(|x| x.value == s.value) {
                self.all.push(s);
            }
        }
    }

    /// A credential of its own.
    fn add_distinct(&mut self, kind: SecretKind, value: &str) {
        if let Some(s) = Self::secret(kind, value) {
            if !self.all.iter().any(|x| x.value == s.value) {
                self.distinct.push(s.clone());
                self.all.push(s);
            }
        }
    }
}

/// Every secret the request carries, in each spelling it may appear in
/// (as sent, unquoted, form-decoded), so they can be scrubbed from anything
/// the engine says about it even when pattern-based redaction would miss a
/// malformed one.
fn known_secrets(req: &HttpRequest, ev: &Evidence) -> Known {
    let mut k = Known::default();
    for (name, value) in &req.headers {
        let lower = name.to_ascii_lowercase();
        if lower == "authorization" || lower == "proxy-authorization" {
            credential_spellings(value, &mut k);
        } else if lower == "cookie" {
            k.add_distinct(SecretKind::Cookie, value);
        } else if secret_header(name) {
            k.add_distinct(SecretKind::ApiKey, value);
        }
    }
    if let Some(body) = req.body.as_deref() {
        if !body.trim_start().starts_with(['{', '[']) {
            for pair in body.split('&') {
                if let Some((name, raw)) = pair.split_once('=') {
                    if let Some(kind) = secret_field(name.trim()) {
                        k.add_distinct(kind, raw);
                    }
                }
            }
        }
    }
    for (name, value) in &ev.request.params {
        // A `code` deep in a JSON:API body is an attribute, not an
        // authorization code.
        let nested = name.contains(['.', '[']);
        match secret_field(name) {
            Some(SecretKind::AuthorizationCode) if nested => {}
            Some(kind) => k.add(kind, value),
            None => {}
        }
    }
    if let Some(query) = split_url(&req.url).map(|p| p.query) {
        for pair in query.split('&') {
            if let Some((name, raw)) = pair.split_once('=') {
                if let Some(kind) = secret_field(name) {
                    k.add_distinct(kind, raw);
                }
            }
        }
    }
    k
}

/// The credential of an Authorization value in every spelling a quote of
/// it may take, however malformed the value is.
fn credential_spellings(value: &str, k: &mut Known) {
    let kind = SecretKind::BearerToken;
    let v = value.trim();
    let Some((_, rest)) = v.split_once(char::is_whitespace) else {
        k.add_distinct(kind, v);
        return;
    };
    let rest = rest.trim();
    k.add_distinct(kind, rest);
    k.add(kind, unquote(rest));
    let lower = rest.to_ascii_lowercase();
    if lower.starts_with("bearer") {
        if let Some(after) = rest.get("bearer".len()..) {
            k.add(kind, after);
            k.add(kind, unquote(after));
        }
    }
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(unquote(rest)) {
        for field in ["access_token", "refresh_token"] {
            if let Some(s) = json.get(field).and_then(|x| x.as_str()) {
                k.add(kind, s);
            }
        }
    }
    for word in rest.split_whitespace() {
        let w = word.trim_matches(|c: char| matches!(c, '"' | '\'' | ',' | '{' | '}' | ':'));
        if w.len() >= 8 && !w.eq_ignore_ascii_case("bearer") {
            k.add(kind, w);
        }
    }
}

fn unquote(s: &str) -> &str {
    s.trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace())
}

fn scrub_diagnosis(d: &mut Diagnosis, known: &Known) {
    let clean = |s: &mut String| *s = scrub(s, &known.all);
    clean(&mut d.redacted);
    for s in &mut d.sections {
        s.reasons.iter_mut().for_each(clean);
    }
    for c in &mut d.checklist {
        if let Some(w) = c.why.as_mut() {
            clean(w);
        }
    }
    let f = &mut d.facts;
    if let Some(u) = f.url.as_mut() {
        clean(u);
    }
    f.details.iter_mut().for_each(clean);
    f.pointers.iter_mut().for_each(clean);
    // Pattern-based redaction may not recognise a malformed credential
    // (a quoted or broken token); it was masked all the same, so say so.
    if d.redaction_summary.is_none() {
        d.redaction_summary = summary(&known.distinct);
    }
}

/// Header names whose value is a credential and never goes into a command.
fn secret_header(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "cookie"
        || ["token", "secret", "api-key", "apikey", "password"]
            .iter()
            .any(|w| lower.contains(w))
}

/// The environment variable a form field's secret is read from in a command.
fn secret_variable(name: &str) -> Option<&'static str> {
    match name {
        "client_secret" => Some("SCOPESTACK_CLIENT_SECRET"),
        "password" => Some("SCOPESTACK_PASSWORD"),
        "refresh_token" => Some("SCOPESTACK_REFRESH_TOKEN"),
        "code" => Some("SCOPESTACK_AUTH_CODE"),
        "access_token" => Some("SCOPESTACK_TOKEN"),
        _ => None,
    }
}

/// A copy-pasteable `curl -i` command for the request. Credentials come from
/// environment variables (`$SCOPESTACK_TOKEN`, `$SCOPESTACK_CLIENT_SECRET`,
/// `$SCOPESTACK_PASSWORD`, …) so the command can be shared as it is.
pub fn to_curl(req: &HttpRequest) -> String {
    let method = req.method.trim().to_ascii_uppercase();
    let body = req.body.as_deref().filter(|b| !b.is_empty());
    let mut parts: Vec<String> = vec!["curl -i".into()];
    if method != "GET" || body.is_some() {
        parts.push(format!("-X {}", sh_word(&method)));
    }
    parts.push(sh_word(&masked_url(&req.url)));
    for (name, value) in &req.headers {
        let lower = name.to_ascii_lowercase();
        if lower == "authorization" || lower == "proxy-authorization" {
            let scheme = value
                .split_whitespace()
                .next()
                .filter(|s| {
                    s.len() <= 12
                        && s.chars().all(|c| c.is_ascii_alphabetic())
                        && value.trim().contains(char::is_whitespace)
                })
                .unwrap_or("Bearer");
            parts.push(format!(
                "-H \"{}: {} $SCOPESTACK_TOKEN\"",
                dq_escape(name),
                dq_escape(scheme)
            ));
        } else if secret_header(name) {
            parts.push(format!(
                "-H {}",
                sh_word(&format!("{name}: {}", mask(value)))
            ));
        } else {
            parts.push(format!("-H {}", sh_word(&format!("{name}: {value}"))));
        }
    }
    if let Some(b) = body {
        body_args(b, &mut parts);
    }
    parts.join(" \\\n  ")
}

fn body_args(body: &str, parts: &mut Vec<String>) {
    if body.trim_start().starts_with(['{', '[']) {
        let clean = super::redact::redact(body).text;
        parts.push(format!("--data-raw {}", sh_word(&clean)));
        return;
    }
    // A form body: curl joins several data arguments with `&`, so the
    // secrets can come from the environment, URL-encoded by curl itself.
    let mut plain: Vec<&str> = Vec::new();
    let mut secret: Vec<String> = Vec::new();
    for pair in body.split('&') {
        let name = pair.split_once('=').map_or(pair, |(n, _)| n).trim();
        match secret_variable(name) {
            Some(var) => secret.push(format!("--data-urlencode \"{}=${var}\"", dq_escape(name))),
            None => plain.push(pair),
        }
    }
    if !plain.is_empty() {
        parts.push(format!("--data-raw {}", sh_word(&plain.join("&"))));
    }
    parts.extend(secret);
}

/// The URL with any credential in its query masked.
fn masked_url(url: &str) -> String {
    let u = url.trim();
    let Some((base, query)) = u.split_once('?') else {
        return super::redact::redact(u).text;
    };
    let query = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((n, v)) if secret_field(n).is_some() => format!("{n}={}", mask(v)),
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&");
    super::redact::redact(&format!("{base}?{query}")).text
}

/// A word for a POSIX shell: as it is when nothing in it is special, else
/// single-quoted (a single quote inside becomes `'\''`).
fn sh_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '_' | '-' | '.' | '/' | ':' | ',' | '+' | '@' | '%' | '=')
        });
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// Text for inside double quotes, where `\`, `"`, `$` and `` ` `` are special.
fn dq_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '"' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
