//! Live calls: the lint of requests and token forms, the token request the
//! form stands for, the diagnosis of real exchanges (the stand-in's answers
//! for every error the issue lists, and each way a call can fail), curl
//! commands, and the worker protocol's new messages. Secrets must never come
//! back out of any of them.
//!
//! One file a job; the shared requests, answers and assertions are here.

mod curl;
mod exchanges;
mod lint;
mod origins;
mod protocol;
mod robustness;
mod secrets;
mod token_form;

use scopestack_troubleshooter::engine::api::{
    handle, Envelope, LiveRequest as Request, LiveResponse as Response,
};
use scopestack_troubleshooter::engine::diagnosis::{CheckState, Diagnosis};
use scopestack_troubleshooter::engine::knowledge_base;
use scopestack_troubleshooter::engine::live::{
    answer_exchange, confusable, diagnose_exchange, lint, lint_for, lint_token, origin_allowed,
    to_curl, token_http_request, FailureKind, Field, HttpRequest, HttpResponse, LintFinding,
    Outcome, Severity, Shown, TokenRequest, DEFAULT_ORIGINS,
};

const TOKEN: &str = "kQ7vR2xN9pL4mT8sW1yB6cF3hJ5dG0aZ";
const SECRET: &str = "s3cr3t-Client-Value-9f8e7d6c5b4a";
const PASSWORD: &str = "hunter2-Horse-Battery";
const JSONAPI: &str = "application/vnd.api+json";

fn h(k: &str, v: &str) -> (String, String) {
    (k.to_string(), v.to_string())
}

fn api(method: &str, path: &str) -> HttpRequest {
    let write = matches!(method, "POST" | "PATCH");
    let mut headers = vec![
        h("Accept", JSONAPI),
        h("Authorization", &format!("Bearer {TOKEN}")),
    ];
    if write {
        headers.push(h("Content-Type", JSONAPI));
    }
    HttpRequest {
        method: method.into(),
        url: format!("https://api.scopestack.io{path}"),
        headers,
        body: write.then(|| {
            r#"{"data":{"type":"projects","id":"1","attributes":{"project-name":"Fabric refresh"}}}"#
                .to_string()
        }),
    }
}

fn with_header(mut req: HttpRequest, name: &str, value: Option<&str>) -> HttpRequest {
    req.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
    if let Some(v) = value {
        req.headers.push(h(name, v));
    }
    req
}

fn ids(findings: &[LintFinding]) -> Vec<&str> {
    findings.iter().map(|f| f.id.as_str()).collect()
}

fn finding<'a>(findings: &'a [LintFinding], id: &str) -> &'a LintFinding {
    findings
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no finding {id} in {:?}", ids(findings)))
}

fn token_form(grant: &str) -> TokenRequest {
    TokenRequest {
        url: "https://app.scopestack.io/oauth/token".into(),
        grant_type: grant.into(),
        client_id: "abcdefghjk".into(),
        client_secret: SECRET.into(),
        username: if grant == "password" {
            "ada@example.com".into()
        } else {
            String::new()
        },
        password: if grant == "password" {
            PASSWORD.into()
        } else {
            String::new()
        },
        code: if grant == "authorization_code" {
            "Zq9-auth-code-XY".into()
        } else {
            String::new()
        },
        redirect_uri: if grant == "authorization_code" {
            "https://example.com/callback".into()
        } else {
            String::new()
        },
        refresh_token: if grant == "refresh_token" {
            "rT-9a8b7c6d5e4f3a2b1c0d".into()
        } else {
            String::new()
        },
        scope: String::new(),
    }
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> Outcome {
    Outcome::Response(HttpResponse {
        status,
        status_text: String::new(),
        headers: headers.iter().map(|(k, v)| h(k, v)).collect(),
        body: body.into(),
        elapsed_ms: 120,
    })
}

fn json_api(status: u16, body: &str) -> Outcome {
    response(status, &[("Content-Type", JSONAPI)], body)
}

fn state(d: &Diagnosis, check: &str) -> CheckState {
    d.checklist
        .iter()
        .find(|c| c.id == check)
        .unwrap_or_else(|| {
            panic!(
                "{check} not in the checklist of {:?}: {:?}",
                d.primary,
                d.checklist.iter().map(|c| &c.id).collect::<Vec<_>>()
            )
        })
        .state
}

/// The secrets a request carried never come back in the diagnosis.
fn assert_clean(d: &Diagnosis, secrets: &[&str]) {
    let json = serde_json::to_string(d).unwrap();
    for s in secrets {
        assert!(!json.contains(s), "secret {s} leaked: {json}");
    }
}

fn assert_diagnosis(
    req: &HttpRequest,
    outcome: &Outcome,
    primary: &str,
    checks: &[(&str, CheckState)],
) -> Diagnosis {
    let d = diagnose_exchange(req, outcome);
    assert_eq!(
        d.primary.as_deref(),
        Some(primary),
        "sections {:?}",
        d.sections
            .iter()
            .map(|s| (&s.id, s.score))
            .collect::<Vec<_>>()
    );
    for (check, want) in checks {
        assert_eq!(state(&d, check), *want, "{check}");
    }
    assert_clean(&d, &[TOKEN, SECRET, PASSWORD]);
    d
}

const EXPIRED: &str = r#"Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token expired""#;
const INVALID: &str = r#"Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token is invalid""#;
const INVALID_CLIENT: &str = "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.";
const INVALID_GRANT: &str = "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";
fn oauth_answer(error: &str, description: &str) -> Outcome {
    let status = if error == "invalid_client" { 401 } else { 400 };
    response(
        status,
        &[
            ("Content-Type", "application/json; charset=utf-8"),
            ("Cache-Control", "no-store"),
            (
                "WWW-Authenticate",
                &format!(
                    r#"Bearer realm="Doorkeeper", error="{error}", error_description="{description}""#
                ),
            ),
        ],
        &format!(r#"{{"error":"{error}","error_description":"{description}"}}"#),
    )
}
