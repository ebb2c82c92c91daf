//! The request as a copy-pasteable `curl -i` command, with every credential
//! read from the environment or masked.

use super::call::HttpRequest;
use crate::engine::redact::known::{secret_field, secret_header};
use crate::engine::redact::{mask, redact};

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
        let clean = redact(body).text;
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
        return redact(u).text;
    };
    let query = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((n, v)) if secret_field(n).is_some() => format!("{n}={}", mask(v)),
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&");
    redact(&format!("{base}?{query}")).text
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
