//! Fuzz target: any bytes, read as a paste (lossy UTF-8, as the CLI does),
//! go through `diagnose` and `redact`. Besides "never panics", it checks the
//! public contract of DESIGN.md that a caller relies on and that the types
//! alone do not guarantee: the JSON round-trips with the same content, the
//! primary is one of the ranked sections, checklist ids belong to their
//! section, states and `why` agree, no secret survives redaction, and
//! redacting twice changes nothing.

#![no_main]

use libfuzzer_sys::fuzz_target;
use scopestack_troubleshooter::engine::{diagnose, knowledge_base, redact::redact, CheckState};
use serde_json::Value;

/// Secret values with fewer ASCII letters and digits than this are not
/// checked for leaks: a two-letter password, or a "token" the fuzzer made of
/// U+FFFD, legitimately occurs elsewhere in a paste. Real tokens, secrets and
/// cookies are far longer.
const LEAK_MIN_ALNUM: usize = 8;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let d = diagnose(&text);

    // The CLI's JSON parses back and says what the struct says (to_json
    // falls back to an `{"error": …}` object, which must not happen).
    let json = d.to_json();
    let v: Value = serde_json::from_str(&json).expect("diagnosis JSON does not parse back");
    assert_eq!(
        v.get("primary").and_then(Value::as_str),
        d.primary.as_deref(),
        "JSON primary differs: {json}"
    );
    assert_eq!(
        v.get("redacted").and_then(Value::as_str),
        Some(d.redacted.as_str()),
        "JSON redacted differs"
    );
    let sections = v
        .get("sections")
        .and_then(Value::as_array)
        .expect("JSON has no sections array");
    assert_eq!(sections.len(), d.sections.len());
    for s in sections {
        // A NaN score would serialise as null and break every consumer.
        let score = s.get("score").and_then(Value::as_f64);
        assert!(
            score.is_some_and(|x| (0.0..=1.0).contains(&x)),
            "score outside [0, 1]: {s}"
        );
    }
    let checklist = v
        .get("checklist")
        .and_then(Value::as_array)
        .expect("JSON has no checklist array");
    assert_eq!(checklist.len(), d.checklist.len());
    assert!(v.get("facts").is_some_and(Value::is_object));

    // Sections are ranked best first and the primary is one of them.
    for pair in d.sections.windows(2) {
        assert!(
            pair[0].score >= pair[1].score,
            "sections not ranked: {} {} before {} {}",
            pair[0].id,
            pair[0].score,
            pair[1].id,
            pair[1].score
        );
    }
    if let Some(p) = &d.primary {
        assert!(
            d.sections.iter().any(|s| &s.id == p),
            "primary {p} is not among the sections"
        );
        // "The checklist covers at least the primary section."
        let has_checks = knowledge_base()
            .section(p)
            .is_some_and(|s| !s.checks.is_empty());
        if has_checks {
            assert!(
                d.checklist.iter().any(|c| &c.section == p),
                "checklist misses the primary section {p}"
            );
        }
    }

    for c in &d.checklist {
        let prefix = format!("{}/", c.section);
        assert!(
            c.id.starts_with(&prefix) && c.id.len() > prefix.len(),
            "check id {} is not under its section {}",
            c.id,
            c.section
        );
        assert!(
            d.sections.iter().any(|s| s.id == c.section),
            "check {} belongs to a section that is not shown",
            c.id
        );
        // Every state but unknown quotes its evidence; unknown has none.
        assert_eq!(
            c.state == CheckState::Unknown,
            c.why.is_none(),
            "state {:?} with why {:?} on {}",
            c.state,
            c.why,
            c.id
        );
    }

    // Redaction: nothing it found survives, and it is idempotent.
    let once = redact(&text);
    for s in &once.secrets {
        let value = s.value.trim();
        let alnum = value.chars().filter(char::is_ascii_alphanumeric).count();
        if alnum >= LEAK_MIN_ALNUM && !s.mask.contains(value) {
            assert!(
                !once.text.contains(value),
                "redacted text still holds a {:?}",
                s.kind
            );
            assert!(
                !d.redacted.contains(value),
                "diagnosis still holds a {:?}",
                s.kind
            );
        }
    }
    let twice = redact(&once.text);
    assert_eq!(twice.text, once.text, "redact is not idempotent");
});
