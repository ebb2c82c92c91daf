//! What the answer shows beside the checklist: the reply for the customer,
//! the pinpointed field, sent vs expected, and the sanitized HAR. Each is
//! checked over the whole fixture corpus for secrets, and on pastes built
//! here for behaviour.

use scopestack_troubleshooter::engine::diagnose;
use serde_json::Value;
use std::fs;
use std::path::PathBuf;

/// Every fixture: (name, primary, secrets, paste).
fn fixtures() -> Vec<(String, Option<String>, Vec<String>, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    let mut names: Vec<_> = fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    for path in names {
        let text = fs::read_to_string(&path).unwrap_or_default();
        let Some((head, paste)) = text.split_once("=== paste ===\n") else {
            continue;
        };
        let field = |k: &'static str| {
            head.lines()
                .filter_map(move |l| l.strip_prefix(k).map(|v| v.trim().to_string()))
                .collect::<Vec<_>>()
                .into_iter()
        };
        let primary = field("primary:").next().filter(|p| p != "none");
        let secrets = field("secret:").filter(|s| s.len() >= 6).collect();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        out.push((
            name.unwrap_or_default(),
            primary,
            secrets,
            paste.to_string(),
        ));
    }
    assert!(out.len() > 100, "only {} fixtures read", out.len());
    out
}

#[test]
fn no_secret_leaves_in_any_new_field() {
    for (name, _, secrets, paste) in fixtures() {
        let d = diagnose(&paste);
        let mut shown = d.reply.clone();
        if let Some(p) = &d.pinpoint {
            shown.push_str(&p.body);
        }
        for s in &d.sent_vs_expected {
            shown.push_str(&format!("{} {}", s.sent, s.expected));
        }
        if let Some(h) = &d.sanitized_har {
            shown.push_str(h);
        }
        for s in &secrets {
            assert!(
                !shown.contains(s.as_str()),
                "{name}: the secret {s} is shown"
            );
        }
    }
}

#[test]
fn the_reply_names_the_section_and_its_fixes() {
    let mut with_steps = 0;
    for (name, primary, _, paste) in fixtures() {
        let d = diagnose(&paste);
        match (&primary, d.primary_section()) {
            (Some(_), Some(p)) => {
                assert!(d.reply.contains(&p.doc_url), "{name}: no link\n{}", d.reply);
                assert!(
                    d.reply.contains(&format!("**What happened:** {}", p.title)),
                    "{name}"
                );
                let fixes: Vec<_> = d
                    .checklist
                    .iter()
                    .filter(|c| c.section == p.id && c.state.as_str() == "confirmed")
                    .collect();
                if let Some(first) = fixes.first() {
                    with_steps += 1;
                    assert!(
                        d.reply.contains(&format!("1. {}", first.solution.trim())),
                        "{name}: the first confirmed fix is not step 1\n{}",
                        d.reply
                    );
                }
            }
            (None, None) => assert!(d.reply.contains("ould you send"), "{name}"),
            _ => {}
        }
    }
    assert!(
        with_steps > 30,
        "only {with_steps} replies had a confirmed fix"
    );
}

#[test]
fn a_named_member_is_marked_in_the_body_sent() {
    let paste = r#"curl -X POST https://api.scopestack.io/acme/v1/projects -H 'Accept: application/vnd.api+json' -H 'Content-Type: application/vnd.api+json' -d '{
  "data": {
    "type": "projects",
    "attributes": {
      "name": "",
      "service-location-count": 2
    }
  }
}'
HTTP/1.1 422 Unprocessable Entity
{"errors":[{"title":"can't be blank","detail":"name - can't be blank","code":"100","status":"422","source":{"pointer":"/data/attributes/name"}}]}"#;
    let d = diagnose(paste);
    let p = d.pinpoint.as_ref().expect("a pinpoint");
    assert!(p.present, "{p:?}");
    assert_eq!(p.path, "/data/attributes/name");
    assert_eq!(p.body.get(p.span.0..p.span.1), Some(r#""name": """#));
    assert_eq!(p.lines, (5, 5));
}

#[test]
fn a_member_only_the_detail_names_is_found_anywhere() {
    let paste = r#"POST /acme/v1/projects HTTP/1.1
Host: api.scopestack.io
Content-Type: application/vnd.api+json

{"data":{"type":"projects","attributes":{"colour":"red","name":"A"}}}

HTTP/1.1 400 Bad Request

{"errors":[{"title":"Param not allowed","detail":"colour is not allowed.","code":"105","status":"400"}]}"#;
    let d = diagnose(paste);
    let p = d.pinpoint.as_ref().expect("a pinpoint");
    assert!(p.present, "{p:?}");
    assert_eq!(p.path, "/data/attributes/colour");
    assert_eq!(p.body.get(p.span.0..p.span.1), Some(r#""colour":"red""#));
}

#[test]
fn an_absent_member_is_shown_where_it_belongs() {
    let paste = r#"curl -X POST https://api.scopestack.io/acme/v1/projects -H 'Accept: application/vnd.api+json' -H 'Content-Type: application/vnd.api+json' -d '{"data":{"type":"projects","attributes":{"name":"Refresh"}}}'
HTTP/1.1 422 Unprocessable Entity
{"errors":[{"title":"must exist","detail":"client - must exist","source":{"pointer":"/data/relationships/client"},"status":"422"}]}"#;
    let d = diagnose(paste);
    let p = d.pinpoint.as_ref().expect("a pinpoint");
    assert!(!p.present);
    assert_eq!(p.path, "/data/relationships/client");
    let body: Value = serde_json::from_str(&p.body).expect("the minimal body is JSON");
    assert_eq!(body["data"]["type"], "projects");
    assert!(
        body["data"]["relationships"]["client"]["data"].is_object(),
        "{}",
        p.body
    );
    assert!(p
        .body
        .get(p.span.0..p.span.1)
        .is_some_and(|m| m.starts_with("\"client\"")));
    // Without the body, the minimal body still says where the member goes.
    let d = diagnose(r#"{"errors":[{"detail":"name - can't be blank","status":"422"}]}"#);
    let p = d.pinpoint.as_ref().expect("a pinpoint");
    assert_eq!(
        (p.present, p.path.as_str()),
        (false, "/data/attributes/name")
    );
    // No attribute named, no pinpoint.
    assert!(diagnose("HTTP/1.1 401 Unauthorized").pinpoint.is_none());
}

#[test]
fn sent_and_expected_side_by_side() {
    let d = diagnose(
        "curl -v https://app.scopestack.io/acme/v1/projects -H 'Accept: application/json' -H 'Authorization: Bearer abc'\n< HTTP/1.1 406 Not Acceptable",
    );
    let accept = d
        .sent_vs_expected
        .iter()
        .find(|s| s.what == "Accept header");
    let accept = accept.expect("the Accept pair");
    assert_eq!(
        (accept.sent.as_str(), accept.expected.as_str()),
        ("application/json", "application/vnd.api+json")
    );
    assert_eq!(
        accept
            .expected
            .get(accept.expected_span.0..accept.expected_span.1),
        Some("vnd.api+")
    );
    let host = d
        .sent_vs_expected
        .iter()
        .find(|s| s.what == "Host")
        .expect("the host pair");
    assert!(
        host.expected.starts_with("https://api.scopestack.io/"),
        "{host:?}"
    );
    assert_eq!(host.sent.get(host.sent_span.0..host.sent_span.1), Some("p"));

    let paste = "POST /oauth/token HTTP/1.1\nHost: app.scopestack.io\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=authorization_code&code=abcdef123456&client_id=cid&redirect_uri=https%3A%2F%2Fexample.com%2Fcallbak\n\nHTTP/1.1 400 Bad Request\n\n{\"error\":\"invalid_grant\"}\n\nOur app's registered callback URL is https://example.com/callback.";
    let d = diagnose(paste);
    let r = d
        .sent_vs_expected
        .iter()
        .find(|s| s.what == "redirect_uri")
        .expect("the redirect pair");
    assert_eq!(r.sent, "https://example.com/callbak");
    assert_eq!(r.expected, "https://example.com/callback");
    assert_eq!(
        r.expected.get(r.expected_span.0..r.expected_span.1),
        Some("c")
    );
    // A form body is right for the token endpoint: no media-type pair.
    assert_eq!(d.sent_vs_expected.len(), 1, "{:?}", d.sent_vs_expected);
}

fn planted_har() -> String {
    let body = serde_json::json!({
      "log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": [{
        "request": {
          "method": "POST", "url": "https://app.scopestack.io/oauth/token?access_token=PLANTED-query-token-1234567",
          "headers": [
            {"name": "Authorization", "value": "Bearer PLANTED-bearer-abcdefghijkl"},
            {"name": "Cookie", "value": "_session=PLANTED-cookie-zyxwvut"},
            {"name": "Accept", "value": "application/vnd.api+json"}
          ],
          "cookies": [{"name": "_session", "value": "PLANTED-cookie-zyxwvut"}],
          "queryString": [{"name": "access_token", "value": "PLANTED-query-token-1234567"}],
          "postData": {"mimeType": "application/x-www-form-urlencoded",
            "params": [{"name": "password", "value": "PLANTED-pass-word-9"}, {"name": "grant_type", "value": "password"}],
            "text": "grant_type=password&username=a%40b.c&password=PLANTED-pass-word-9&client_secret=PLANTED-client-secret-42"}
        },
        "response": {
          "status": 200, "statusText": "OK",
          "headers": [{"name": "Set-Cookie", "value": "_session=PLANTED-setcookie-qwerty; HttpOnly"}],
          "cookies": [{"name": "_session", "value": "PLANTED-setcookie-qwerty", "httpOnly": true}],
          "content": {"mimeType": "application/json", "text": "{\"access_token\":\"PLANTED-access-token-abcdef123456\",\"refresh_token\":\"PLANTED-refresh-token-987654\",\"token_type\":\"Bearer\"}"}
        }
      }, {
        "request": {"method": "GET", "url": "https://api.scopestack.io/acme/v1/projects", "headers": []},
        "response": {"status": 401, "content": {"mimeType": "text/javascript", "text": "var t = 'PLANTED-in-script-1234'"}, "headers": []}
      }]}
    });
    serde_json::to_string_pretty(&body).unwrap_or_default()
}

#[test]
fn a_sanitized_har_is_a_har_without_secrets() {
    let har = planted_har();
    let d = diagnose(&har);
    let saved = d.sanitized_har.as_deref().expect("a sanitized HAR");
    assert!(!saved.contains("PLANTED"), "{saved}");
    let v: Value = serde_json::from_str(saved).expect("the saved file is JSON");
    let original: Value = serde_json::from_str(&har).unwrap_or_default();
    let entries = v["log"]["entries"].as_array().expect("log.entries");
    assert_eq!(entries.len(), 2);
    // Same structure: every key path of the original is still there.
    fn paths(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => m
                .iter()
                .for_each(|(k, x)| paths(x, format!("{at}/{k}"), out)),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, x)| paths(x, format!("{at}/{i}"), out)),
            _ => out.push(at),
        }
    }
    let (mut a, mut b) = (Vec::new(), Vec::new());
    paths(&original, String::new(), &mut a);
    paths(&v, String::new(), &mut b);
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // What is not secret stays readable.
    assert_eq!(
        entries[0]["request"]["headers"][2]["value"],
        "application/vnd.api+json"
    );
    assert_eq!(
        entries[0]["request"]["postData"]["params"][1]["value"],
        "password"
    );
    assert_eq!(
        entries[1]["request"]["url"],
        "https://api.scopestack.io/acme/v1/projects"
    );
    // A paste that is not a HAR has none.
    assert!(diagnose("HTTP/1.1 401 Unauthorized")
        .sanitized_har
        .is_none());
}

#[test]
fn every_har_fixture_saves_as_a_har() {
    let mut hars = 0;
    for (name, _, secrets, paste) in fixtures() {
        if !name.contains("__har__") {
            continue;
        }
        hars += 1;
        let d = diagnose(&paste);
        let saved = d
            .sanitized_har
            .unwrap_or_else(|| panic!("{name}: no sanitized HAR"));
        let v: Value = serde_json::from_str(&saved).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(v["log"]["entries"].is_array(), "{name}");
        for s in secrets {
            assert!(!saved.contains(&s), "{name}: {s}");
        }
    }
    assert!(hars >= 3);
}

/// The widget reads the diagnosis from the worker's JSON: what it shows of
/// these parts comes back whole through the hand-written record reader
/// (`path` and `lines`, which it does not show, are not read back).
#[test]
fn the_widget_reads_back_what_it_shows() {
    let mut pastes: Vec<(String, String)> = fixtures()
        .into_iter()
        .map(|(name, _, _, paste)| (name, paste))
        .collect();
    pastes.push(("planted HAR".into(), planted_har()));
    let (mut pinpoints, mut pairs) = (0, 0);
    for (name, paste) in pastes {
        let d = diagnose(&paste);
        let back: scopestack_troubleshooter::engine::Diagnosis =
            serde_json::from_str(&d.to_json()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back.reply, d.reply, "{name}");
        assert_eq!(back.sanitized_har, d.sanitized_har, "{name}");
        assert_eq!(back.sent_vs_expected, d.sent_vs_expected, "{name}");
        let shown = |p: &scopestack_troubleshooter::engine::Pinpoint| {
            (p.present, p.body.clone(), p.span, p.note.clone())
        };
        assert_eq!(
            back.pinpoint.as_deref().map(shown),
            d.pinpoint.as_deref().map(shown),
            "{name}"
        );
        pinpoints += usize::from(d.pinpoint.is_some());
        pairs += d.sent_vs_expected.len();
    }
    assert!(
        pinpoints > 0 && pairs > 0,
        "the corpus has pinpoints ({pinpoints}) and pairs ({pairs})"
    );
}
