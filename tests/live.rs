//! Live calls: the lint of requests and token forms, the token request the
//! form stands for, the diagnosis of real exchanges (the stand-in's answers
//! for every error the issue lists, and each way a call can fail), curl
//! commands, and the worker protocol's new messages. Secrets must never come
//! back out of any of them.

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

// ---------------------------------------------------------------- lint

#[test]
fn a_good_request_has_no_findings() {
    for (m, p) in [
        ("GET", "/acme/v1/projects?filter[active]=true"),
        ("GET", "/v1/me"),
        ("GET", "/acme/v1/projects/42/merge-data?version=2"),
        ("POST", "/acme/v1/projects"),
        ("PATCH", "/acme/v1/projects/1"),
        ("DELETE", "/acme/v1/projects/1"),
    ] {
        let f = lint(&api(m, p));
        assert!(f.is_empty(), "{m} {p}: {f:?}");
    }
}

#[test]
fn each_lint_rule_fires_with_its_check() {
    let cases: Vec<(HttpRequest, &str, Severity, Field, Option<&str>)> = vec![
        (
            with_header(api("GET", "/acme/v1/projects"), "Accept", None),
            "missing-accept",
            Severity::Warning,
            Field::Accept,
            Some("required-headers/missing-accept"),
        ),
        (
            with_header(
                api("GET", "/acme/v1/projects"),
                "Accept",
                Some("application/json"),
            ),
            "wrong-accept",
            Severity::Error,
            Field::Accept,
            Some("required-headers/wrong-accept"),
        ),
        (
            with_header(api("GET", "/acme/v1/projects"), "Accept", Some("*/*")),
            "wrong-accept",
            Severity::Warning,
            Field::Accept,
            Some("required-headers/wrong-accept"),
        ),
        (
            with_header(api("POST", "/acme/v1/projects"), "Content-Type", None),
            "missing-content-type",
            Severity::Error,
            Field::ContentType,
            Some("required-headers/missing-content-type"),
        ),
        (
            with_header(
                api("PATCH", "/acme/v1/projects/1"),
                "Content-Type",
                Some("application/json"),
            ),
            "wrong-content-type",
            Severity::Error,
            Field::ContentType,
            Some("required-headers/wrong-content-type"),
        ),
        (
            HttpRequest {
                url: "https://api.scopestack.io/oauth/token".into(),
                ..api("POST", "/x")
            },
            "token-endpoint-on-api-host",
            Severity::Error,
            Field::Origin,
            Some("404-not-found/wrong-host"),
        ),
        (
            HttpRequest {
                url: "https://app.scopestack.io/acme/v1/projects".into(),
                ..api("GET", "/x")
            },
            "api-path-on-app-host",
            Severity::Error,
            Field::Origin,
            Some("404-not-found/wrong-host"),
        ),
        (
            api("GET", "/v1/projects"),
            "missing-account-slug",
            Severity::Error,
            Field::Path,
            Some("404-not-found/url-format"),
        ),
        (
            api("GET", "/{account-slug}/v1/projects"),
            "account-slug-placeholder",
            Severity::Error,
            Field::Path,
            Some("404-not-found/url-format"),
        ),
        (
            api("GET", "/acme/v1/projects/42/merge-data"),
            "merge-data-v1",
            Severity::Warning,
            Field::Path,
            Some("504-gateway-timeout/merge-data-v1"),
        ),
        (
            with_header(api("GET", "/acme/v1/projects"), "Authorization", None),
            "missing-authorization",
            Severity::Error,
            Field::Token,
            Some("required-headers/missing-authorization"),
        ),
        (
            with_header(
                api("GET", "/acme/v1/projects"),
                "Authorization",
                Some(&format!(
                    r#"Bearer {{"access_token":"{TOKEN}","token_type":"Bearer","expires_in":7200}}"#
                )),
            ),
            "token-is-json",
            Severity::Error,
            Field::Token,
            Some("401-unauthorized/token-malformed"),
        ),
        (
            with_header(
                api("GET", "/acme/v1/projects"),
                "Authorization",
                Some(&format!("Bearer \"{TOKEN}\"")),
            ),
            "token-quoted",
            Severity::Error,
            Field::Token,
            Some("401-unauthorized/token-malformed"),
        ),
        (
            with_header(
                api("GET", "/acme/v1/projects"),
                "Authorization",
                Some(&format!("Bearer Bearer {TOKEN}")),
            ),
            "token-bearer-doubled",
            Severity::Error,
            Field::Token,
            Some("401-unauthorized/token-malformed"),
        ),
        (
            with_header(
                api("GET", "/acme/v1/projects"),
                "Authorization",
                Some(&format!("Bearer {} {}", &TOKEN[..16], &TOKEN[16..])),
            ),
            "token-whitespace",
            Severity::Error,
            Field::Token,
            Some("401-unauthorized/token-malformed"),
        ),
        (
            with_header(
                api("GET", "/acme/v1/projects"),
                "Authorization",
                Some("Bearer "),
            ),
            "token-empty",
            Severity::Error,
            Field::Token,
            Some("401-unauthorized/token-malformed"),
        ),
        (
            with_header(
                api("GET", "/acme/v1/projects"),
                "Authorization",
                Some("Bearer {{access_token}}"),
            ),
            "token-empty",
            Severity::Error,
            Field::Token,
            Some("401-unauthorized/token-malformed"),
        ),
        (
            with_header(
                api("GET", "/acme/v1/projects"),
                "Authorization",
                Some(TOKEN),
            ),
            "token-not-bearer",
            Severity::Error,
            Field::Token,
            Some("401-unauthorized/token-malformed"),
        ),
        (
            with_header(
                api("GET", "/acme/v1/projects"),
                "Authorization",
                Some(&format!("Bearer {TOKEN}…")),
            ),
            "token-odd-characters",
            Severity::Error,
            Field::Token,
            Some("401-unauthorized/token-malformed"),
        ),
        (
            HttpRequest {
                body: Some("{\"data\": {\"type\": \"projects\",".into()),
                ..api("POST", "/acme/v1/projects")
            },
            "body-not-json",
            Severity::Error,
            Field::Body,
            Some("400-bad-request/invalid-jsonapi-format"),
        ),
        (
            HttpRequest {
                body: Some(r#"{"project-name":"Fabric refresh"}"#.into()),
                ..api("POST", "/acme/v1/projects")
            },
            "body-not-jsonapi",
            Severity::Error,
            Field::Body,
            Some("400-bad-request/invalid-jsonapi-format"),
        ),
        (
            HttpRequest {
                body: Some(r#"{"data":{"type":"projects","attributes":{}}}"#.into()),
                ..api("PATCH", "/acme/v1/projects/1")
            },
            "body-missing-id",
            Severity::Warning,
            Field::Body,
            Some("400-bad-request/invalid-jsonapi-format"),
        ),
        (
            HttpRequest {
                body: None,
                ..api("POST", "/acme/v1/projects")
            },
            "body-missing",
            Severity::Warning,
            Field::Body,
            Some("400-bad-request/invalid-jsonapi-format"),
        ),
        (
            HttpRequest {
                body: Some(r#"{"filter":{"active":true}}"#.into()),
                ..api("GET", "/acme/v1/projects")
            },
            "get-with-body",
            Severity::Error,
            Field::Body,
            None,
        ),
        (
            HttpRequest {
                url: "https://api.scopestack.io.evil.example/acme/v1/projects".into(),
                ..api("GET", "/x")
            },
            "origin-not-allowed",
            Severity::Error,
            Field::Origin,
            None,
        ),
        (
            HttpRequest {
                url: "api.scopestack.io/acme/v1/projects".into(),
                ..api("GET", "/x")
            },
            "url-invalid",
            Severity::Error,
            Field::Origin,
            None,
        ),
        (
            HttpRequest {
                method: "FETCH".into(),
                ..api("GET", "/acme/v1/projects")
            },
            "method-unknown",
            Severity::Error,
            Field::Method,
            None,
        ),
    ];
    for (req, id, severity, field, check) in cases {
        let findings = lint(&req);
        let f = finding(&findings, id);
        assert_eq!(f.severity, severity, "{id}");
        assert_eq!(f.field, field, "{id}");
        assert_eq!(f.check.as_deref(), check, "{id}");
        assert!(!f.message.is_empty());
        // Only the mistake made, not a cascade of unrelated findings.
        assert!(findings.len() <= 2, "{id}: {:?}", ids(&findings));
        for f in &findings {
            assert!(!f.message.contains(TOKEN), "{id}: {}", f.message);
            assert!(!f.message.contains(&TOKEN[..16]), "{id}: {}", f.message);
        }
    }
}

#[test]
fn lint_checks_are_knowledge_base_checks() {
    let kb = knowledge_base();
    let bad = [
        with_header(api("GET", "/v1/projects"), "Accept", Some("*/*")),
        with_header(api("POST", "/acme/v1/projects"), "Content-Type", None),
        with_header(api("GET", "/acme/v1/x/1/merge-data"), "Authorization", None),
        HttpRequest {
            url: "https://api.scopestack.io/oauth/token".into(),
            ..api("POST", "/x")
        },
        HttpRequest {
            body: Some("nope".into()),
            ..api("POST", "/acme/v1/projects")
        },
    ];
    let mut findings: Vec<LintFinding> = bad.iter().flat_map(lint).collect();
    let mut form = token_form("password");
    form.grant_type = "pasword".into();
    form.client_id = "l0O1I".into();
    form.redirect_uri = "https://oauth.pstmn.io/v1/callback".into();
    form.url = "https://api.scopestack.io/oauth/token".into();
    form.scope = "admin".into();
    findings.extend(lint_token(&form));
    findings.extend(lint_token(&TokenRequest::default()));
    assert!(findings.len() > 10);
    for f in findings {
        if let Some(check) = &f.check {
            let (section, id) = check.split_once('/').unwrap();
            let s = kb
                .section(section)
                .unwrap_or_else(|| panic!("{}: no section {section}", f.id));
            assert!(
                s.checks.iter().any(|c| c.id == id),
                "{}: no check {check}",
                f.id
            );
        }
    }
}

#[test]
fn token_calls_skip_the_api_header_rules() {
    let req = token_http_request(&token_form("client_credentials"));
    assert!(lint(&req).is_empty(), "{:?}", lint(&req));
    let get = HttpRequest {
        method: "GET".into(),
        body: None,
        ..req
    };
    assert_eq!(ids(&lint(&get)), vec!["token-request-not-post"]);
}

/// The request builder can send anything to the token endpoint: a JSON body
/// there (with or without a JSON Content-Type) is named, the form body the
/// token form builds is not.
#[test]
fn a_json_body_to_the_token_endpoint_wants_a_form() {
    let form = token_http_request(&token_form("client_credentials"));
    let json = format!(
        r#"{{"grant_type":"client_credentials","client_id":"abc","client_secret":"{SECRET}"}}"#
    );
    for content_type in ["application/json", "application/x-www-form-urlencoded"] {
        let req = HttpRequest {
            headers: vec![
                h("Content-Type", content_type),
                h("Accept", "application/json"),
            ],
            body: Some(json.clone()),
            ..form.clone()
        };
        let found = lint(&req);
        assert_eq!(ids(&found), vec!["token-body-not-form"], "{content_type}");
        assert!(found[0].message.contains("form"), "{}", found[0].message);
        assert!(!found[0].message.contains(SECRET));
    }
    let req = HttpRequest {
        headers: vec![h("Content-Type", "application/json")],
        body: None,
        ..form.clone()
    };
    assert_eq!(ids(&lint(&req)), vec!["token-body-not-form"]);
    assert!(lint(&form).is_empty(), "{:?}", lint(&form));
}

#[test]
fn a_token_in_a_lint_message_is_never_quoted() {
    let shapes = [
        TOKEN.to_string(),
        format!("Bearer '{TOKEN}'"),
        format!("Token {TOKEN}"),
        format!("Bearer {TOKEN}\n"),
        format!("Bearer {}\n{}", &TOKEN[..10], &TOKEN[10..]),
        format!("Bearer Bearer {TOKEN}"),
        format!(r#"{{"access_token": "{TOKEN}"}}"#),
    ];
    for s in shapes {
        let req = with_header(api("GET", "/acme/v1/projects"), "Authorization", Some(&s));
        let findings = lint(&req);
        let json = serde_json::to_string(&findings).unwrap();
        assert!(!json.contains(&TOKEN[..10]), "{s:?}: {json}");
        assert!(!json.contains(&TOKEN[10..]), "{s:?}: {json}");
    }
}

// ---------------------------------------------------------------- token form

#[test]
fn a_good_token_form_has_no_findings() {
    for grant in [
        "client_credentials",
        "password",
        "authorization_code",
        "refresh_token",
    ] {
        let f = lint_token(&token_form(grant));
        assert!(f.is_empty(), "{grant}: {f:?}");
    }
    let mut scoped = token_form("client_credentials");
    scoped.scope = "read write".into();
    assert!(lint_token(&scoped).is_empty());
}

#[test]
fn token_lint_rules() {
    let check = |form: TokenRequest, id: &str, severity: Severity, field: Field, check: &str| {
        let findings = lint_token(&form);
        let f = finding(&findings, id);
        assert_eq!(f.severity, severity, "{id}");
        assert_eq!(f.field, field, "{id}");
        assert_eq!(f.check.as_deref(), Some(check), "{id}");
        let json = serde_json::to_string(&findings).unwrap();
        for s in [SECRET, PASSWORD] {
            assert!(!json.contains(s), "{id}: {json}");
        }
        findings
    };
    let mut f = token_form("password");
    f.grant_type = "Password".into();
    let found = check(
        f,
        "grant-type-unknown",
        Severity::Error,
        Field::Grant,
        "oauth-unsupported-grant-type/bad-grant-type",
    );
    assert!(finding(&found, "grant-type-unknown")
        .message
        .contains("exactly as password"));
    check(
        TokenRequest {
            grant_type: String::new(),
            ..token_form("client_credentials")
        },
        "grant-type-missing",
        Severity::Error,
        Field::Grant,
        "oauth-invalid-request/missing-parameter",
    );
    check(
        TokenRequest {
            redirect_uri: "https://oauth.pstmn.io/v1/callback".into(),
            ..token_form("password")
        },
        "password-grant-redirect-uri",
        Severity::Error,
        Field::RedirectUri,
        "oauth-invalid-grant/postman-password-helper",
    );
    let missing = [
        (
            "client_credentials",
            "client_id",
            "client-id-missing",
            Field::ClientId,
        ),
        (
            "client_credentials",
            "client_secret",
            "client-secret-missing",
            Field::ClientId,
        ),
        (
            "password",
            "client_secret",
            "client-secret-missing",
            Field::ClientId,
        ),
        ("password", "username", "username-missing", Field::Body),
        ("password", "password", "password-missing", Field::Body),
        ("authorization_code", "code", "code-missing", Field::Body),
        (
            "authorization_code",
            "redirect_uri",
            "redirect-uri-missing",
            Field::RedirectUri,
        ),
        (
            "refresh_token",
            "refresh_token",
            "refresh-token-missing",
            Field::Body,
        ),
    ];
    for (grant, field_name, id, field) in missing {
        let mut form = token_form(grant);
        match field_name {
            "client_id" => form.client_id.clear(),
            "client_secret" => form.client_secret.clear(),
            "username" => form.username.clear(),
            "password" => form.password.clear(),
            "code" => form.code.clear(),
            "redirect_uri" => form.redirect_uri.clear(),
            _ => form.refresh_token.clear(),
        }
        let found = check(
            form,
            id,
            Severity::Error,
            field,
            "oauth-invalid-request/missing-parameter",
        );
        assert_eq!(found.len(), 1, "{grant}/{field_name}: {:?}", ids(&found));
    }
    // Public clients send no secret with a code or a refresh token.
    for grant in ["authorization_code", "refresh_token"] {
        let form = TokenRequest {
            client_secret: String::new(),
            ..token_form(grant)
        };
        assert!(lint_token(&form).is_empty(), "{grant}");
    }
    let found = check(
        TokenRequest {
            client_id: "aB1cDlO".into(),
            ..token_form("client_credentials")
        },
        "client-id-confusable",
        Severity::Warning,
        Field::ClientId,
        "oauth-invalid-client/character-confusion",
    );
    let msg = &finding(&found, "client-id-confusable").message;
    assert!(
        msg.contains("3 (“1”)") && msg.contains("6 (“l”)") && msg.contains("7 (“O”)"),
        "{msg}"
    );
    check(
        TokenRequest {
            url: "https://api.scopestack.io/oauth/token".into(),
            ..token_form("client_credentials")
        },
        "token-url-on-api-host",
        Severity::Error,
        Field::Origin,
        "oauth-invalid-client/wrong-host",
    );
    check(
        TokenRequest {
            url: "https://app.scopestack.io/oauth/tokens".into(),
            ..token_form("client_credentials")
        },
        "token-url-path",
        Severity::Error,
        Field::Path,
        "404-not-found/url-format",
    );
    check(
        TokenRequest {
            client_secret: format!("{SECRET} "),
            ..token_form("client_credentials")
        },
        "client-secret-whitespace",
        Severity::Warning,
        Field::ClientId,
        "oauth-invalid-client/wrong-credentials",
    );
    check(
        TokenRequest {
            username: "ada".into(),
            ..token_form("password")
        },
        "username-not-email",
        Severity::Warning,
        Field::Body,
        "oauth-invalid-resource-owner/unknown-email",
    );
    check(
        TokenRequest {
            scope: "read,write".into(),
            ..token_form("password")
        },
        "scope-unknown",
        Severity::Warning,
        Field::Body,
        "oauth-invalid-scope/scope-value",
    );
}

#[test]
fn confusable_positions_are_char_indices() {
    assert_eq!(confusable("abc"), Vec::<usize>::new());
    assert_eq!(confusable("I l 1 O 0"), vec![0, 2, 4, 6, 8]);
    // Indices count characters, not bytes.
    assert_eq!(confusable("é1ñO"), vec![1, 3]);
    assert_eq!(confusable("o0iL"), vec![1]);
}

#[test]
fn the_token_request_carries_only_what_the_grant_uses() {
    let mut form = token_form("password");
    form.code = "stale-code".into();
    form.refresh_token = "stale-refresh".into();
    form.scope = "read write".into();
    form.password = "p@ss w&rd=1".into();
    let req = token_http_request(&form);
    assert_eq!(req.method, "POST");
    assert_eq!(req.url, "https://app.scopestack.io/oauth/token");
    assert!(req
        .headers
        .contains(&h("Content-Type", "application/x-www-form-urlencoded")));
    assert_eq!(
        req.body.as_deref(),
        Some(&*format!(
            "grant_type=password&client_id=abcdefghjk&client_secret={SECRET}&username=ada%40example.com&password=p%40ss+w%26rd%3D1&scope=read+write"
        ))
    );

    let cc = token_http_request(&TokenRequest {
        username: "ada@example.com".into(),
        ..token_form("client_credentials")
    });
    assert_eq!(
        cc.body.as_deref(),
        Some(&*format!(
            "grant_type=client_credentials&client_id=abcdefghjk&client_secret={SECRET}"
        ))
    );

    let code = token_http_request(&token_form("authorization_code"));
    assert_eq!(
        code.body.as_deref(),
        Some(&*format!("grant_type=authorization_code&client_id=abcdefghjk&client_secret={SECRET}&code=Zq9-auth-code-XY&redirect_uri=https%3A%2F%2Fexample.com%2Fcallback"))
    );

    let refresh = token_http_request(&token_form("refresh_token"));
    assert_eq!(
        refresh.body.as_deref(),
        Some(&*format!("grant_type=refresh_token&client_id=abcdefghjk&client_secret={SECRET}&refresh_token=rT-9a8b7c6d5e4f3a2b1c0d"))
    );

    // redirect_uri goes along whenever it is filled: the Postman mistake.
    let postman = token_http_request(&TokenRequest {
        redirect_uri: "https://oauth.pstmn.io/v1/callback".into(),
        ..token_form("password")
    });
    assert!(postman
        .body
        .as_deref()
        .unwrap()
        .ends_with("&redirect_uri=https%3A%2F%2Foauth.pstmn.io%2Fv1%2Fcallback"));
}

// ---------------------------------------------------------------- origins

#[test]
fn origins() {
    let allowed: Vec<String> = DEFAULT_ORIGINS.iter().map(|s| s.to_string()).collect();
    for ok in [
        "https://api.scopestack.io/acme/v1/projects",
        "https://API.ScopeStack.io/v1/me",
        "https://api.scopestack.io:443/v1/me",
        "https://app.scopestack.io/oauth/token",
        "https://app.scopestack.io",
        "https://api.scopestack.io?x=1",
    ] {
        assert!(origin_allowed(ok, &allowed), "{ok}");
    }
    for bad in [
        "http://api.scopestack.io/v1/me",
        "https://api.scopestack.io.evil.example/v1/me",
        "https://api.scopestack.io@evil.example/v1/me",
        "https://evil.example/#@api.scopestack.io",
        "https://evil.example\\@api.scopestack.io",
        "https://api.scopestack.io:8443/v1/me",
        "https://api.scopestack.io./v1/me",
        "https://api.scope\tstack.io/v1/me",
        "//api.scopestack.io/v1/me",
        "api.scopestack.io/v1/me",
        "javascript:alert(1)//api.scopestack.io",
        "",
    ] {
        assert!(!origin_allowed(bad, &allowed), "{bad}");
    }
    let local = vec!["http://localhost:8080/".to_string()];
    assert!(origin_allowed(
        "http://localhost:8080/acme/v1/projects",
        &local
    ));
    assert!(!origin_allowed("http://localhost:8081/", &local));
    assert!(!origin_allowed("http://localhost/", &local));
}

// ---------------------------------------------------------------- exchanges

const EXPIRED: &str = r#"Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token expired""#;
const INVALID: &str = r#"Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token is invalid""#;

#[test]
fn unauthorized_exchanges() {
    use CheckState::*;
    let get = api("GET", "/acme/v1/projects");
    let d = assert_diagnosis(
        &get,
        &response(
            401,
            &[("WWW-Authenticate", EXPIRED), ("Cache-Control", "no-store")],
            "",
        ),
        "401-unauthorized",
        &[
            ("401-unauthorized/token-expired", Confirmed),
            ("401-unauthorized/header-missing", RuledOut),
            ("401-unauthorized/token-malformed", RuledOut),
        ],
    );
    assert_eq!(d.facts.status, Some(401));
    assert!(
        d.redacted.contains("< HTTP/1.1 401 Unauthorized"),
        "{}",
        d.redacted
    );
    assert!(d
        .redacted
        .starts_with("> GET https://api.scopestack.io/acme/v1/projects\n"));

    assert_diagnosis(
        &get,
        &response(401, &[("WWW-Authenticate", INVALID)], ""),
        "401-unauthorized",
        &[
            ("401-unauthorized/token-unknown", Confirmed),
            ("401-unauthorized/token-expired", RuledOut),
        ],
    );

    let missing = with_header(get.clone(), "Authorization", None);
    let d = assert_diagnosis(
        &missing,
        &response(
            401,
            &[(
                "WWW-Authenticate",
                r#"Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token is invalid""#,
            )],
            "",
        ),
        "401-unauthorized",
        &[("401-unauthorized/header-missing", Confirmed)],
    );
    // The headers are known, so the checklist settles what a paste cannot.
    assert!(d
        .checklist
        .iter()
        .any(|c| c.id == "401-unauthorized/token-malformed" && c.state == RuledOut));

    let quoted = with_header(get, "Authorization", Some(&format!("Bearer \"{TOKEN}\"")));
    assert_diagnosis(
        &quoted,
        &response(401, &[("WWW-Authenticate", INVALID)], ""),
        "401-unauthorized",
        &[("401-unauthorized/token-malformed", Confirmed)],
    );
}

#[test]
fn forbidden_exchanges() {
    use CheckState::*;
    let body = r#"{"errors":[{"title":"Forbidden","detail":"You are not allowed to perform this action.","code":"403","status":"403"}]}"#;
    // A read-only user writing.
    let d = assert_diagnosis(
        &api("POST", "/acme/v1/projects"),
        &json_api(403, body),
        "403-forbidden",
        &[
            ("403-forbidden/role-lacks-permission", Likely),
            ("403-forbidden/expired-token-edge-case", Unknown),
        ],
    );
    assert!(d.facts.details.iter().any(|x| x.contains("not allowed")));
    // A slug of another account.
    let d = assert_diagnosis(
        &api("GET", "/globex/v1/projects"),
        &json_api(403, body),
        "403-forbidden",
        &[("403-forbidden/wrong-account", Likely)],
    );
    assert_eq!(d.facts.account_slug.as_deref(), Some("globex"));
}

#[test]
fn not_found_exchanges() {
    use CheckState::*;
    let record = |id: &str| {
        format!(
            r#"{{"errors":[{{"title":"Record not found","detail":"The record identified by {id} could not be found.","code":"404","status":"404"}}]}}"#
        )
    };
    assert_diagnosis(
        &api("GET", "/acme/v1/projects/999999"),
        &json_api(404, &record("999999")),
        "404-not-found",
        &[
            // The error names the URL's record id: that id is the problem.
            ("404-not-found/wrong-id", Confirmed),
            ("404-not-found/deleted", Likely),
            ("404-not-found/url-format", RuledOut),
            ("404-not-found/wrong-host", RuledOut),
        ],
    );
    assert_diagnosis(
        &api("GET", "/nosuchco/v1/projects"),
        &json_api(404, &record("nosuchco")),
        "404-not-found",
        &[
            // The error names the URL's slug: the account is the problem.
            ("404-not-found/account-context", Confirmed),
            ("404-not-found/wrong-id", RuledOut),
            ("404-not-found/url-format", RuledOut),
        ],
    );
    assert_diagnosis(
        &api("GET", "/v1/projects"),
        &response(
            404,
            &[("Content-Type", "application/json; charset=utf-8")],
            r#"{"status":404,"error":"Not Found"}"#,
        ),
        "404-not-found",
        &[("404-not-found/url-format", Confirmed)],
    );
    let mut app = api("GET", "/acme/v1/projects");
    app.url = "https://app.scopestack.io/acme/v1/projects".into();
    assert_diagnosis(
        &app,
        &response(404, &[], r#"{"status":404,"error":"Not Found"}"#),
        "404-not-found",
        &[("404-not-found/wrong-host", Confirmed)],
    );
}

#[test]
fn bad_request_and_media_type_exchanges() {
    use CheckState::*;
    let mut filter = api("GET", "/acme/v1/projects?filter[created-before]=2024-01-01");
    filter.url = filter.url.replace("[", "%5B").replace("]", "%5D");
    assert_diagnosis(
        &filter,
        &json_api(
            400,
            r#"{"errors":[{"title":"Filter not allowed","detail":"created-before is not allowed.","code":"102","status":"400"}]}"#,
        ),
        "400-bad-request",
        &[("400-bad-request/filter-not-supported", Confirmed)],
    );

    let wrong_accept = with_header(
        api("GET", "/acme/v1/projects"),
        "Accept",
        Some("application/json"),
    );
    assert_diagnosis(
        &wrong_accept,
        &json_api(
            406,
            r#"{"errors":[{"title":"Not acceptable","detail":"All requests must use the 'application/vnd.api+json' Accept without media type parameters. This request specified 'application/json'.","code":"406","status":"406"}]}"#,
        ),
        "required-headers",
        &[
            ("required-headers/wrong-accept", Confirmed),
            ("required-headers/missing-accept", RuledOut),
            ("required-headers/missing-authorization", RuledOut),
        ],
    );

    let wrong_ct = with_header(
        api("POST", "/acme/v1/projects"),
        "Content-Type",
        Some("application/json"),
    );
    assert_diagnosis(
        &wrong_ct,
        &json_api(
            415,
            r#"{"errors":[{"title":"Unsupported media type","detail":"All requests that create or update must use the 'application/vnd.api+json' Content-Type. This request specified 'application/json'.","code":"415","status":"415"}]}"#,
        ),
        "required-headers",
        &[
            ("required-headers/wrong-content-type", Confirmed),
            ("required-headers/missing-content-type", RuledOut),
            ("required-headers/missing-accept", RuledOut),
        ],
    );

    let no_ct = with_header(api("POST", "/acme/v1/projects"), "Content-Type", None);
    assert_diagnosis(
        &no_ct,
        &json_api(
            415,
            r#"{"errors":[{"title":"Unsupported media type","detail":"All requests that create or update must use the 'application/vnd.api+json' Content-Type. This request specified ''.","code":"415","status":"415"}]}"#,
        ),
        "required-headers",
        &[("required-headers/missing-content-type", Confirmed)],
    );
}

#[test]
fn validation_exchanges() {
    use CheckState::*;
    assert_diagnosis(
        &api("POST", "/acme/v1/projects"),
        &json_api(
            422,
            r#"{"errors":[{"title":"can't be blank","detail":"project-name - can't be blank","code":"100","source":{"pointer":"/data/attributes/project-name"},"status":"422"}]}"#,
        ),
        "422-unprocessable-entity",
        &[("422-unprocessable-entity/blank-field", Confirmed)],
    );
    let d = assert_diagnosis(
        &api("POST", "/acme/v1/projects"),
        &json_api(
            422,
            r#"{"errors":[{"title":"has already been taken","detail":"name - has already been taken","code":"100","source":{"pointer":"/data/attributes/name"},"status":"422"}]}"#,
        ),
        "422-unprocessable-entity",
        &[("422-unprocessable-entity/uniqueness", Confirmed)],
    );
    assert_eq!(d.facts.attribute.as_deref(), Some("name"));
}

#[test]
fn merge_data_exchanges() {
    use CheckState::*;
    let page = "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    assert_diagnosis(
        &api("GET", "/acme/v1/projects/42/merge-data"),
        &response(
            504,
            &[("Content-Type", "text/html"), ("Server", "nginx")],
            page,
        ),
        "504-gateway-timeout",
        &[("504-gateway-timeout/merge-data-v1", Confirmed)],
    );
    let d = diagnose_exchange(
        &api("GET", "/acme/v1/projects/42/merge-data?version=2"),
        &json_api(
            200,
            r#"{"data":{"id":"42","type":"merge-data","attributes":{"project-name":"Fabric refresh"}}}"#,
        ),
    );
    assert_eq!(d.primary, None);
    assert!(d.sections.is_empty());
    assert_eq!(d.facts.status, Some(200));
    assert_clean(&d, &[TOKEN]);
}

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

#[test]
fn oauth_exchanges() {
    use CheckState::*;
    let form = TokenRequest {
        client_id: "Abc1lO0xyz".into(),
        ..token_form("client_credentials")
    };
    let d = assert_diagnosis(
        &token_http_request(&form),
        &oauth_answer("invalid_client", INVALID_CLIENT),
        "oauth-invalid-client",
        &[
            ("oauth-invalid-client/character-confusion", Likely),
            ("oauth-invalid-client/wrong-host", RuledOut),
        ],
    );
    assert_eq!(d.facts.oauth_error.as_deref(), Some("invalid_client"));
    assert_eq!(d.facts.status, Some(401));

    let postman = TokenRequest {
        redirect_uri: "https://oauth.pstmn.io/v1/callback".into(),
        ..token_form("password")
    };
    assert_diagnosis(
        &token_http_request(&postman),
        &oauth_answer("invalid_grant", INVALID_GRANT),
        "oauth-invalid-grant",
        &[
            ("oauth-invalid-grant/postman-password-helper", Confirmed),
            ("oauth-invalid-grant/wrong-password", Likely),
        ],
    );
    assert_diagnosis(
        &token_http_request(&token_form("password")),
        &oauth_answer("invalid_grant", INVALID_GRANT),
        "oauth-invalid-grant",
        &[
            ("oauth-invalid-grant/postman-password-helper", RuledOut),
            ("oauth-invalid-grant/wrong-password", Likely),
            ("oauth-invalid-grant/code-expired", RuledOut),
        ],
    );

    assert_diagnosis(
        &token_http_request(&token_form("password")),
        &oauth_answer(
            "invalid_resource_owner",
            "The provided resource owner credentials are not valid, or resource owner cannot be found.",
        ),
        "oauth-invalid-resource-owner",
        &[("oauth-invalid-resource-owner/unknown-email", Likely)],
    );

    let bad_grant = TokenRequest {
        grant_type: "client-credentials".into(),
        ..token_form("client_credentials")
    };
    assert_diagnosis(
        &token_http_request(&bad_grant),
        &oauth_answer(
            "unsupported_grant_type",
            "The authorization grant type is not supported by the authorization server.",
        ),
        "oauth-unsupported-grant-type",
        &[("oauth-unsupported-grant-type/bad-grant-type", Confirmed)],
    );

    // The token endpoint asked on the api host.
    let api_host = TokenRequest {
        url: "https://api.scopestack.io/oauth/token".into(),
        ..token_form("client_credentials")
    };
    assert_diagnosis(
        &token_http_request(&api_host),
        &response(404, &[], r#"{"status":404,"error":"Not Found"}"#),
        "404-not-found",
        &[("404-not-found/wrong-host", Confirmed)],
    );
}

#[test]
fn failure_exchanges() {
    use CheckState::*;
    let get = api("GET", "/acme/v1/projects");
    let cases = [
        (FailureKind::Cors, "network-error/cors-blocked", Confirmed),
        (
            FailureKind::Offline,
            "network-error/offline-or-dns",
            Confirmed,
        ),
        (FailureKind::Dns, "network-error/offline-or-dns", Confirmed),
        (
            FailureKind::Refused,
            "network-error/connection-refused",
            Confirmed,
        ),
        (FailureKind::Timeout, "network-error/timeout", Confirmed),
        (FailureKind::Aborted, "network-error/aborted", Confirmed),
        (FailureKind::Unknown, "network-error/cors-blocked", Likely),
    ];
    for (kind, check, want) in cases {
        for message in ["TypeError: Failed to fetch", ""] {
            let outcome = Outcome::Failure {
                kind,
                message: message.into(),
            };
            let d = assert_diagnosis(&get, &outcome, "network-error", &[(check, want)]);
            assert_eq!(d.facts.status, None, "{kind:?}");
            assert!(d.redacted.contains("* no response:"), "{}", d.redacted);
            if !message.is_empty() {
                assert!(d.redacted.contains(message));
            }
        }
    }
}

// ---------------------------------------------------------------- secrets

#[test]
fn no_secret_comes_back_from_an_exchange() {
    let creds = TokenRequest {
        client_secret: SECRET.into(),
        password: PASSWORD.into(),
        ..token_form("password")
    };
    let token_req = token_http_request(&creds);
    let granted = response(
        200,
        &[("Content-Type", "application/json; charset=utf-8")],
        &format!(
            r#"{{"access_token":"{TOKEN}","token_type":"Bearer","expires_in":7200,"refresh_token":"rT-0a1b2c3d4e5f6a7b8c9d","scope":"read write","created_at":1732600000}}"#
        ),
    );
    let d = diagnose_exchange(&token_req, &granted);
    assert_eq!(d.primary, None);
    assert_clean(&d, &[TOKEN, SECRET, PASSWORD, "rT-0a1b2c3d4e5f6a7b8c9d"]);
    let summary = d.redaction_summary.as_deref().unwrap_or_default();
    assert!(
        summary.contains("client secret") && summary.contains("password"),
        "{summary}"
    );

    let d = diagnose_exchange(&token_req, &oauth_answer("invalid_grant", INVALID_GRANT));
    assert_clean(&d, &[SECRET, PASSWORD]);
    assert!(d.redacted.contains("grant_type=password"), "{}", d.redacted);

    // Malformed bearer values the pattern redaction could not recognise.
    let shapes = [
        format!("Bearer \"{TOKEN}\""),
        format!("Bearer '{TOKEN}'"),
        format!("Bearer Bearer {TOKEN}"),
        format!("Bearer {} {}", &TOKEN[..12], &TOKEN[12..]),
        format!("Bearer {TOKEN}…"),
        format!(r#"Bearer {{"access_token":"{TOKEN}","token_type":"Bearer"}}"#),
        TOKEN.to_string(),
        format!("Token {TOKEN}"),
        "Bearer sh0rt".to_string(),
    ];
    for shape in shapes {
        let req = with_header(
            api("GET", "/acme/v1/projects"),
            "Authorization",
            Some(&shape),
        );
        for outcome in [
            response(401, &[("WWW-Authenticate", INVALID)], ""),
            Outcome::Failure {
                kind: FailureKind::Cors,
                message: String::new(),
            },
        ] {
            let d = diagnose_exchange(&req, &outcome);
            let pieces: Vec<&str> =
                if shape.contains(' ') && shape.contains(&TOKEN[..12]) && !shape.contains(TOKEN) {
                    vec![&TOKEN[..12], &TOKEN[12..]]
                } else if shape == "Bearer sh0rt" {
                    vec!["sh0rt"]
                } else {
                    vec![TOKEN]
                };
            assert_clean(&d, &pieces);
            assert!(d.redaction_summary.is_some(), "{shape}");
        }
    }
}

// ---------------------------------------------------------------- curl

#[test]
fn curl_commands() {
    let post = api("POST", "/acme/v1/projects");
    let curl = to_curl(&post);
    assert_eq!(
        curl,
        "curl -i \\\n  -X POST \\\n  https://api.scopestack.io/acme/v1/projects \\\n  -H 'Accept: application/vnd.api+json' \\\n  -H \"Authorization: Bearer $SCOPESTACK_TOKEN\" \\\n  -H 'Content-Type: application/vnd.api+json' \\\n  --data-raw '{\"data\":{\"type\":\"projects\",\"id\":\"1\",\"attributes\":{\"project-name\":\"Fabric refresh\"}}}'"
    );
    assert!(!curl.contains(TOKEN));

    let get = api("GET", "/acme/v1/projects?filter[active]=true&page[size]=5");
    let curl = to_curl(&get);
    assert!(curl.starts_with(
        "curl -i \\\n  'https://api.scopestack.io/acme/v1/projects?filter[active]=true&page[size]=5' \\\n"
    ), "{curl}");
    assert!(!curl.contains("-X"));

    // A single quote inside the body survives POSIX quoting.
    let quoted = HttpRequest {
        body: Some(r#"{"data":{"type":"notes","attributes":{"text":"it's"}}}"#.into()),
        ..api("POST", "/acme/v1/notes")
    };
    assert!(to_curl(&quoted)
        .ends_with(r#"--data-raw '{"data":{"type":"notes","attributes":{"text":"it'\''s"}}}'"#));

    let token = token_http_request(&token_form("password"));
    let curl = to_curl(&token);
    assert!(!curl.contains(SECRET) && !curl.contains(PASSWORD), "{curl}");
    assert!(
        curl.contains(
            "--data-raw 'grant_type=password&client_id=abcdefghjk&username=ada%40example.com'"
        ),
        "{curl}"
    );
    assert!(curl.contains("--data-urlencode \"client_secret=$SCOPESTACK_CLIENT_SECRET\""));
    assert!(curl.contains("--data-urlencode \"password=$SCOPESTACK_PASSWORD\""));
    assert!(curl.contains("-H 'Content-Type: application/x-www-form-urlencoded'"));

    let refresh = to_curl(&token_http_request(&token_form("refresh_token")));
    assert!(!refresh.contains("rT-9a8b7c6d5e4f3a2b1c0d"));
    assert!(refresh.contains("$SCOPESTACK_REFRESH_TOKEN"));

    // Whatever shape the Authorization header has, the token stays out.
    for shape in [
        format!("Bearer \"{TOKEN}\""),
        TOKEN.to_string(),
        format!("Bearer {}\n{}", &TOKEN[..12], &TOKEN[12..]),
    ] {
        let req = with_header(
            api("GET", "/acme/v1/projects"),
            "Authorization",
            Some(&shape),
        );
        let curl = to_curl(&req);
        assert!(
            !curl.contains(&TOKEN[..12]) && !curl.contains(&TOKEN[12..]),
            "{curl}"
        );
        assert!(curl.contains("$SCOPESTACK_TOKEN"));
    }
    let in_query = HttpRequest {
        url: format!("https://api.scopestack.io/v1/me?access_token={TOKEN}"),
        ..api("GET", "/x")
    };
    assert!(!to_curl(&in_query).contains(TOKEN));
}

#[test]
fn curl_commands_run_in_a_shell() {
    // Parse the command back with sh itself (echoing each word), when a
    // POSIX shell is at hand: quoting mistakes show as different words.
    let Ok(out) = std::process::Command::new("sh")
        .arg("-c")
        .arg("true")
        .output()
    else {
        return;
    };
    assert!(out.status.success());
    let req = HttpRequest {
        body: Some("{\"data\":{\"type\":\"notes\",\"attributes\":{\"text\":\"it's $HOME `x` \\\\ \\\"q\\\"\\nline\"}}}".into()),
        ..api("POST", "/acme/v1/notes")
    };
    let script = to_curl(&req).replacen("curl -i", "printf '%s\\n'", 1);
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .env("SCOPESTACK_TOKEN", "ENVTOKEN")
        .output()
        .unwrap();
    let words = String::from_utf8(out.stdout).unwrap();
    assert!(
        words.contains("Authorization: Bearer ENVTOKEN\n"),
        "{words}"
    );
    assert!(
        words.ends_with(&format!("{}\n", req.body.as_deref().unwrap())),
        "{words}"
    );
}

// ---------------------------------------------------------------- protocol

fn round_trip(request: Request) -> Response {
    let message = serde_json::to_string(&Envelope::new(7, request)).unwrap();
    // The panel reads answers as its own family, as the widget does.
    let answer: Envelope<Response> = serde_json::from_str(&handle(&message)).unwrap();
    assert_eq!(answer.id, 7);
    answer.body
}

#[test]
fn protocol_lint() {
    let req = with_header(api("GET", "/v1/projects"), "Accept", None);
    match round_trip(Request::Lint {
        request: req.clone(),
        allowed: Vec::new(),
    }) {
        Response::Lint { findings, curl } => {
            assert_eq!(findings, lint(&req));
            assert_eq!(curl, to_curl(&req));
            assert!(ids(&findings).contains(&"missing-accept"));
        }
        other => panic!("{other:?}"),
    }
    // The wire names the widget relies on.
    let raw = handle(
        r#"{"id":1,"family":"live","body":{"lint":{"request":{"method":"GET","url":"https://api.scopestack.io/v1/me","headers":[["Accept","application/vnd.api+json"]],"body":null}}}}"#,
    );
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let lint = &v["body"]["lint"];
    assert_eq!(lint["findings"][0]["id"], "missing-authorization", "{raw}");
    assert_eq!(lint["findings"][0]["severity"], "error");
    assert_eq!(lint["findings"][0]["field"], "token");
    assert_eq!(
        lint["findings"][0]["check"],
        "required-headers/missing-authorization"
    );
}

#[test]
fn protocol_lint_token() {
    let form = TokenRequest {
        client_id: "O0l".into(),
        ..token_form("client_credentials")
    };
    match round_trip(Request::LintToken {
        request: form.clone(),
        allowed: Vec::new(),
    }) {
        Response::LintToken {
            findings,
            confusable: c,
            request,
        } => {
            assert_eq!(findings, lint_token(&form));
            assert_eq!(c, vec![0, 1, 2]);
            assert_eq!(request, token_http_request(&form));
        }
        other => panic!("{other:?}"),
    }
    // Fields left out of the form message count as empty.
    let raw = handle(
        r#"{"id":2,"family":"live","body":{"lint-token":{"request":{"url":"https://app.scopestack.io/oauth/token","grant_type":"client_credentials"}}}}"#,
    );
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let lint = &v["body"]["lint-token"];
    assert_eq!(lint["request"]["method"], "POST", "{raw}");
    assert_eq!(lint["findings"][0]["field"], "client_id");
}

#[test]
fn protocol_exchange() {
    let req = api("GET", "/acme/v1/projects");
    let outcome = response(401, &[("WWW-Authenticate", EXPIRED)], "");
    match round_trip(Request::Exchange {
        request: req.clone(),
        outcome: outcome.clone(),
        token_account: None,
    }) {
        Response::Diagnosis {
            diagnosis,
            sections,
            ..
        } => {
            assert_eq!(diagnosis, diagnose_exchange(&req, &outcome));
            assert_eq!(diagnosis.primary.as_deref(), Some("401-unauthorized"));
            assert_eq!(sections[0].id, "401-unauthorized");
        }
        other => panic!("{other:?}"),
    }
    let raw = handle(
        r#"{"id":3,"family":"live","body":{"exchange":{"request":{"method":"GET","url":"https://api.scopestack.io/acme/v1/projects","headers":[],"body":null},"outcome":{"failure":{"kind":"cors","message":"TypeError: Failed to fetch"}}}}}"#,
    );
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(
        v["body"]["diagnosis"]["diagnosis"]["primary"], "network-error",
        "{raw}"
    );
    let raw = handle(
        r#"{"id":4,"family":"live","body":{"exchange":{"request":{"method":"GET","url":"https://api.scopestack.io/v1/me","headers":[],"body":null},"outcome":{"response":{"status":200,"status_text":"","headers":[],"body":"{}","elapsed_ms":5}}}}}"#,
    );
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(
        v["body"]["diagnosis"]["diagnosis"]["primary"],
        serde_json::Value::Null,
        "{raw}"
    );
}

// ---------------------------------------------------------------- robustness

#[test]
fn hostile_inputs_never_panic() {
    let weird = [
        "",
        " ",
        "\n\r\t",
        "é",
        "[",
        "]:",
        "https://",
        "https://[",
        "https://[::1",
        "https://[::1]x",
        "https://:@:/?#",
        "https://a:b:c/",
        "Bearer",
        "Bearer Bearer",
        "bearer\u{a0}é…",
        "{\"access_token\":",
        "%%%&&&===",
        "&=&=",
        "'\"`$\\",
        "\u{0}\u{7f}\u{202e}",
    ];
    let big = "x".repeat(100_000);
    for w in weird.iter().copied().chain([big.as_str()]) {
        let req = HttpRequest {
            method: w.into(),
            url: w.into(),
            headers: vec![h(w, w), h("Authorization", w), h("Content-Type", w)],
            body: Some(w.into()),
        };
        let _ = lint(&req);
        let _ = to_curl(&req);
        let _ = origin_allowed(w, &[w.to_string()]);
        let _ = confusable(w);
        let form = TokenRequest {
            url: w.into(),
            grant_type: w.into(),
            client_id: w.into(),
            client_secret: w.into(),
            username: w.into(),
            password: w.into(),
            code: w.into(),
            redirect_uri: w.into(),
            refresh_token: w.into(),
            scope: w.into(),
        };
        let _ = lint_token(&form);
        let _ = lint(&token_http_request(&form));
        for outcome in [
            response(401, &[(w, w), ("WWW-Authenticate", w)], w),
            response(0, &[], w),
            Outcome::Failure {
                kind: FailureKind::Unknown,
                message: w.into(),
            },
        ] {
            let _ = diagnose_exchange(&req, &outcome);
        }
    }
}

#[test]
fn a_large_answer_is_diagnosed() {
    let items: Vec<String> = (0..20_000)
        .map(|i| {
            format!(
                r#"{{"id":"{i}","type":"projects","attributes":{{"project-name":"Project {i}"}}}}"#
            )
        })
        .collect();
    let body = format!(r#"{{"data":[{}]}}"#, items.join(","));
    assert!(body.len() > 1_000_000);
    let d = diagnose_exchange(&api("GET", "/acme/v1/projects"), &json_api(200, &body));
    assert_eq!(d.primary, None);
    assert_eq!(d.facts.status, Some(200));
    assert_clean(&d, &[TOKEN]);
}

#[test]
fn origins_the_page_allows_are_not_flagged() {
    let req = HttpRequest {
        method: "GET".into(),
        url: "http://127.0.0.1:8787/v1/me".into(),
        headers: vec![("Accept".into(), "application/vnd.api+json".into())],
        body: None,
    };
    let flagged = |f: &[LintFinding]| f.iter().any(|x| x.id == "origin-not-allowed");
    assert!(flagged(&lint(&req)));
    assert!(!flagged(&lint_for(
        &req,
        &["http://127.0.0.1:8787".to_string()]
    )));
    assert!(flagged(&lint_for(
        &req,
        &["http://127.0.0.1:9999".to_string()]
    )));
}

#[test]
fn the_tokens_account_tells_the_403s_apart() {
    use scopestack_troubleshooter::engine::live::diagnose_exchange_as;
    let forbidden = || {
        json_api(
            403,
            r#"{"errors":[{"title":"Forbidden","detail":"You are not allowed to perform this action.","code":"403","status":"403"}]}"#,
        )
    };
    let states = |d: &Diagnosis| {
        [
            "403-forbidden/wrong-account",
            "403-forbidden/role-lacks-permission",
            "403-forbidden/other-account-resource",
        ]
        .map(|c| state(d, c))
    };
    use CheckState::*;
    // A token of another account.
    let d = diagnose_exchange_as(
        &api("GET", "/acme/v1/projects"),
        &forbidden(),
        Some("northwind-it"),
    );
    assert_eq!(states(&d), [Confirmed, RuledOut, RuledOut]);
    // The account's own token, writing: the role.
    let d = diagnose_exchange_as(&api("POST", "/acme/v1/clients"), &forbidden(), Some("acme"));
    assert_eq!(states(&d), [RuledOut, Confirmed, RuledOut]);
    // The account's own token, reading one record: the record is elsewhere.
    let d = diagnose_exchange_as(
        &api("GET", "/acme/v1/projects/201"),
        &forbidden(),
        Some("acme"),
    );
    assert_eq!(states(&d), [RuledOut, RuledOut, Confirmed]);
    // Without /v1/me nothing is proven.
    let d = diagnose_exchange_as(&api("POST", "/acme/v1/clients"), &forbidden(), None);
    assert!(
        states(&d).iter().all(|s| *s != Confirmed),
        "{:?}",
        states(&d)
    );
    assert_clean(&d, &[TOKEN, SECRET, PASSWORD]);
}

#[test]
fn a_huge_response_is_judged_whole_but_transcribed_in_part() {
    // 2 MB of records with a validation error at the very end.
    let mut body = String::from(r#"{"data":["#);
    while body.len() < 2_000_000 {
        body.push_str(r#"{"type":"projects","id":"1","attributes":{"name":"x"}},"#);
    }
    body.push_str(r#"{}],"errors":[{"status":"422","title":"can't be blank","detail":"name - can't be blank"}]}"#);
    let d = diagnose_exchange(&api("POST", "/acme/v1/projects"), &json_api(422, &body));
    assert_eq!(d.primary.as_deref(), Some("422-unprocessable-entity"));
    assert!(
        d.redacted.len() < 300 * 1024,
        "transcript is {} bytes",
        d.redacted.len()
    );
    assert!(d.redacted.contains("more bytes of the body not shown"));
}

#[test]
fn the_account_matters_for_refusals_only() {
    use scopestack_troubleshooter::engine::live::account_matters;
    assert!(account_matters(&json_api(403, "{}")));
    assert!(account_matters(&json_api(404, "{}")));
    assert!(!account_matters(&json_api(401, "")));
    assert!(!account_matters(&json_api(200, "{}")));
    assert!(!account_matters(&Outcome::Failure {
        kind: FailureKind::Cors,
        message: String::new()
    }));
}

/// A token request made through the request builder (a JSON body to the
/// token endpoint): the answer's fresh credentials are masked in what the
/// panel shows, headers and body, and so is the bearer token echoed back.
#[test]
fn the_answer_shown_is_masked() {
    let access = "Zq8xW3vN6mK1pL9sT4yB7cF2hJ5dG0aRuE3iO8wQ1zX";
    let refresh = "Rf2kL9mN4pQ7sT1vW6yZ3bC8dF5gH0jKxA4eI9oU2r";
    let req = HttpRequest {
        method: "POST".into(),
        url: "https://app.scopestack.io/oauth/token".into(),
        headers: vec![
            h("Content-Type", "application/json"),
            h("Authorization", &format!("Bearer {TOKEN}")),
        ],
        body: Some(format!(
            r#"{{"grant_type":"client_credentials","client_id":"abc","client_secret":"{SECRET}"}}"#
        )),
    };
    let body = format!(
        r#"{{"access_token":"{access}","token_type":"Bearer","expires_in":7200,"refresh_token":"{refresh}","scope":"read write","echo":"{SECRET}"}}"#
    );
    let outcome = response(
        200,
        &[
            ("Content-Type", "application/json"),
            ("X-Echo", &format!("Bearer {TOKEN}")),
            ("X-Request-Id", "5b0c7c9e-8d2a-4c1e-9f3b-2a6d1e0f7c44"),
        ],
        &body,
    );
    let (_, shown) = answer_exchange(&req, &outcome, None);
    let Shown::Response {
        status,
        summary,
        headers,
        body: shown_body,
        note,
    } = shown
    else {
        panic!("a response is shown as one")
    };
    let all = format!("{status}{summary}{headers:?}{shown_body}{note:?}");
    for secret in [access, refresh, TOKEN, SECRET] {
        assert!(!all.contains(secret), "{secret} shown: {all}");
    }
    assert!(status.starts_with("200"), "{status}");
    assert!(
        summary.contains(&format!("{} bytes", body.len())),
        "{summary}"
    );
    assert!(
        shown_body.contains("\"expires_in\": 7200"),
        "indented: {shown_body}"
    );
    assert!(
        all.contains("5b0c7c9e-8d2a-4c1e-9f3b-2a6d1e0f7c44"),
        "request ids stay readable: {all}"
    );
}

/// A URL the widget refused to send is diagnosed as a call that never left,
/// naming the host it would have gone to, without the token.
#[test]
fn a_refused_call_is_diagnosed_as_not_sent() {
    let mut req = api("GET", "/v1/me");
    req.url = "https://api.scopestack.io.evil.example/v1/me".into();
    let outcome = Outcome::Failure {
        kind: FailureKind::NotAllowed,
        message: scopestack_troubleshooter::engine::live::refusal(
            &req.url,
            &DEFAULT_ORIGINS.map(String::from),
        )
        .expect("refused"),
    };
    let (d, shown) = answer_exchange(&req, &outcome, None);
    let json = d.to_json();
    assert!(!json.contains(TOKEN), "{json}");
    assert!(
        json.contains("not on the list"),
        "the reason names the refusal: {json}"
    );
    assert!(
        matches!(&shown, Shown::Failure { message } if message.contains("api.scopestack.io.evil.example")),
        "{shown:?}"
    );
}
