//! The lint: a request checked before it is sent, as the user types.
//! `request` checks an API request (running the signals on what it would
//! send), `token` the token form. What each finding says (its severity, the
//! field it belongs next to, its knowledge-base check, its sentence, and the
//! signal that raises it) is data, in `static/lint.json`; the code decides
//! only which findings a request earns.

mod finding;
mod request;
mod token;

pub use finding::{Field, LintFinding, Severity};
pub use request::{lint, lint_for};
pub use token::{confusable, lint_token, lint_token_for};

#[cfg(test)]
mod tests {
    use super::finding::{fill, message, messages};
    use crate::engine::api_facts::MEDIA_TYPE;

    /// Every key the lint's code names is in the data file, once, with a
    /// check the knowledge base has and a signal the catalogue knows.
    #[test]
    fn every_key_is_in_the_data_once() {
        let all = messages();
        assert!(all.len() > 40, "static/lint.json did not load");
        for (i, m) in all.iter().enumerate() {
            assert!(all[..i].iter().all(|o| o.key != m.key), "{} twice", m.key);
            if let Some(check) = &m.check {
                assert!(
                    crate::engine::link::is_check(crate::engine::knowledge_base(), check),
                    "{}: no check {check}",
                    m.key
                );
            }
            if let Some(signal) = &m.signal {
                assert!(
                    crate::engine::signals::is_known(signal),
                    "{}: {signal}",
                    m.key
                );
            }
        }
        // The token form's keys made from field names.
        let names = crate::engine::api_facts::GRANTS
            .iter()
            .chain([&""])
            .flat_map(|g| crate::engine::api_facts::required_fields(g));
        for name in names {
            let key = format!("{}-missing", name.replace('_', "-"));
            assert!(message(&key).is_some(), "{key} is not in static/lint.json");
        }
        for (name, _) in crate::engine::live::TokenRequest::default().fields() {
            let key = format!("{}-whitespace", name.replace('_', "-"));
            assert!(
                name == "grant_type" || message(&key).is_some(),
                "{key} is not in static/lint.json"
            );
        }
        for src in [include_str!("request.rs"), include_str!("token.rs")] {
            for (at, _) in src
                .match_indices("add(\"")
                .chain(src.match_indices("add_if_signalled(\""))
            {
                let rest = &src[at..];
                let start = rest.find('"').unwrap_or(0) + 1;
                let key = &rest[start..start + rest[start..].find('"').unwrap_or(0)];
                assert!(message(key).is_some(), "{key} is not in static/lint.json");
            }
        }
    }

    /// A fix is a whole value for a field "Send again" can set, with
    /// nothing left to fill; every field a grant needs has a hint for the
    /// untouched form, and a hint never reads as a problem.
    #[test]
    fn fixes_and_hints_are_whole() {
        use super::finding::Field;
        for m in messages() {
            if let Some(fix) = &m.fix {
                assert!(
                    matches!(m.field, Field::Origin | Field::Accept | Field::ContentType),
                    "{}: a fix for {:?}, which Send again cannot set",
                    m.key,
                    m.field
                );
                assert!(!fill(fix, &[]).contains('$'), "{}: {fix}", m.key);
            }
            if let Some(hint) = &m.hint {
                assert!(!hint.contains("Problem"), "{}: {hint}", m.key);
            }
        }
        for g in crate::engine::api_facts::GRANTS {
            for name in crate::engine::api_facts::required_fields(g) {
                let key = format!("{}-missing", name.replace('_', "-"));
                assert!(
                    message(&key).is_some_and(|m| m.hint.is_some()),
                    "{key} has no hint"
                );
            }
        }
    }

    /// A token form as the panel opens it, for any grant, needs only what
    /// hints say: nothing in it is a mistake yet.
    #[test]
    fn an_untouched_token_form_needs_only_hints() {
        use crate::engine::api_facts::{DEFAULT_SCOPE, GRANTS, TOKEN_URL};
        for g in GRANTS {
            let form = crate::engine::live::TokenRequest {
                url: TOKEN_URL.into(),
                grant_type: g.into(),
                scope: DEFAULT_SCOPE.into(),
                ..Default::default()
            };
            let findings = super::lint_token(&form);
            assert!(!findings.is_empty(), "{g}");
            for f in findings {
                assert!(f.hint.is_some(), "{g}: {} has no hint", f.id);
            }
        }
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill("a $method b $media_type $unknown $", &[("method", "GET")]),
            format!("a GET b {MEDIA_TYPE} $unknown $")
        );
    }
}
