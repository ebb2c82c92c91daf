//! Coverage and shape of the built-in knowledge base (`static/kb.json`).
//!
//! The help article is the source of truth for what the widget must reach:
//! every heading and every table row (by its label as the article writes it)
//! has to land on a section or a check, and every id DESIGN.md makes public
//! has to exist. The trigger weights are tested against realistic signal
//! sets so that a re-weighting that lets a generic signal beat a specific one
//! fails here, not in front of a customer.

mod common;

use scopestack_troubleshooter::engine::evidence::Evidence;
use scopestack_troubleshooter::engine::knowledge::{KnowledgeBase, KB_JSON};
use scopestack_troubleshooter::engine::rules::{checklist_for, decide};
use scopestack_troubleshooter::engine::signals::{is_known, Signal};
use scopestack_troubleshooter::engine::CheckState;

fn kb() -> KnowledgeBase {
    KnowledgeBase::from_json(KB_JSON).unwrap_or_else(|e| panic!("built-in KB rejected: {e}"))
}

/// Headings of the article that are sections of their own.
const ARTICLE_HEADINGS: &[&str] = &[
    "Required Request Headers",
    "401 Unauthorized",
    "OAuth Token Errors (POST /oauth/token)",
    "403 Forbidden",
    "400 Bad Request",
    "422 Unprocessable Entity",
    "404 Not Found",
    "504 Gateway Timeout",
    "Quick Reference",
    "Still seeing an error?",
];

/// The article's group headings, each with the category (the article's own
/// Quick Reference "Category" words) its sections carry: a group is covered
/// when at least one section belongs to it.
const ARTICLE_GROUPS: &[(&str, &str)] = &[
    ("Authentication Errors", "Authentication"),
    ("Permission Errors", "Permissions"),
    ("Validation and Request Errors", "Validation"),
    ("Validation and Request Errors", "Request error"),
    ("Not Found Errors", "Not found"),
    ("Server Errors", "Server"),
];

/// Every row and bullet of the article's tables and lists, as written.
const ARTICLE_ROWS: &[&str] = &[
    // Required Request Headers (both tables).
    "Authorization",
    "Accept",
    "Content-Type",
    // 401 Unauthorized.
    "Authorization header missing",
    "Token expired",
    "Token malformed",
    "User account deactivated",
    // OAuth Token Errors.
    "invalid_client",
    "invalid_grant",
    "invalid_resource_owner",
    "unsupported_grant_type",
    // 403 Forbidden.
    "User role lacks permission",
    "Operating in the wrong account",
    "Resource belongs to a different account",
    "Token edge case",
    // 400 Bad Request, "Common causes".
    "A required field is missing from the request body",
    "A field value is the wrong data type (for example, a string where a number is expected)",
    "A filter parameter is not supported for this endpoint",
    "Invalid JSON:API formatting in the request body",
    // 422 Unprocessable Entity.
    "A required field is blank or missing",
    "A field value violates a uniqueness constraint",
    "Cross-account access attempt",
    // 404 Not Found.
    "Resource ID is correct",
    "Account context",
    "Resource was deleted",
    "URL format",
    // 504 Gateway Timeout, "How to resolve".
    "Switch to the v2 merge data format",
    "using a reference project",
    // Quick Reference, by status code.
    "400",
    "401",
    "403",
    "404",
    "422",
    "504",
    // "Still seeing an error?": what to include.
    "the full error response",
    "the endpoint you were calling",
    "whether you are using Postman, Workato, or custom code",
];

/// Checks the tasks added to the contract beyond DESIGN.md's list.
const TASK_CHECKS: &[&str] = &[
    "required-headers/wrong-accept",
    "required-headers/wrong-content-type",
    "network-error/connection-refused",
    "network-error/aborted",
];

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The anchor the docs site gives a heading: lower case, punctuation
/// dropped, words joined by hyphens.
fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace() || *c == '-')
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
}

#[test]
fn built_in_kb_parses_and_validates() {
    let kb = kb();
    kb.validate().unwrap();
    assert_eq!(
        kb.article_url,
        "https://docs.scopestack.io/help/integrations/api-error-codes"
    );
    // Whatever the engine uses at run time is the same base, not the empty
    // fallback it keeps for a broken file.
    assert_eq!(
        scopestack_troubleshooter::engine::knowledge_base()
            .sections
            .len(),
        kb.sections.len()
    );
}

#[test]
fn every_article_heading_and_row_is_covered() {
    let kb = kb();
    let mut missing = Vec::new();
    for h in ARTICLE_HEADINGS {
        if !kb
            .sections
            .iter()
            .any(|s| s.article_heading.as_deref() == Some(h))
        {
            missing.push(format!("heading {h:?}"));
        }
    }
    for (group, category) in ARTICLE_GROUPS {
        if !kb.sections.iter().any(|s| s.category == *category) {
            missing.push(format!("group {group:?} (category {category:?})"));
        }
    }
    for row in ARTICLE_ROWS {
        let found = kb
            .sections
            .iter()
            .flat_map(|s| &s.checks)
            .any(|c| c.article_row.as_deref() == Some(row));
        if !found {
            missing.push(format!("row {row:?}"));
        }
    }
    assert!(
        missing.is_empty(),
        "article parts without a section or check: {missing:#?}"
    );
}

#[test]
fn every_article_label_in_the_kb_is_one_the_article_has() {
    // The reverse direction: a typo in kb.json's article_row would otherwise
    // leave a row silently uncovered while the label points nowhere.
    let kb = kb();
    for s in &kb.sections {
        if let Some(h) = &s.article_heading {
            assert!(
                ARTICLE_HEADINGS.contains(&h.as_str()),
                "{}: unknown heading {h:?}",
                s.id
            );
        }
        for c in &s.checks {
            if let Some(r) = &c.article_row {
                assert!(
                    ARTICLE_ROWS.contains(&r.as_str()),
                    "{}/{}: unknown row {r:?}",
                    s.id,
                    c.id
                );
            }
        }
    }
}

#[test]
fn design_sections_exist_in_design_order() {
    let kb = kb();
    let ids: Vec<&str> = kb.sections.iter().map(|s| s.id.as_str()).collect();
    let mut positions = Vec::new();
    for id in common::SECTIONS {
        let pos = ids
            .iter()
            .position(|x| x == id)
            .unwrap_or_else(|| panic!("section {id} is missing"));
        positions.push(pos);
    }
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "DESIGN sections out of order: {ids:?}"
    );
}

#[test]
fn design_checks_exist() {
    let kb = kb();
    let missing: Vec<&&str> = common::CHECKS
        .iter()
        .chain(TASK_CHECKS)
        .filter(|full| {
            let (section, check) = full.split_once('/').unwrap();
            !kb.section(section)
                .is_some_and(|s| s.checks.iter().any(|c| c.id == check))
        })
        .collect();
    assert!(missing.is_empty(), "checks missing: {missing:?}");
}

#[test]
fn every_section_is_complete() {
    let kb = kb();
    for s in &kb.sections {
        assert!(!s.title.trim().is_empty(), "{}: no title", s.id);
        assert!(!s.code.trim().is_empty(), "{}: no code", s.id);
        assert!(!s.category.trim().is_empty(), "{}: no category", s.id);
        assert!(!s.summary.trim().is_empty(), "{}: no summary", s.id);
        assert!(
            s.doc_url.starts_with("https://docs.scopestack.io/"),
            "{}: doc_url {}",
            s.id,
            s.doc_url
        );
        assert!(!s.checks.is_empty(), "{}: no checks", s.id);
        for c in &s.checks {
            assert!(!c.title.trim().is_empty(), "{}/{}: no title", s.id, c.id);
            assert!(
                !c.solution.trim().is_empty(),
                "{}/{}: no solution",
                s.id,
                c.id
            );
        }
    }
}

#[test]
fn headed_sections_link_to_their_anchor() {
    let kb = kb();
    for s in &kb.sections {
        let Some(h) = s.article_heading.as_deref() else {
            continue;
        };
        // "Still seeing an error?" is a closing paragraph, not a heading
        // with an anchor, so it links to the article itself.
        if h == "Still seeing an error?" {
            assert_eq!(s.doc_url, kb.article_url, "{}", s.id);
            continue;
        }
        let want = format!("{}#{}", kb.article_url, anchor(h));
        assert_eq!(s.doc_url, want, "{}: doc_url", s.id);
    }
    assert_eq!(
        anchor("OAuth Token Errors (POST /oauth/token)"),
        "oauth-token-errors-post-oauthtoken"
    );
}

#[test]
fn ids_are_kebab_case() {
    let kb = kb();
    for s in &kb.sections {
        assert!(is_kebab(&s.id), "section id {:?}", s.id);
        for c in &s.checks {
            assert!(is_kebab(&c.id), "check id {}/{:?}", s.id, c.id);
        }
    }
    assert!(!is_kebab("Bad_Id") && !is_kebab("a--b") && !is_kebab("-a"));
}

#[test]
fn no_check_both_proves_and_disproves_by_one_signal() {
    let kb = kb();
    for s in &kb.sections {
        for c in &s.checks {
            for sig in &c.confirmed_by {
                assert!(
                    !c.ruled_out_by.contains(sig) && !c.likely_by.contains(sig),
                    "{}/{}: {sig} listed twice",
                    s.id,
                    c.id
                );
            }
            for sig in &c.likely_by {
                assert!(
                    !c.ruled_out_by.contains(sig),
                    "{}/{}: {sig} both likely and ruled out",
                    s.id,
                    c.id
                );
            }
        }
    }
}

#[test]
fn success_never_triggers_anything() {
    let kb = kb();
    for s in &kb.sections {
        for t in &s.triggers {
            assert!(
                !t.signal.starts_with("status:2") && t.signal != "status-class:2xx",
                "{}: triggered by success signal {}",
                s.id,
                t.signal
            );
        }
    }
    let d = run(&kb, &["status:200", "status-class:2xx", "request:read"]);
    assert!(d.primary.is_none() && d.sections.is_empty());
}

// ---- invalid knowledge bases ----------------------------------------------

fn one_section(trigger: &str, weight: f64, checks: &str) -> String {
    format!(
        r#"{{"article_url": "https://docs.scopestack.io/x", "sections": [
            {{"id": "a", "title": "A", "code": "1", "category": "c", "summary": "s",
              "doc_url": "https://docs.scopestack.io/x",
              "triggers": [{{"signal": "{trigger}", "weight": {weight}}}],
              "checks": [{checks}]}}]}}"#
    )
}

const CHECK: &str = r#"{"id": "x", "title": "X", "solution": "do"}"#;

#[test]
fn a_sound_minimal_kb_is_accepted() {
    // The negative cases below differ from this one in one thing each.
    KnowledgeBase::from_json(&one_section("status:401", 0.5, CHECK)).unwrap();
}

#[test]
fn an_unknown_signal_is_rejected() {
    let err =
        KnowledgeBase::from_json(&one_section("status-of-mind:calm", 0.5, CHECK)).unwrap_err();
    assert!(err.contains("unknown signal"), "{err}");
    let check = r#"{"id": "x", "title": "X", "solution": "do", "confirmed_by": ["token:stale"]}"#;
    let err = KnowledgeBase::from_json(&one_section("status:401", 0.5, check)).unwrap_err();
    assert!(err.contains("token:stale"), "{err}");
    // A family without a value is not a signal either.
    assert!(KnowledgeBase::from_json(&one_section("status:", 0.5, CHECK)).is_err());
}

#[test]
fn out_of_range_weights_are_rejected() {
    for w in [0.0, -0.2, 1.5] {
        let err = KnowledgeBase::from_json(&one_section("status:401", w, CHECK)).unwrap_err();
        assert!(err.contains("weight"), "weight {w}: {err}");
    }
    KnowledgeBase::from_json(&one_section("status:401", 1.0, CHECK)).unwrap();
}

#[test]
fn duplicate_ids_are_rejected() {
    let err = KnowledgeBase::from_json(&one_section(
        "status:401",
        0.5,
        &format!("{CHECK}, {CHECK}"),
    ))
    .unwrap_err();
    assert!(err.contains("twice"), "{err}");

    let mut kb = kb();
    let copy = kb.sections[0].clone();
    kb.sections.push(copy);
    let json = serde_json::to_string(&kb).unwrap();
    let err = KnowledgeBase::from_json(&json).unwrap_err();
    assert!(err.contains("twice"), "{err}");
}

#[test]
fn unknown_fields_are_rejected() {
    let json = one_section("status:401", 0.5, CHECK)
        .replace(r#""code": "1""#, r#""code": "1", "colour": "red""#);
    assert!(KnowledgeBase::from_json(&json).is_err());
}

// ---- the weights pick the right section -------------------------------------

fn signals(ids: &[&str]) -> Vec<Signal> {
    for id in ids {
        assert!(is_known(id), "test uses an unknown signal {id}");
    }
    ids.iter()
        .map(|id| Signal {
            id: (*id).to_string(),
            why: format!("because of {id}"),
        })
        .collect()
}

fn run(kb: &KnowledgeBase, ids: &[&str]) -> scopestack_troubleshooter::engine::Diagnosis {
    decide(kb, &Evidence::default(), &signals(ids), "")
}

fn primary(kb: &KnowledgeBase, ids: &[&str]) -> Option<String> {
    run(kb, ids).primary
}

fn state(kb: &KnowledgeBase, check: &str, ids: &[&str]) -> CheckState {
    let (section, _) = check.split_once('/').unwrap();
    let s = kb.section(section).unwrap();
    checklist_for(s, &signals(ids))
        .into_iter()
        .find(|c| c.id == check)
        .unwrap_or_else(|| panic!("no check {check}"))
        .state
}

#[test]
fn realistic_signal_sets_pick_the_right_section() {
    let kb = kb();
    let cases: &[(&[&str], &str)] = &[
        // Bare statuses, as the quick reference maps them.
        (&["status:400", "status-class:4xx"], "400-bad-request"),
        (&["status:401", "status-class:4xx"], "401-unauthorized"),
        (&["status:403", "status-class:4xx"], "403-forbidden"),
        (&["status:404", "status-class:4xx"], "404-not-found"),
        (
            &["status:422", "status-class:4xx"],
            "422-unprocessable-entity",
        ),
        (
            &["status:504", "status-class:5xx", "gateway:timeout"],
            "504-gateway-timeout",
        ),
        (&["status:406"], "required-headers"),
        (&["status:415"], "required-headers"),
        (&["status:500", "status-class:5xx"], "server-error"),
        (
            &[
                "status:502",
                "status-class:5xx",
                "gateway:error-page",
                "body:html",
            ],
            "server-error",
        ),
        (
            &[
                "status:503",
                "status-class:5xx",
                "gateway:error-page",
                "body:html",
            ],
            "server-error",
        ),
        (&["status:501", "status-class:5xx"], "server-error"),
        // An empty-bodied 401 whose only clue is WWW-Authenticate.
        (
            &[
                "status:401",
                "oauth:invalid_token",
                "token:expired",
                "body:empty",
            ],
            "401-unauthorized",
        ),
        (
            &[
                "status:401",
                "request:authorization-absent",
                "request:accept-absent",
            ],
            "401-unauthorized",
        ),
        (
            &[
                "status:401",
                "request:authorization-present",
                "request:bearer-json",
            ],
            "401-unauthorized",
        ),
        // Token endpoint answers: the OAuth code beats the generic status.
        (
            &["status:401", "oauth:invalid_client", "token-request"],
            "oauth-invalid-client",
        ),
        (
            &[
                "status:401",
                "oauth:invalid_client",
                "token-request",
                "request:authorization-not-bearer",
                "request:accept-wrong",
            ],
            "oauth-invalid-client",
        ),
        (
            &[
                "status:400",
                "oauth:invalid_grant",
                "token-request",
                "grant:password",
                "grant:password-redirect-uri",
                "client:postman",
            ],
            "oauth-invalid-grant",
        ),
        (
            &[
                "status:400",
                "oauth:invalid_request",
                "detail:param-missing",
                "token-request",
                "grant:missing",
            ],
            "oauth-invalid-request",
        ),
        (
            &[
                "status:400",
                "oauth:unsupported_grant_type",
                "grant:invalid",
                "token-request",
            ],
            "oauth-unsupported-grant-type",
        ),
        (
            &[
                "status:400",
                "oauth:invalid_resource_owner",
                "token-request",
            ],
            "oauth-invalid-resource-owner",
        ),
        (
            &["status:400", "oauth:invalid_scope", "token-request"],
            "oauth-invalid-scope",
        ),
        (
            &[
                "status:400",
                "oauth:unauthorized_client",
                "detail:permission",
                "token-request",
            ],
            "oauth-unauthorized-client",
        ),
        // Permission answers.
        (
            &[
                "status:403",
                "oauth:insufficient_scope",
                "scope:insufficient",
            ],
            "403-forbidden",
        ),
        (&["status:403", "detail:permission"], "403-forbidden"),
        (&["status:403", "token:expired"], "403-forbidden"),
        // Request errors: specific JSON:API codes and details.
        (
            &["status:400", "detail:filter-not-allowed", "url:filter"],
            "400-bad-request",
        ),
        (
            &["status:400", "jsonapi-code:102", "detail:param-not-allowed"],
            "400-bad-request",
        ),
        (
            &[
                "status:400",
                "jsonapi-code:122",
                "request:body-not-jsonapi",
                "request:write",
            ],
            "400-bad-request",
        ),
        // Header problems beat a plain 400.
        (&["status:400", "detail:content-type"], "required-headers"),
        (
            &["status:400", "request:write", "request:content-type-wrong"],
            "required-headers",
        ),
        (
            &["status:400", "request:write", "request:content-type-absent"],
            "required-headers",
        ),
        (
            &[
                "status:415",
                "jsonapi-code:415",
                "detail:content-type",
                "request:write",
            ],
            "required-headers",
        ),
        (
            &[
                "status:406",
                "jsonapi-code:406",
                "detail:accept",
                "request:accept-wrong",
            ],
            "required-headers",
        ),
        (
            &["status:400", "jsonapi-code:406", "detail:accept"],
            "required-headers",
        ),
        // Validation.
        (
            &["status:422", "jsonapi-code:100", "detail:blank"],
            "422-unprocessable-entity",
        ),
        (
            &["status:422", "jsonapi-code:100", "detail:taken"],
            "422-unprocessable-entity",
        ),
        (
            &["status:422", "detail:cross-account"],
            "422-unprocessable-entity",
        ),
        (&["detail:blank"], "422-unprocessable-entity"),
        // Not found, including host mix-ups.
        (
            &[
                "status:404",
                "jsonapi-code:404",
                "detail:record-not-found",
                "url:resource-id",
            ],
            "404-not-found",
        ),
        (
            &["status:404", "detail:route-not-found", "url:slug-absent"],
            "404-not-found",
        ),
        (
            &["status:404", "host:app", "host:api-on-app"],
            "404-not-found",
        ),
        (&["host:api-on-app"], "404-not-found"),
        (
            &[
                "status:404",
                "host:api",
                "host:token-on-api",
                "token-request",
            ],
            "404-not-found",
        ),
        (&["url:slug-absent"], "404-not-found"),
        // Timeouts.
        (
            &[
                "status:524",
                "gateway:timeout",
                "gateway:error-page",
                "body:html",
            ],
            "504-gateway-timeout",
        ),
        (
            &[
                "status:504",
                "status-class:5xx",
                "gateway:timeout",
                "url:merge-data-v1",
            ],
            "504-gateway-timeout",
        ),
        (
            &["network:timeout", "url:merge-data-v1"],
            "504-gateway-timeout",
        ),
        // No response at all.
        (&["network:cors"], "network-error"),
        (&["network:fetch-failed"], "network-error"),
        (&["network:dns"], "network-error"),
        (&["network:offline"], "network-error"),
        (&["network:refused"], "network-error"),
        (&["network:aborted"], "network-error"),
        (&["network:tls"], "network-error"),
        (&["network:timeout"], "network-error"),
    ];
    let mut wrong = Vec::new();
    for (ids, want) in cases {
        let d = run(&kb, ids);
        if d.primary.as_deref() != Some(*want) {
            let ranked: Vec<String> = d
                .sections
                .iter()
                .map(|s| format!("{} {:.2}", s.id, s.score))
                .collect();
            wrong.push(format!(
                "{ids:?}: want {want}, got {:?} from {ranked:?}",
                d.primary
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn weak_signals_alone_make_no_primary() {
    let kb = kb();
    for ids in [
        &["request:accept-wrong"][..],
        &["request:accept-absent"],
        &["status-class:4xx"],
        &["client:postman"],
        &[
            "request:write",
            "request:body-jsonapi",
            "request:content-type-ok",
        ],
    ] {
        assert_eq!(primary(&kb, ids), None, "{ids:?}");
    }
}

#[test]
fn a_token_request_without_authorization_does_not_raise_the_401_section() {
    // Token requests carry no Authorization by design; its absence must not
    // put "no Authorization header" in front of someone with an OAuth error.
    let kb = kb();
    let d = run(
        &kb,
        &[
            "status:400",
            "oauth:invalid_grant",
            "token-request",
            "grant:password",
            "request:authorization-absent",
            "request:accept-wrong",
        ],
    );
    assert_eq!(d.primary.as_deref(), Some("oauth-invalid-grant"));
    assert!(
        d.sections.iter().all(|s| s.id != "401-unauthorized"),
        "{:?}",
        d.sections
    );
}

#[test]
fn every_oauth_code_beats_the_status_it_comes_with() {
    let kb = kb();
    let codes = [
        ("invalid_client", "oauth-invalid-client"),
        ("invalid_grant", "oauth-invalid-grant"),
        ("invalid_resource_owner", "oauth-invalid-resource-owner"),
        ("unsupported_grant_type", "oauth-unsupported-grant-type"),
        ("invalid_request", "oauth-invalid-request"),
        ("invalid_scope", "oauth-invalid-scope"),
        ("unauthorized_client", "oauth-unauthorized-client"),
    ];
    for (code, section) in codes {
        for status in ["status:400", "status:401"] {
            let oauth = format!("oauth:{code}");
            let got = primary(&kb, &[status, "status-class:4xx", &oauth, "token-request"]);
            assert_eq!(got.as_deref(), Some(section), "{status} + {oauth}");
        }
    }
}

#[test]
fn quick_reference_rows_name_the_section_a_bare_status_opens() {
    let kb = kb();
    let qr = kb.section("quick-reference").unwrap();
    for c in &qr.checks {
        let code = c.article_row.as_deref().unwrap();
        let status = format!("status:{code}");
        let opened = primary(&kb, &[&status]).unwrap();
        assert!(
            c.solution.contains(&format!("#{opened}")),
            "{}: solution should point to #{opened}: {}",
            c.id,
            c.solution
        );
        assert_eq!(
            state(&kb, &format!("quick-reference/{}", c.id), &[&status]),
            CheckState::Confirmed
        );
    }
}

#[test]
fn signals_set_the_check_states_the_contract_names() {
    let kb = kb();
    use CheckState::*;
    let cases: &[(&str, &[&str], CheckState)] = &[
        (
            "401-unauthorized/token-expired",
            &["token:expired"],
            Confirmed,
        ),
        (
            "401-unauthorized/token-expired",
            &["oauth:invalid_token"],
            Likely,
        ),
        (
            "401-unauthorized/token-expired",
            &["token:revoked"],
            RuledOut,
        ),
        (
            "401-unauthorized/header-missing",
            &["request:authorization-absent"],
            Confirmed,
        ),
        (
            "401-unauthorized/header-missing",
            &["request:authorization-present"],
            RuledOut,
        ),
        (
            "401-unauthorized/token-malformed",
            &["request:bearer-json"],
            Confirmed,
        ),
        (
            "401-unauthorized/token-malformed",
            &["request:bearer-quoted"],
            Confirmed,
        ),
        (
            "401-unauthorized/token-malformed",
            &["request:bearer-doubled"],
            Confirmed,
        ),
        (
            "401-unauthorized/token-malformed",
            &["request:bearer-whitespace"],
            Confirmed,
        ),
        (
            "401-unauthorized/token-malformed",
            &["request:bearer-empty"],
            Confirmed,
        ),
        (
            "401-unauthorized/token-malformed",
            &["request:bearer-wellformed"],
            RuledOut,
        ),
        ("401-unauthorized/token-malformed", &[], Unknown),
        (
            "oauth-invalid-client/character-confusion",
            &["client-id:confusable"],
            Likely,
        ),
        (
            "oauth-invalid-client/character-confusion",
            &["client-id:clear"],
            RuledOut,
        ),
        (
            "oauth-invalid-client/wrong-host",
            &["host:api", "host:token-on-api"],
            Confirmed,
        ),
        ("oauth-invalid-client/wrong-host", &["host:app"], RuledOut),
        (
            "oauth-invalid-grant/wrong-host",
            &["host:api", "host:token-on-api"],
            Confirmed,
        ),
        (
            "oauth-invalid-grant/postman-password-helper",
            &["grant:password", "grant:password-redirect-uri"],
            Confirmed,
        ),
        (
            "oauth-invalid-grant/postman-password-helper",
            &[
                "grant:password",
                "grant:password-no-redirect-uri",
                "client:postman",
            ],
            RuledOut,
        ),
        (
            "oauth-invalid-grant/postman-password-helper",
            &["grant:client_credentials"],
            RuledOut,
        ),
        (
            "oauth-invalid-grant/postman-password-helper",
            &["client:postman"],
            Likely,
        ),
        (
            "oauth-invalid-grant/callback-mismatch",
            &["grant:password"],
            RuledOut,
        ),
        (
            "oauth-invalid-grant/callback-mismatch",
            &["grant:authorization_code"],
            Likely,
        ),
        (
            "oauth-invalid-grant/wrong-password",
            &["grant:client_credentials"],
            RuledOut,
        ),
        (
            "oauth-invalid-grant/invitation-pending",
            &["detail:invitation"],
            Confirmed,
        ),
        (
            "oauth-invalid-grant/user-inactive",
            &["detail:deactivated"],
            Confirmed,
        ),
        (
            "oauth-unsupported-grant-type/bad-grant-type",
            &["grant:invalid"],
            Confirmed,
        ),
        (
            "oauth-unsupported-grant-type/bad-grant-type",
            &["grant:password"],
            RuledOut,
        ),
        (
            "403-forbidden/expired-token-edge-case",
            &["token:expired"],
            Confirmed,
        ),
        (
            "403-forbidden/token-scope",
            &["scope:insufficient"],
            Confirmed,
        ),
        ("404-not-found/url-format", &["url:slug-absent"], Confirmed),
        ("404-not-found/url-format", &["url:slug-present"], RuledOut),
        ("404-not-found/url-format", &["url:me"], RuledOut),
        (
            "404-not-found/wrong-host",
            &["host:api", "host:token-on-api"],
            Confirmed,
        ),
        (
            "404-not-found/wrong-host",
            &["host:app", "host:api-on-app"],
            Confirmed,
        ),
        ("404-not-found/wrong-host", &["host:api"], RuledOut),
        (
            "404-not-found/wrong-id",
            &["detail:record-not-found"],
            Likely,
        ),
        (
            "404-not-found/wrong-id",
            &["detail:route-not-found"],
            RuledOut,
        ),
        (
            "504-gateway-timeout/merge-data-v1",
            &["url:merge-data-v1"],
            Confirmed,
        ),
        (
            "504-gateway-timeout/merge-data-v1",
            &["url:merge-data-v2", "gateway:timeout"],
            RuledOut,
        ),
        (
            "422-unprocessable-entity/blank-field",
            &["detail:blank"],
            Confirmed,
        ),
        (
            "422-unprocessable-entity/uniqueness",
            &["detail:taken"],
            Confirmed,
        ),
        // "must exist" fits a wrong ID as well as another account's record.
        (
            "422-unprocessable-entity/cross-account",
            &["detail:cross-account"],
            Likely,
        ),
        // A 406 means an Accept header was sent and its value refused.
        (
            "required-headers/wrong-media-type",
            &["status:406", "jsonapi-code:406", "detail:accept"],
            Confirmed,
        ),
        (
            "required-headers/missing-accept",
            &["status:406", "jsonapi-code:406", "detail:accept"],
            RuledOut,
        ),
        // A 415 alone cannot tell a wrong Content-Type from a missing one.
        (
            "required-headers/missing-content-type",
            &["status:415", "jsonapi-code:415", "detail:content-type"],
            Likely,
        ),
        (
            "oauth-invalid-scope/scope-value",
            &["oauth:invalid_scope"],
            Confirmed,
        ),
        (
            "oauth-unauthorized-client/grant-not-allowed",
            &["oauth:unauthorized_client"],
            Confirmed,
        ),
        (
            "400-bad-request/filter-not-supported",
            &["detail:filter-not-allowed"],
            Confirmed,
        ),
        (
            "400-bad-request/filter-not-supported",
            &["jsonapi-code:102"],
            Confirmed,
        ),
        (
            "400-bad-request/invalid-jsonapi-format",
            &["request:body-not-json"],
            Confirmed,
        ),
        ("network-error/cors-blocked", &["network:cors"], Confirmed),
        ("network-error/offline-or-dns", &["network:dns"], Confirmed),
        (
            "network-error/offline-or-dns",
            &["network:offline"],
            Confirmed,
        ),
        ("network-error/timeout", &["network:timeout"], Confirmed),
        (
            "network-error/connection-refused",
            &["network:refused"],
            Confirmed,
        ),
        ("network-error/aborted", &["network:aborted"], Confirmed),
        (
            "required-headers/missing-accept",
            &["request:accept-absent"],
            Confirmed,
        ),
        (
            "required-headers/missing-accept",
            &["request:accept-ok"],
            RuledOut,
        ),
        (
            "required-headers/wrong-accept",
            &["request:accept-wrong"],
            Confirmed,
        ),
        ("required-headers/wrong-accept", &["status:406"], Confirmed),
        (
            "required-headers/wrong-content-type",
            &["request:content-type-wrong"],
            Confirmed,
        ),
        (
            "required-headers/wrong-content-type",
            &["status:415"],
            Likely,
        ),
        (
            "required-headers/missing-content-type",
            &["request:content-type-absent"],
            Confirmed,
        ),
        (
            "required-headers/missing-content-type",
            &["request:read"],
            RuledOut,
        ),
        (
            "required-headers/missing-authorization",
            &["request:authorization-absent"],
            Confirmed,
        ),
        ("server-error/server-bug", &["status:500"], Confirmed),
        ("server-error/platform-outage", &["status:503"], Confirmed),
        ("server-error/bad-gateway", &["status:502"], Confirmed),
    ];
    let mut wrong = Vec::new();
    for (check, ids, want) in cases {
        let got = state(&kb, check, ids);
        if got != *want {
            wrong.push(format!("{check} with {ids:?}: want {want:?}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

// ---- the phrase lexicon -----------------------------------------------------

fn with_phrase(phrase: &str) -> String {
    one_section(
        "status:401",
        0.5,
        &format!(r#"{{"id": "x", "title": "X", "solution": "do", "phrases": [{phrase}]}}"#),
    )
}

#[test]
fn a_lexicon_phrase_is_data_with_a_weight() {
    KnowledgeBase::from_json(&with_phrase(r#"{"text": "token dies", "weight": 0.4}"#)).unwrap();
    for (why, phrase) in [
        ("weight 0", r#"{"text": "token dies", "weight": 0.0}"#),
        ("weight above 1", r#"{"text": "token dies", "weight": 1.2}"#),
        ("no word", r#"{"text": " ?! ", "weight": 0.4}"#),
        ("one letter", r#"{"text": "x", "weight": 0.4}"#),
        ("no weight", r#"{"text": "token dies"}"#),
        (
            "unknown field",
            r#"{"text": "token dies", "weight": 0.4, "regex": ".*"}"#,
        ),
    ] {
        assert!(
            KnowledgeBase::from_json(&with_phrase(phrase)).is_err(),
            "accepted a phrase with {why}"
        );
    }
}

#[test]
fn every_built_in_phrase_finds_itself_and_its_check() {
    use scopestack_troubleshooter::engine::lexicon;
    let kb = kb();
    let mut count = 0;
    for s in &kb.sections {
        for c in &s.checks {
            for p in &c.phrases {
                count += 1;
                let hits = lexicon::signals(&kb, &format!("Hi, {} since Monday.", p.text));
                let prefix = format!("phrase:{}/{}/", s.id, c.id);
                let hit = hits.iter().find(|h| h.id.starts_with(&prefix));
                assert!(
                    hit.is_some(),
                    "{prefix}: “{}” does not match itself",
                    p.text
                );
                let w = lexicon::weight(s, &hit.unwrap().id).unwrap();
                assert!(w > 0.0 && w <= 1.0);
            }
        }
    }
    assert!(count >= 100, "the lexicon has only {count} phrases");
}

#[test]
fn a_phrase_makes_its_check_likely_and_proof_still_wins() {
    use scopestack_troubleshooter::engine::lexicon;
    let kb = kb();
    let s = kb.section("401-unauthorized").unwrap();
    let said = "the api tokne dies a couple of hours after we generate it";
    let mut sigs = lexicon::signals(&kb, said);
    let hit = lexicon::hit("401-unauthorized", "token-expired", &sigs)
        .expect("a typo'd phrase still matches");
    assert!(
        hit.why.contains("tokne dies"),
        "why quotes the paste: {}",
        hit.why
    );
    let item = |sigs: &[Signal]| {
        checklist_for(s, sigs)
            .into_iter()
            .find(|c| c.id == "401-unauthorized/token-expired")
            .unwrap()
    };
    assert_eq!(item(&sigs).state, CheckState::Likely);
    // What the server says outranks what the customer believes.
    sigs.extend(signals(&["token:revoked"]));
    assert_eq!(item(&sigs).state, CheckState::RuledOut);
    // A phrase alone counts towards its section with its weight.
    let d = decide(
        &kb,
        &Evidence::default(),
        &lexicon::signals(&kb, "the API says too many requests"),
        "",
    );
    assert_eq!(d.primary.as_deref(), Some("429-too-many-requests"));
}

#[test]
fn phrases_stay_quiet_on_pastes_that_say_nothing_of_the_kind() {
    use scopestack_troubleshooter::engine::lexicon;
    let kb = kb();
    for quiet in [
        "How do I create a project with the API? Which endpoint lists services?",
        r#"{"access_token":"abc","token_type":"Bearer","expires_in":7200,"refresh_token":"def","scope":"read write","created_at":1764575892}"#,
        "The user was onboarded last week and can create projects.",
    ] {
        let hits = lexicon::signals(&kb, quiet);
        assert!(hits.is_empty(), "{quiet}: {hits:?}");
    }
}

#[test]
fn pairs_and_retry_after_set_the_checks_they_prove() {
    let kb = kb();
    use CheckState::*;
    for (check, ids, want) in [
        (
            "oauth-invalid-grant/callback-mismatch",
            &["pair:redirect-uri-differs"][..],
            Confirmed,
        ),
        (
            "oauth-invalid-grant/callback-mismatch",
            &["pair:redirect-uri-matches"][..],
            RuledOut,
        ),
        (
            "oauth-invalid-grant/refresh-token-spent",
            &["pair:refresh-token-reused"][..],
            Confirmed,
        ),
        (
            "oauth-invalid-grant/code-expired",
            &["pair:code-late"][..],
            Confirmed,
        ),
        (
            "oauth-invalid-resource-owner/username-field",
            &["pair:email-not-username"][..],
            Confirmed,
        ),
        (
            "oauth-invalid-request/not-form-encoded",
            &["pair:token-body-json"][..],
            Confirmed,
        ),
        (
            "oauth-unsupported-grant-type/body-not-form",
            &["pair:token-body-json"][..],
            Confirmed,
        ),
        (
            "401-unauthorized/token-expired",
            &["pair:token-past-expiry"][..],
            Confirmed,
        ),
        (
            "401-unauthorized/token-expired",
            &["pair:token-about-two-hours"][..],
            Likely,
        ),
        (
            "429-too-many-requests/request-rate",
            &["status:429"][..],
            Confirmed,
        ),
        (
            "429-too-many-requests/retry-after",
            &["response:retry-after"][..],
            Confirmed,
        ),
    ] {
        assert_eq!(state(&kb, check, ids), want, "{check} with {ids:?}");
    }
    assert_eq!(
        primary(
            &kb,
            &["status:429", "status-class:4xx", "response:retry-after"]
        )
        .as_deref(),
        Some("429-too-many-requests")
    );
}
