//! The worker protocol's live messages.

use super::*;

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
        previous: None,
    }) {
        Response::Diagnosis {
            diagnosis,
            sections,
            ..
        } => {
            // What the front ends read back: all they show (the reply,
            // pinpoint, …); what none shows (a pinpoint's path and lines,
            // the facts' pointers) does not travel back.
            let mut direct = diagnose_exchange(&req, &outcome);
            direct.facts.pointers.clear();
            if let Some(p) = direct.pinpoint.as_mut() {
                p.path.clear();
                p.lines = (0, 0);
            }
            assert_eq!(diagnosis, direct);
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

/// A failed call offers its fixes; sent again with them, the answer says
/// what the change did, sealed: a token carried in the URL is not quoted.
#[test]
fn protocol_send_again() {
    const NOT_ACCEPTABLE: &str = r#"{"errors":[{"title":"Not acceptable","detail":"All requests must use the 'application/vnd.api+json' Accept without media type parameters.","code":"406","status":"406"}]}"#;
    let path = format!("/acme/v1/projects?access_token={TOKEN}");
    let first = with_header(api("GET", &path), "Accept", Some("application/json"));
    let failed = response(406, &[("Content-Type", JSONAPI)], NOT_ACCEPTABLE);
    let fixes = match round_trip(Request::Exchange {
        request: first.clone(),
        outcome: failed.clone(),
        token_account: None,
        previous: None,
    }) {
        Response::Diagnosis {
            fixes,
            verification,
            ..
        } => {
            assert!(verification.is_none(), "nothing to compare yet");
            fixes
        }
        other => panic!("{other:?}"),
    };
    let accept = fixes
        .iter()
        .find(|f| f.field == Field::Accept)
        .unwrap_or_else(|| panic!("no Accept fix in {fixes:?}"));
    assert_eq!(accept.fix.as_deref(), Some(JSONAPI));

    let mut again = with_header(first.clone(), "Accept", Some(JSONAPI));
    again.url =
        format!("https://api.scopestack.io/acme/v1/projects?version=2&access_token={TOKEN}");
    match round_trip(Request::Exchange {
        request: again,
        outcome: response(200, &[("Content-Type", JSONAPI)], r#"{"data":[]}"#),
        token_account: None,
        previous: Some(scopestack_troubleshooter::engine::api::Previous {
            request: first,
            outcome: failed,
            token_account: None,
        }),
    }) {
        Response::Diagnosis {
            fixes,
            verification,
            ..
        } => {
            let v = verification.expect("compared");
            assert!(v.resolved, "{v:?}");
            assert!(
                v.sentence.contains(&format!("Accept is now {JSONAPI}")),
                "{}",
                v.sentence
            );
            assert!(v.sentence.contains("the 406 is gone"), "{}", v.sentence);
            assert!(v.sentence.contains("path is now"), "{}", v.sentence);
            assert!(!v.sentence.contains(TOKEN), "{}", v.sentence);
            assert!(v
                .fixed
                .iter()
                .any(|c| c.id == "required-headers/wrong-accept"));
            assert!(
                fixes.is_empty(),
                "a call that worked offers fixes: {fixes:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}
