//! A short reply for the customer, in Markdown, as a support agent would
//! write it in a chat: what happened, what to do (the fixes of the confirmed
//! and likely checks, in the checklist's order), the link to the section.
//! Built only from a [`Diagnosis`], whose strings are already redacted, and
//! the knowledge base's own text, so it holds nothing secret.

use super::diagnosis::{CheckState, ChecklistItem, Diagnosis};
use super::knowledge::knowledge_base;

/// At most this many steps: a chat reply, not the article.
const MAX_STEPS: usize = 5;

/// The reply for this diagnosis.
pub fn draft_reply(d: &Diagnosis) -> String {
    let mut out = String::from("Hi,\n\nThanks for sending the error.");
    let Some(primary) = d.primary_section() else {
        match d.facts.status {
            Some(s) if s < 400 => out.push_str(&format!(
                " What you sent shows a successful {s} response, so the API accepted that call. \
                 If something still goes wrong, could you send the failing response (status line, headers and body)?\n"
            )),
            _ => out.push_str(
                " I could not find a ScopeStack API error in it. Could you send the whole response \
                 (status line, headers and body) or the exact message your tool showed? \
                 Please mask tokens and passwords before you send it.\n",
            ),
        }
        return out;
    };
    let summary = knowledge_base()
        .section(&primary.id)
        .map(|s| first_sentence(&s.summary))
        .unwrap_or_default();
    out.push_str(&format!("\n\n**What happened:** {}", primary.title));
    if !summary.is_empty() {
        out.push_str(&format!(". {summary}"));
    }
    out.push('\n');
    if let Some(reason) = primary.reasons.first() {
        out.push_str(&format!("\nIn your error: {reason}\n"));
    }
    // The primary section's confirmed, then likely checks; then what the
    // evidence confirms elsewhere. A guess about another section would only
    // send the customer down a side road.
    let mut steps: Vec<&str> = Vec::new();
    let here = |c: &&ChecklistItem| c.section == primary.id;
    let order = [
        (CheckState::Confirmed, true),
        (CheckState::Likely, true),
        (CheckState::Confirmed, false),
    ];
    for (state, in_primary) in order {
        for c in d
            .checklist
            .iter()
            .filter(|c| c.state == state && here(c) == in_primary)
        {
            if !steps.contains(&c.solution.as_str()) {
                steps.push(&c.solution);
            }
        }
    }
    steps.truncate(MAX_STEPS);
    if steps.is_empty() {
        out.push_str("\n**What to do:** the error does not say which cause it is; the checklist in the article below goes through each one.\n");
    } else {
        out.push_str("\n**What to do:**\n");
        for (i, s) in steps.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", i + 1, s.trim()));
        }
    }
    out.push_str(&format!(
        "\nMore detail: [{}]({})\n",
        primary.title, primary.doc_url
    ));
    out
}

/// The summary's first sentence (up to the first `. ` outside a word).
fn first_sentence(s: &str) -> String {
    let s = s.trim();
    match s.find(". ") {
        Some(i) => s.get(..=i).unwrap_or(s).to_string(),
        None => s.to_string(),
    }
}
