//! The engine-as-a-service protocol the widget speaks to its worker.
#![cfg(not(target_arch = "wasm32"))]

use scopestack_troubleshooter::engine::api::{handle, Envelope, WidgetRequest, WidgetResponse};

fn ask(body: WidgetRequest) -> WidgetResponse {
    let message = serde_json::to_string(&Envelope { id: 42, body }).unwrap();
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
        WidgetResponse::Link { state } => {
            assert_eq!(state.section.as_deref(), Some("oauth-invalid-grant"))
        }
        other => panic!("{other:?}"),
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
