//! Hostile and huge inputs, the page's origins, whose token it is, the answer shown masked, a refused call.

use super::*;

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
