//! The lint of an API request before it is sent. Runs as the user types, so
//! it is cheap and never quotes a secret.

use super::finding::{Field, Findings, LintFinding, Severity};
use super::origin::{allowed_origins, origin_allowed};
use super::request::HttpRequest;
use crate::engine::api_facts::{
    account_slug, asks_merge_data_v2, is_api_path, is_me_path, is_merge_data_path, is_oauth_path,
    is_write_method, media_type_ok, API_HOST, APP_HOST, MEDIA_TYPE, TOKEN_PATH, TOKEN_URL,
};
use crate::engine::evidence::find_header;
use crate::engine::signals::{bearer_shape, BearerShape};
use crate::engine::util::quote::quote;
use crate::engine::util::url::{split_url, UrlParts};

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
                        quote(&p.host)
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
                format!("Accept is “{}”; say {MEDIA_TYPE}, the only type the API serves.", quote(v)),
                Some("required-headers/wrong-accept"),
            ),
            Some(v) if !media_type_ok(v) => out.add(
                "wrong-accept",
                Severity::Error,
                Field::Accept,
                format!(
                    "Accept is “{}”; the API serves only {MEDIA_TYPE}, with no parameters after it, and answers 406 otherwise.",
                    quote(v)
                ),
                Some("required-headers/wrong-accept"),
            ),
            Some(_) => {}
        }
        let write = is_write_method(&method);
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
                        quote(v)
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

fn path_findings(p: &UrlParts, method: &str, out: &mut Findings) {
    let path = p.path.trim_end_matches('/');
    let oauth = is_oauth_path(&p.path);
    let api_path = is_api_path(&p.path);
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
        if path == TOKEN_PATH && method != "POST" {
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
    if p.host != APP_HOST && !is_me_path(path) {
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
                    quote(&slug)
                ),
                Some("404-not-found/url-format"),
            ),
            Some(_) => {}
        }
    }
    if is_merge_data_path(&p.path) && !asks_merge_data_v2(&p.query) {
        out.add(
            "merge-data-v1",
            Severity::Warning,
            Field::Path,
            "Add ?version=2: the v1 merge-data format times out (504) on projects with many service locations.",
            Some("504-gateway-timeout/merge-data-v1"),
        );
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
