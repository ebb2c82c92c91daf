//! The lint of an API request before it is sent. The signals judge what
//! they already know how to judge (the request is read into evidence as a
//! live exchange's is, and a finding whose data names a signal is raised by
//! it); what only matters before sending (the allow-list, placeholders,
//! what a browser refuses to send) is checked here.

use super::super::call::HttpRequest;
use super::super::exchange::request_evidence;
use super::super::origin::{allowed_origins, origin_allowed, refusal};
use super::finding::{Findings, LintFinding};
use crate::engine::api_facts::{
    account_slug, is_me_path, is_method, is_oauth_path, is_write_method, media_type_ok,
    wants_content_type, API_HOST, APP_HOST, TOKEN_PATH,
};
use crate::engine::evidence::find_header;
use crate::engine::signals::{self, Signal};
use crate::engine::util::quote::quote;
use crate::engine::util::url::{split_url, UrlParts};

/// Check a request before it is sent. Runs as the user types, so it is
/// cheap and never quotes a secret.
pub fn lint(req: &HttpRequest) -> Vec<LintFinding> {
    lint_for(req, &[])
}

/// [`lint`] for a page that allows more origins than ScopeStack's own.
pub fn lint_for(req: &HttpRequest, extra_origins: &[String]) -> Vec<LintFinding> {
    let mut out = Findings::default();
    let method = req.method.trim().to_ascii_uppercase();
    let body = req.body.as_deref().filter(|b| !b.trim().is_empty());
    let signals = signals::derive(&request_evidence(req));

    if !is_method(&method) {
        out.add("method-unknown", &[]);
    }

    let parts = split_url(&req.url);
    let oauth = parts.as_ref().is_some_and(|p| is_oauth_path(&p.path));
    match &parts {
        None => out.add("url-invalid", &[]),
        Some(p) => {
            let allowed = allowed_origins(extra_origins);
            if !origin_allowed(&req.url, &allowed) {
                out.add(
                    "origin-not-allowed",
                    &[
                        ("origins", &allowed.join(" and ")),
                        ("host", &quote(&p.host)),
                    ],
                );
            } else if refusal(&req.url, &allowed).is_some() {
                // What Send refuses besides the origin: no path after it.
                out.add("path-not-absolute", &[]);
            }
            path_findings(p, &method, &signals, &mut out);
        }
    }

    // The token endpoint authenticates with form fields and answers plain
    // JSON, so the API's header rules do not apply to it.
    if !oauth {
        let authorization = find_header(&req.headers, "authorization");
        authorization_findings(authorization, &signals, &mut out);
        // The article requires the media type on every call; the server
        // itself lets a missing Accept or `*/*` through (which is what a
        // browser sends when none is set), so those only warn.
        let accept = find_header(&req.headers, "accept").map(str::trim);
        if !out.add_if_signalled("missing-accept", &signals, &[]) {
            if let Some(v) = accept {
                let key = if v.starts_with("*/*") && !v.contains(',') {
                    "wrong-accept/any"
                } else {
                    "wrong-accept"
                };
                out.add_if_signalled(key, &signals, &[("value", &quote(v))]);
            }
        }
        // A write without a body needs its Content-Type all the same (the
        // signals judge only bodies that were sent), so this stays here.
        if wants_content_type(&method, body.is_some()) {
            match find_header(&req.headers, "content-type").map(str::trim) {
                None | Some("") => out.add("missing-content-type", &[("method", &method)]),
                Some(v) if !media_type_ok(v) => {
                    out.add("wrong-content-type", &[("value", &quote(v))])
                }
                Some(_) => {}
            }
        }
        body_findings(&method, body, &signals, &mut out);
    } else if method == "GET" && body.is_some() {
        body_findings(&method, body, &signals, &mut out);
    }
    out.0
}

fn path_findings(p: &UrlParts, method: &str, signals: &[Signal], out: &mut Findings) {
    let path = p.path.trim_end_matches('/');
    let oauth = is_oauth_path(&p.path);
    // The API host has no /oauth endpoints at all, not only no token one,
    // so this is broader than the signal's token request on the API host.
    if p.host == API_HOST && oauth {
        out.add("token-endpoint-on-api-host", &[]);
    }
    if !oauth {
        out.add_if_signalled("api-path-on-app-host", signals, &[]);
    }
    if oauth {
        if path == TOKEN_PATH && method != "POST" {
            out.add("token-request-not-post", &[]);
        }
        out.add_if_signalled("token-body-not-form", signals, &[]);
        return;
    }
    // Unlike the signals, which judge only paths under /v1/, any path but
    // /v1/me needs the slug before it is sent.
    if p.host != APP_HOST && !is_me_path(path) {
        match account_slug(&p.path) {
            None if p.path.starts_with("/v1") => out.add("missing-account-slug/v1", &[]),
            None => out.add("missing-account-slug", &[]),
            Some(slug) if slug.contains(['{', '}', '<', '>', ':']) => {
                out.add("account-slug-placeholder", &[("slug", &quote(&slug))])
            }
            Some(_) => {}
        }
    }
    out.add_if_signalled("merge-data-v1", signals, &[]);
}

fn authorization_findings(value: Option<&str>, signals: &[Signal], out: &mut Findings) {
    let Some(v) = value.map(str::trim) else {
        out.add_if_signalled("missing-authorization", signals, &[]);
        return;
    };
    if v.is_empty() {
        out.add("token-empty", &[]);
        return;
    }
    let scheme = v.split_once(char::is_whitespace).map_or(v, |(s, _)| s);
    let named = scheme.len() <= 12 && scheme.chars().all(|c| c.is_ascii_alphabetic());
    let not_bearer = if named {
        "token-not-bearer"
    } else {
        "token-not-bearer/bare"
    };
    let shapes = [
        not_bearer,
        "token-empty",
        "token-is-json",
        "token-bearer-doubled",
        "token-quoted",
        "token-whitespace",
    ];
    if shapes
        .iter()
        .any(|key| out.add_if_signalled(key, signals, &[("scheme", scheme)]))
    {
        return;
    }
    // Copying from a document or chat can bring typographic quotes or an
    // ellipsis into a token that is otherwise one clean word; a browser
    // refuses such header values outright.
    let token = v.split_once(char::is_whitespace).map_or("", |(_, t)| t);
    if token.chars().any(|c| !c.is_ascii_graphic()) {
        out.add_if_signalled("token-odd-characters", signals, &[]);
    }
}

fn body_findings(method: &str, body: Option<&str>, signals: &[Signal], out: &mut Findings) {
    match (method, body) {
        ("GET", Some(_)) => {
            out.add_if_signalled("get-with-body", signals, &[]);
        }
        (m, None) if is_write_method(m) => out.add("body-missing", &[("method", method)]),
        (m, Some(b)) if is_method(m) => {
            match serde_json::from_str::<serde_json::Value>(b) {
                // The signal says the same; the line and column are the
                // lint's own, counted in the body as typed.
                Err(e) => out.add(
                    "body-not-json",
                    &[
                        ("line", &e.line().to_string()),
                        ("column", &e.column().to_string()),
                    ],
                ),
                Ok(v) => {
                    let data = v.get("data");
                    if data.and_then(|d| d.get("type")).is_none() {
                        out.add_if_signalled("body-not-jsonapi", signals, &[]);
                    } else if method == "PATCH" && data.and_then(|d| d.get("id")).is_none() {
                        out.add("body-missing-id", &[]);
                    }
                }
            }
        }
        _ => {}
    }
}
