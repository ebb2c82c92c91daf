//! The widget's text helpers for live responses.
#![cfg(not(target_arch = "wasm32"))]

use scopestack_troubleshooter::engine::display::{json_string_field, pretty_json};

#[test]
fn pretty_json_indents_and_keeps_strings_intact() {
    let text = r#"{"errors":[{"title":"a, b: {c}","detail":"x \"y\""}],"meta":{}}"#;
    let pretty = pretty_json(text);
    assert_eq!(
        pretty,
        "{\n  \"errors\": [\n    {\n      \"title\": \"a, b: {c}\",\n      \"detail\": \"x \\\"y\\\"\"\n    }\n  ],\n  \"meta\": {}\n}"
    );
    let back: serde_json::Value = serde_json::from_str(&pretty).unwrap();
    let orig: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(back, orig);
}

#[test]
fn pretty_json_survives_non_json_and_deep_nesting() {
    assert_eq!(pretty_json("<html>504</html>"), "<html>504</html>");
    let deep = "[".repeat(100_000);
    let out = pretty_json(&deep);
    assert!(out.len() >= deep.len());
    let _ = pretty_json("}}}]]],,,::\"");
}

#[test]
fn json_string_field_reads_the_first_string_value() {
    let body = r#"{"access_token": "abc\"def", "token_type":"Bearer","data":{"attributes":{"account-slug":"acme"}}}"#;
    assert_eq!(
        json_string_field(body, "access_token").as_deref(),
        Some("abc\"def")
    );
    assert_eq!(
        json_string_field(body, "account-slug").as_deref(),
        Some("acme")
    );
    assert_eq!(json_string_field(body, "missing"), None);
    assert_eq!(
        json_string_field(r#"{"a": 1, "a": "two"}"#, "a").as_deref(),
        Some("two")
    );
    assert_eq!(json_string_field(r#"{"a": "unterminated"#, "a"), None);
}
