//! What a lint finding is, and what each one says: the entries of
//! `static/lint.json`, read once, and the findings of one lint built from
//! them. A leaf below the request and token lints.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::engine::api_facts::{
    API_HOST, API_ORIGIN, APP_HOST, APP_ORIGIN, DEFAULT_SCOPE, MEDIA_TYPE, ME_PATH, TOKEN_PATH,
    TOKEN_URL,
};
use crate::engine::signals::Signal;

/// What the lint says, as shipped.
pub const LINT_JSON: &str = include_str!("../../../../static/lint.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The request breaks a rule the API enforces: it will fail.
    Error,
    /// The request may work but is likely to cause trouble.
    Warning,
}

/// The input a finding belongs next to. The token form has no field of its
/// own for client_secret (shown with [`Field::ClientId`]) nor for username,
/// password, code, refresh_token and scope (shown with [`Field::Body`], the
/// form body they travel in); the message names the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Origin,
    Path,
    Method,
    Token,
    Accept,
    ContentType,
    Body,
    Grant,
    ClientId,
    RedirectUri,
}

/// One problem with a request, found before it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LintFinding {
    /// Stable kebab-case id (`missing-accept`).
    pub id: String,
    pub severity: Severity,
    pub field: Field,
    /// For a person; never holds a secret.
    pub message: String,
    /// The knowledge-base check this mistake is (`required-headers/missing-accept`).
    pub check: Option<String>,
    /// The value `field` should hold instead, when the lint knows it
    /// (Accept: the media type): what "Send again" puts there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// What the field needs, said as a hint rather than a problem: for a
    /// field the person has not filled in yet (an untouched form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// One entry of `static/lint.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// The finding's id, or `id/variant` when a finding has several sentences.
    pub key: String,
    pub severity: Severity,
    pub field: Field,
    #[serde(default)]
    pub check: Option<String>,
    /// The signal that raises this finding, when the signals judge it.
    #[serde(default)]
    pub signal: Option<String>,
    /// The sentence, with `$name` placeholders.
    pub message: String,
    /// The value the field should hold instead, with `$name` placeholders.
    #[serde(default)]
    pub fix: Option<String>,
    /// The sentence for a form not touched yet, with `$name` placeholders.
    #[serde(default)]
    pub hint: Option<String>,
}

/// The data file: its `about` (for people) is not read.
#[derive(Deserialize)]
struct Messages {
    findings: Vec<Message>,
}

/// Every message of the lint, read once.
pub fn messages() -> &'static [Message] {
    static MESSAGES: OnceLock<Vec<Message>> = OnceLock::new();
    MESSAGES.get_or_init(|| {
        serde_json::from_str::<Messages>(LINT_JSON)
            .map(|m| m.findings)
            .unwrap_or_default()
    })
}

/// The message of a key.
pub fn message(key: &str) -> Option<&'static Message> {
    messages().iter().find(|m| m.key == key)
}

/// `$name` in a sentence replaced by its value: first the caller's, then
/// the API facts'; an unknown name stays as written.
pub(super) fn fill(text: &str, vars: &[(&str, &str)]) -> String {
    let facts: [(&str, &str); 9] = [
        ("media_type", MEDIA_TYPE),
        ("token_url", TOKEN_URL),
        ("token_path", TOKEN_PATH),
        ("api_origin", API_ORIGIN),
        ("api_host", API_HOST),
        ("app_origin", APP_ORIGIN),
        ("app_host", APP_HOST),
        ("me_path", ME_PATH),
        ("default_scope", DEFAULT_SCOPE),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..len];
        match vars.iter().chain(facts.iter()).find(|(n, _)| *n == name) {
            Some((_, v)) if !name.is_empty() => out.push_str(v),
            _ => {
                out.push('$');
                out.push_str(name);
            }
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}

/// The findings of one lint, in the order they were found.
#[derive(Default)]
pub(super) struct Findings(pub(super) Vec<LintFinding>);

impl Findings {
    /// The finding of `key`, its sentence filled with `vars`.
    pub(super) fn add(&mut self, key: &str, vars: &[(&str, &str)]) {
        let id = key.split('/').next().unwrap_or(key);
        let finding = match message(key) {
            Some(m) => LintFinding {
                id: id.to_string(),
                severity: m.severity,
                field: m.field,
                message: fill(&m.message, vars),
                check: m.check.clone(),
                fix: m.fix.as_deref().map(|f| fill(f, vars)),
                hint: m.hint.as_deref().map(|h| fill(h, vars)),
            },
            // Only a key missing from the data file gets here (a test sees
            // to it that none is): still a finding, never a panic.
            None => LintFinding {
                id: id.to_string(),
                severity: Severity::Warning,
                field: Field::Body,
                message: id.to_string(),
                check: None,
                fix: None,
                hint: None,
            },
        };
        self.0.push(finding);
    }

    /// [`Findings::add`] when the signal the data names for `key` is among
    /// `signals`; true when it was.
    pub(super) fn add_if_signalled(
        &mut self,
        key: &str,
        signals: &[Signal],
        vars: &[(&str, &str)],
    ) -> bool {
        let raised = message(key)
            .and_then(|m| m.signal.as_deref())
            .is_some_and(|id| signals.iter().any(|s| s.id == id));
        if raised {
            self.add(key, vars);
        }
        raised
    }
}
