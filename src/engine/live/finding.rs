//! A problem with a request, found before it is sent.

use serde::{Deserialize, Serialize};

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
}

pub(super) struct Findings(pub(super) Vec<LintFinding>);

impl Findings {
    pub(super) fn add(
        &mut self,
        id: &str,
        severity: Severity,
        field: Field,
        message: impl Into<String>,
        check: Option<&str>,
    ) {
        self.0.push(LintFinding {
            id: id.to_string(),
            severity,
            field,
            message: message.into(),
            check: check.map(str::to_string),
        });
    }
}
