//! Unit tests of the recognisers' building blocks; whole-paste tests live
//! in `tests/evidence_*.rs`.

use super::literal::{blocks, to_json, Flavour};
use super::*;

fn parse(src: &str) -> (serde_json::Value, Flavour) {
    let (json, flavour) = to_json(src);
    (
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}")),
        flavour,
    )
}

#[test]
fn literal_python_dict() {
    let (v, f) = parse(r#"{'errors': [{'title': "can't be blank", 'ok': True, 'meta': None}]}"#);
    assert_eq!(f, Flavour::Python);
    assert_eq!(v["errors"][0]["title"], "can't be blank");
    assert_eq!(v["errors"][0]["ok"], true);
    assert!(v["errors"][0]["meta"].is_null());
}

#[test]
fn literal_ruby_hash() {
    let (v, f) = parse(r#"{:error=>:invalid_grant, :error_description=>"The provided grant"}"#);
    assert_eq!(f, Flavour::Ruby);
    assert_eq!(v["error"], "invalid_grant");
    assert_eq!(v["error_description"], "The provided grant");
    let (v, f) = parse(r#"{error: :invalid_grant, "x" => nil}"#);
    assert_eq!(f, Flavour::Ruby);
    assert_eq!(v["error"], "invalid_grant");
    assert!(v["x"].is_null());
}

#[test]
fn literal_node_dump() {
    let src = r#"{
  code: 'ERR_BAD_REQUEST',
  config: {
    adapter: [ 'xhr', 'http', 'fetch' ],
    transformRequest: [ [Function: transformRequest] ],
    env: { FormData: [Function [FormData]], Blob: [class Blob] },
    headers: Object [AxiosHeaders] {
      Accept: 'application/vnd.api+json',
      'Content-Type': 'application/vnd.api+json',
    },
    method: 'post',
    data: '{"data":{"type":"projects"}}'
  },
  request: <ref *1> ClientRequest {
    _header: 'POST /acme/v1/projects HTTP/1.1\r\n' +
      'Accept: application/vnd.api+json\r\n',
    [Symbol(kCapture)]: false,
    res: IncomingMessage { statusCode: 422, [Symbol(kHeaders)]: [Object] },
  },
  response: { status: 422, statusText: 'Unprocessable Entity', data: { errors: [Array] } },
  items: [ 1, 2, ... 98 more items ],
  short: {…}
}"#;
    let (v, f) = parse(src);
    assert_eq!(f, Flavour::Js);
    assert_eq!(
        v["config"]["headers"]["Content-Type"],
        "application/vnd.api+json"
    );
    assert_eq!(v["config"]["method"], "post");
    assert_eq!(v["config"]["data"], r#"{"data":{"type":"projects"}}"#);
    assert_eq!(v["response"]["status"], 422);
    assert!(v["request"]["_header"]
        .as_str()
        .unwrap()
        .contains("Accept:"));
    assert_eq!(v["request"]["res"]["statusCode"], 422);
    assert_eq!(v["items"], serde_json::json!([1, 2]));
}

#[test]
fn literal_closes_truncated_json() {
    let (v, f) = parse(
        r#"{"errors":[{"status":"422","title":"can't be blank","detail":"name - can't be bl"#,
    );
    assert_eq!(f, Flavour::Json);
    assert_eq!(v["errors"][0]["status"], "422");
    assert_eq!(v["errors"][0]["detail"], "name - can't be bl");
    let (v, _) = parse(r#"{"error":"invalid_grant","error_description":"#);
    assert_eq!(v["error"], "invalid_grant");
    let (v, _) = parse(r#"{"a": {"b": [1, 2,"#);
    assert_eq!(v["a"]["b"], serde_json::json!([1, 2]));
}

#[test]
fn literal_never_panics_on_odd_bytes() {
    for src in [
        "{",
        "{:",
        "{'",
        "{\"\\u",
        "{\"\\uD83D\\u",
        "{[<",
        "{ a: b c d }",
        "{ é: 'ü' }",
        "{\\",
        "{ -",
        "{ 1_000: 0x1F }",
    ] {
        let (json, _) = to_json(src);
        assert!(
            serde_json::from_str::<serde_json::Value>(&json).is_ok(),
            "{src:?} -> {json}"
        );
    }
}

#[test]
fn blocks_skip_curl_data_markers_and_close_truncated() {
    let text = "{ [5 bytes data]\nsee {\"a\": \"}\"} and {'b': [1] } then {\"c\":";
    let b = blocks(text, 10);
    let got: Vec<&str> = b.iter().map(|(s, e, _)| &text[*s..*e]).collect();
    assert_eq!(got, vec!["{\"a\": \"}\"}", "{'b': [1] }", "{\"c\":"]);
    assert!(!b[2].2);
}

#[test]
fn www_authenticate_params() {
    let p = http::auth_params(
        r#"Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token expired""#,
    );
    assert_eq!(
        p,
        vec![
            ("realm".to_string(), "Doorkeeper".to_string()),
            ("error".to_string(), "invalid_token".to_string()),
            (
                "error_description".to_string(),
                "The access token expired".to_string()
            ),
        ]
    );
    let p = http::auth_params(r#"Bearer error=invalid_token, error_description="say \"hi\"""#);
    assert_eq!(p[1].1, "say \"hi\"");
}

#[test]
fn text_helpers() {
    assert_eq!(text::status_line("HTTP/2 401"), Some(401));
    assert_eq!(
        text::status_line("HTTP/1.1 504 Gateway Time-out"),
        Some(504)
    );
    assert_eq!(text::status_line("HTTP/1.1 4010"), None);
    assert_eq!(
        text::form_params(
            "grant_type=password&redirect_uri=https%3A%2F%2Foauth.pstmn.io%2Fv1%2Fcallback&x=a+b"
        ),
        Some(vec![
            ("grant_type".into(), "password".into()),
            (
                "redirect_uri".into(),
                "https://oauth.pstmn.io/v1/callback".into()
            ),
            ("x".into(), "a b".into()),
        ])
    );
    assert_eq!(text::base64_encode(b"id:secret"), "aWQ6c2VjcmV0");
    assert_eq!(text::base64_decode("aWQ6c2VjcmV0").unwrap(), b"id:secret");
    assert_eq!(text::clip("aé", 2), "a");
    assert_eq!(text::tail("éa", 2), "a");
    let urls: Vec<&str> =
        text::urls("at 'https://api.scopestack.io/x?y=1' and http://a.b/c.").collect();
    assert_eq!(
        urls,
        vec!["https://api.scopestack.io/x?y=1", "http://a.b/c"]
    );
}

#[test]
fn prose_status_needs_context() {
    assert_eq!(
        prose::find_status("I keep getting a 403 when I PATCH").map(|x| x.0),
        Some(403)
    );
    assert_eq!(
        prose::find_status("it says 422 unprocessable").map(|x| x.0),
        Some(422)
    );
    assert_eq!(
        prose::find_status("we have 404 projects and 500 users"),
        None
    );
    assert_eq!(
        prose::find_status("timeout of 30000ms, version 1.401"),
        None
    );
    assert_eq!(prose::find_status("at 10:45:401"), None);
}

#[test]
fn formats_sorted_by_specificity() {
    let ev = gather(
        "curl -v https://api.scopestack.io/acme/v1/me\n< HTTP/2 401\n< content-length: 0\n<\n",
    );
    assert_eq!(ev.formats, vec!["curl-verbose", "curl-command"]);
}
