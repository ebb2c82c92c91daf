//! The request lint: each rule fires with its check, never quotes a secret.

use super::*;

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
