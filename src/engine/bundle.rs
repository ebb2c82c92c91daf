//! The support bundle: a ready-to-send message for ScopeStack support with
//! what the article's "Still seeing an error?" asks for — the full error
//! (redacted), the endpoint, the client in use — plus the diagnosis and what
//! the user already ruled out, so support does not ask again.

use super::diagnosis::{CheckState, ChecklistItem, Diagnosis};
use super::evidence::Platform;
use super::redact::seal::clean;

/// The client the integration is built with, as the user picks it (not
/// the [`Platform`] a paste shows, though that suggests one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    Postman,
    Workato,
    Zapier,
    CustomCode,
    Other,
}

impl Client {
    pub const ALL: [Client; 5] = [
        Client::Postman,
        Client::Workato,
        Client::Zapier,
        Client::CustomCode,
        Client::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Client::Postman => "Postman",
            Client::Workato => "Workato",
            Client::Zapier => "Zapier",
            Client::CustomCode => "Custom code",
            Client::Other => "Something else",
        }
    }

    /// The client the paste itself reveals (its `facts.client`), if any.
    pub fn from_fact(fact: Option<&str>) -> Option<Client> {
        Some(match Platform::from_name(fact?)? {
            Platform::Postman => Client::Postman,
            Platform::Workato => Client::Workato,
            Platform::Zapier => Client::Zapier,
            Platform::Python
            | Platform::Axios
            | Platform::Curl
            | Platform::Ruby
            | Platform::Browser => Client::CustomCode,
        })
    }
}

/// How much of the redacted error goes into the message.
pub const MAX_ERROR: usize = 6000;

/// The message, every part of it redacted: it is built only from a
/// diagnosis, whose strings the engine sealed (`redact::seal`) before they
/// left it. It is composed, not masked again, because the widget builds it
/// in its own module, which must not carry the redaction code (the first
/// load's budget); `sealed_support_bundle` masks it once more for callers
/// that have the engine at hand. `ticked` are the checks the user marked as
/// tried.
pub fn support_bundle(d: &Diagnosis, client: Client, ticked: &[String]) -> String {
    let mut out = String::from(
        "Hello ScopeStack support,\n\nI am getting an error from the ScopeStack API.\n\n",
    );
    let f = &d.facts;
    let endpoint = match (&f.method, &f.url) {
        (Some(m), Some(u)) => format!("{m} {u}"),
        (None, Some(u)) => u.clone(),
        _ => "(not in the error I pasted)".to_string(),
    };
    out.push_str(&format!("Endpoint: {endpoint}\n"));
    if let Some(slug) = &f.account_slug {
        out.push_str(&format!("Account slug: {slug}\n"));
    }
    out.push_str(&format!("Client: {}\n", client.label()));
    if let Some(s) = f.status {
        out.push_str(&format!("HTTP status: {s}\n"));
    }
    if let Some(e) = &f.oauth_error {
        out.push_str(&format!("OAuth error: {e}\n"));
    }
    match d.primary_section() {
        Some(p) => out.push_str(&format!(
            "Troubleshooter's diagnosis: {} ({})\n",
            p.title, p.doc_url
        )),
        None => out.push_str("Troubleshooter's diagnosis: no known error recognised\n"),
    }
    let confirmed = checks(d, |c| c.state == CheckState::Confirmed);
    if !confirmed.is_empty() {
        out.push_str(&format!(
            "Confirmed by the evidence: {}\n",
            confirmed.join("; ")
        ));
    }
    // Only ticks that belong to this diagnosis: a tick left over from
    // another error would mislead support.
    let tried = checks(d, |c| ticked.contains(&c.id));
    let ruled_out = checks(d, |c| c.state == CheckState::RuledOut);
    if !tried.is_empty() {
        out.push_str(&format!("Already checked: {}\n", tried.join("; ")));
    }
    if !ruled_out.is_empty() {
        out.push_str(&format!(
            "Ruled out by the evidence: {}\n",
            ruled_out.join("; ")
        ));
    }
    let error = d.redacted.trim();
    if !error.is_empty() {
        let cut: String = error.chars().take(MAX_ERROR).collect();
        let more = if cut.len() < error.len() {
            "\n(cut here; the full error is longer)"
        } else {
            ""
        };
        out.push_str(&format!(
            "\nThe error (secrets masked):\n-----\n{cut}{more}\n-----\n"
        ));
    }
    out.push_str("\nThank you!\n");
    out
}

/// The support message sealed once more as a whole (the CLI and tests,
/// where the engine is at hand).
pub fn sealed_support_bundle(d: &Diagnosis, client: Client, ticked: &[String]) -> String {
    clean(&support_bundle(d, client, ticked), &[])
}

/// The titles of the checks `keep` picks, in checklist order.
fn checks(d: &Diagnosis, keep: impl Fn(&ChecklistItem) -> bool) -> Vec<&str> {
    d.checklist
        .iter()
        .filter(|c| keep(c))
        .map(|c| c.check.as_str())
        .collect()
}
