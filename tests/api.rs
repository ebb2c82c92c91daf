//! The engine-as-a-service protocol the widget speaks to its worker.
#![cfg(not(target_arch = "wasm32"))]

use scopestack_troubleshooter::engine::api::{handle, Envelope, WidgetRequest, WidgetResponse};

fn ask(body: WidgetRequest) -> WidgetResponse {
    let message = serde_json::to_string(&Envelope::new(42, body)).unwrap();
    let answer: Envelope<WidgetResponse> = serde_json::from_str(&handle(&message)).unwrap();
    assert_eq!(answer.id, 42, "answers carry the question's id");
    answer.body
}

#[test]
fn a_paste_is_diagnosed_with_the_text_of_its_sections() {
    match ask(WidgetRequest::Diagnose {
        paste: "HTTP/1.1 403 Forbidden".into(),
    }) {
        WidgetResponse::Diagnosis {
            diagnosis,
            sections,
        } => {
            assert_eq!(diagnosis.primary.as_deref(), Some("403-forbidden"));
            assert_eq!(sections.len(), diagnosis.sections.len());
            assert!(sections.iter().all(|s| !s.summary.is_empty()));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_section_opens_with_every_check_unknown() {
    match ask(WidgetRequest::Section {
        id: "404-not-found".into(),
    }) {
        WidgetResponse::Section { section, checklist } => {
            assert_eq!(section.id, "404-not-found");
            assert!(checklist.iter().any(|c| c.id == "404-not-found/url-format"));
            assert!(checklist
                .iter()
                .all(|c| c.state.as_str() == "unknown" && c.why.is_none()));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        ask(WidgetRequest::Section {
            id: "no-such-section".into()
        }),
        WidgetResponse::Error { .. }
    ));
}

#[test]
fn search_and_links_resolve_through_the_knowledge_base() {
    match ask(WidgetRequest::Search {
        query: "can't be blank".into(),
    }) {
        WidgetResponse::Search { results, total } => {
            assert_eq!(
                results.first().map(|s| s.id.as_str()),
                Some("422-unprocessable-entity")
            );
            assert!(total >= 15);
        }
        other => panic!("{other:?}"),
    }
    match ask(WidgetRequest::Link {
        fragment: "#invalid_grant".into(),
    }) {
        WidgetResponse::Link { state, .. } => {
            assert_eq!(state.section.as_deref(), Some("oauth-invalid-grant"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_link_whose_paste_held_a_secret_is_rewritten_masked_and_a_clean_one_is_left_alone() {
    let token = "Zx9Qw7Er5Ty3Ui1Op0As8Df6Gh4Jk2LmNb7Vc5Xz3Q";
    let raw = format!("Authorization: Bearer {token}\nHTTP/1.1 401 Unauthorized");
    let fragment = format!(
        "#s=401-unauthorized&p={}",
        scopestack_troubleshooter::engine::link::encode(&raw)
    );
    match ask(WidgetRequest::Link { fragment }) {
        WidgetResponse::Link { state, rewrite } => {
            let rewrite = rewrite.expect("a fragment with a raw token is rewritten");
            let decoded = scopestack_troubleshooter::engine::link::decode(&rewrite);
            assert!(!decoded.contains(token), "{decoded}");
            assert!(decoded.contains("401 Unauthorized"), "{decoded}");
            assert!(rewrite.contains("s=401-unauthorized"), "{rewrite}");
            assert!(!state.paste.unwrap_or_default().contains(token));
        }
        other => panic!("{other:?}"),
    }
    for clean in [
        "#401",
        "#s=401-unauthorized&p=HTTP%2F1.1%20401%20Unauthorized",
        "",
    ] {
        match ask(WidgetRequest::Link {
            fragment: clean.into(),
        }) {
            WidgetResponse::Link { rewrite, .. } => assert_eq!(rewrite, None, "{clean}"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_message_that_is_not_a_request_gets_an_error_not_a_panic() {
    for junk in [
        "",
        "{",
        "null",
        "{\"id\":1}",
        "{\"id\":1,\"body\":{\"nope\":{}}}",
        "{\"id\":1,\"family\":\"widget\",\"body\":{\"nope\":{}}}",
        "{\"id\":1,\"body\":{\"warm\":null},\"family\":\"widget\"}",
        "{\"id\":1,\"family\":\"other\",\"body\":{\"warm\":null}}",
    ] {
        let answer: Envelope<WidgetResponse> = serde_json::from_str(&handle(junk)).unwrap();
        assert!(
            matches!(answer.body, WidgetResponse::Error { .. }),
            "{junk}"
        );
    }
}

#[test]
fn a_knowledge_base_override_must_be_valid_and_complete() {
    // Not JSON, wrong schema, missing sections: refused with a reason, and
    // the built-in base stays in use.
    for (json, why) in [
        ("not json", "not valid"),
        (
            "{\"article_url\": \"x\", \"sections\": []}",
            "lacks sections",
        ),
    ] {
        match ask(WidgetRequest::UseKnowledgeBase { json: json.into() }) {
            WidgetResponse::Error { message } => assert!(message.contains(why), "{message}"),
            other => panic!("{other:?}"),
        }
    }
    // A link the widget would render must be https: a `javascript:` (or
    // any other scheme) doc_url refuses the whole override.
    let mut hostile: serde_json::Value =
        serde_json::from_str(scopestack_troubleshooter::engine::knowledge::KB_JSON).unwrap();
    for url in [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<b>x</b>",
        "http://docs.example/x",
        "https://docs.example/x\" onmouseover=\"alert(1)",
        "https:///x",
    ] {
        hostile["sections"][0]["doc_url"] = url.into();
        match ask(WidgetRequest::UseKnowledgeBase {
            json: hostile.to_string(),
        }) {
            WidgetResponse::Error { message } => assert!(message.contains("https"), "{message}"),
            other => panic!("{url}: {other:?}"),
        }
    }
    // The built-in base with one summary changed is accepted, and used.
    let mut kb: serde_json::Value =
        serde_json::from_str(scopestack_troubleshooter::engine::knowledge::KB_JSON).unwrap();
    kb["sections"][1]["summary"] = "Overridden by the help center.".into();
    let id = kb["sections"][1]["id"].as_str().unwrap().to_string();
    match ask(WidgetRequest::UseKnowledgeBase {
        json: kb.to_string(),
    }) {
        WidgetResponse::KnowledgeBase { sections } => assert!(sections >= 15),
        other => panic!("{other:?}"),
    }
    match ask(WidgetRequest::Section { id }) {
        WidgetResponse::Section { section, .. } => {
            assert_eq!(section.summary, "Overridden by the help center.")
        }
        other => panic!("{other:?}"),
    }
    // The same one again (a second widget on the page) is fine; another is refused.
    assert!(matches!(
        ask(WidgetRequest::UseKnowledgeBase {
            json: kb.to_string()
        }),
        WidgetResponse::KnowledgeBase { .. }
    ));
    kb["sections"][1]["summary"] = "Another help center.".into();
    assert!(matches!(
        ask(WidgetRequest::UseKnowledgeBase {
            json: kb.to_string()
        }),
        WidgetResponse::Error { .. }
    ));
}

/// The envelope says whose message it is: the same body shape (`error`,
/// `diagnosis`) in both families is told apart by it.
#[test]
fn the_envelope_carries_the_family() {
    use scopestack_troubleshooter::engine::api::{Family, LiveRequest, LiveResponse};
    let raw = handle(&serde_json::to_string(&Envelope::new(3, WidgetRequest::Warm)).unwrap());
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(v["family"], "widget", "{raw}");
    let ask = Envelope::new(
        4,
        LiveRequest::Exchange {
            request: Default::default(),
            outcome: scopestack_troubleshooter::engine::live::Outcome::Failure {
                kind: scopestack_troubleshooter::engine::live::FailureKind::Offline,
                message: String::new(),
            },
            token_account: None,
            previous: None,
        },
    );
    let raw = handle(&serde_json::to_string(&ask).unwrap());
    let answer: Envelope<LiveResponse> = serde_json::from_str(&raw).unwrap();
    assert_eq!((answer.id, answer.family), (4, Family::Live));
    assert!(
        matches!(answer.body, LiveResponse::Diagnosis { .. }),
        "{raw}"
    );
    // A widget question in the live family is not read as the widget's.
    let raw = handle(r#"{"id":5,"family":"live","body":{"warm":null}}"#);
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert!(v["body"]["error"].is_object(), "{raw}");
}

#[test]
fn a_paste_beside_the_message_is_the_one_diagnosed() {
    use scopestack_troubleshooter::engine::api::handle_with;
    let message = serde_json::to_string(&Envelope::new(
        7,
        WidgetRequest::Diagnose {
            paste: String::new(),
        },
    ))
    .unwrap();
    let answer: Envelope<WidgetResponse> = serde_json::from_str(&handle_with(
        &message,
        Some("HTTP/1.1 403 Forbidden".into()),
    ))
    .unwrap();
    assert_eq!(answer.id, 7);
    match answer.body {
        WidgetResponse::Diagnosis { diagnosis, .. } => {
            assert_eq!(diagnosis.primary.as_deref(), Some("403-forbidden"))
        }
        other => panic!("{other:?}"),
    }
    // Any other request ignores text beside it.
    let message = serde_json::to_string(&Envelope::new(8, WidgetRequest::Warm)).unwrap();
    let answer: Envelope<WidgetResponse> =
        serde_json::from_str(&handle_with(&message, Some("401".into()))).unwrap();
    assert_eq!(answer.body, WidgetResponse::Ready);
}

#[test]
fn a_large_pastes_answer_carries_only_the_start_of_the_masked_paste() {
    use scopestack_troubleshooter::engine::api::ECHO;
    use scopestack_troubleshooter::engine::bundle::{support_bundle, Client};
    let paste = format!(
        "HTTP/1.1 504 Gateway Time-out\n\n{}",
        "<tr><td>service location</td></tr>\n".repeat(100_000)
    );
    match ask(WidgetRequest::Diagnose { paste }) {
        WidgetResponse::Diagnosis { diagnosis, .. } => {
            assert_eq!(diagnosis.primary.as_deref(), Some("504-gateway-timeout"));
            assert_eq!(diagnosis.redacted.chars().count(), ECHO);
            assert!(diagnosis.redacted.starts_with("HTTP/1.1 504"));
            // What the widget builds from it still says the error was cut.
            let message = support_bundle(&diagnosis, Client::CustomCode, &[]);
            assert!(message.contains("(cut here; the full error is longer)"));
        }
        other => panic!("{other:?}"),
    }
}
