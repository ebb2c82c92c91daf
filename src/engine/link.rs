//! Widget state ⇄ URL fragment. Links are pasted into chats, so the fragment
//! never carries a secret: a paste goes in only when the user asks, and only
//! redacted. Support agents type short links by hand (`#401-unauthorized`,
//! `#invalid_grant`, `#401`), so those open a section directly.

use serde::{Deserialize, Serialize};

use super::knowledge::KnowledgeBase;
use super::redact::redact;

/// How much of a (redacted) paste a link may carry, so links stay short
/// enough for chat tools; the error is nearly always in the first lines.
pub const MAX_LINK_PASTE: usize = 1500;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkState {
    /// The section to open.
    pub section: Option<String>,
    /// Checklist items the user ticked (`<section>/<check>` ids).
    pub ticked: Vec<String>,
    /// A paste to diagnose.
    pub paste: Option<String>,
    /// Open the quick-reference view.
    pub reference: bool,
}

/// The fragment for a state, with its leading `#`. Only known section and
/// check ids are written, and the paste is redacted and cut to
/// [`MAX_LINK_PASTE`] characters.
pub fn to_fragment(kb: &KnowledgeBase, state: &LinkState) -> String {
    let section = state
        .section
        .as_deref()
        .filter(|id| kb.section(id).is_some());
    let ticked: Vec<&str> = state
        .ticked
        .iter()
        .map(String::as_str)
        .filter(|id| is_check(kb, id))
        .collect();
    let paste = state.paste.as_deref().map(|p| redact(p).text);
    fragment(section, &ticked, paste.as_deref(), state.reference)
}

/// The fragment for ids the engine produced and a paste it already
/// redacted (a diagnosis's `redacted`): what the widget calls, with no
/// knowledge base at hand.
pub fn fragment(
    section: Option<&str>,
    ticked: &[&str],
    redacted_paste: Option<&str>,
    reference: bool,
) -> String {
    let paste = redacted_paste.map(str::trim).filter(|p| !p.is_empty());
    if ticked.is_empty() && paste.is_none() && !reference {
        return section.map(|s| format!("#{s}")).unwrap_or_default();
    }
    let mut parts = Vec::new();
    if reference {
        parts.push("view=reference".to_string());
    }
    if let Some(s) = section {
        parts.push(format!("s={s}"));
    }
    if !ticked.is_empty() {
        parts.push(format!("t={}", encode(&ticked.join(","))));
    }
    if let Some(p) = paste {
        // Composed, not masked again: the paste is the engine's sealed
        // `redacted` (the widget calls this in its own module, which must
        // not carry the redaction code; `to_fragment` masks a raw paste).
        let cut: String = p.chars().take(MAX_LINK_PASTE).collect();
        parts.push(format!("p={}", encode(&cut)));
    }
    format!("#{}", parts.join("&"))
}

/// Read a fragment (with or without `#`). Unknown ids are dropped; a bare
/// status or OAuth code opens its section.
pub fn from_fragment(kb: &KnowledgeBase, fragment: &str) -> LinkState {
    let frag = fragment.trim().trim_start_matches('#');
    let mut state = LinkState::default();
    if frag.is_empty() {
        return state;
    }
    if !frag.contains('=') {
        let word = decode(frag);
        if word == "reference" || word == "quick-reference" {
            state.reference = word == "reference";
            state.section = (word == "quick-reference").then(|| word.clone());
        } else {
            state.section = resolve_section(kb, &word);
        }
        return state;
    }
    for pair in frag.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode(value);
        match key {
            "s" => state.section = resolve_section(kb, &value),
            "t" => {
                state.ticked = value
                    .split(',')
                    .filter(|id| is_check(kb, id))
                    .map(str::to_string)
                    .collect()
            }
            // Whatever a link carries is redacted again: a hand-made link
            // must not be a way to smuggle a secret onto the screen unmasked.
            "p" => state.paste = Some(redact(&value).text).filter(|p| !p.trim().is_empty()),
            "view" => state.reference = value == "reference",
            _ => {}
        }
    }
    state
}

/// Read a fragment from the address bar: its state, and the fragment to put
/// there instead when it carried a paste with something masking changed (a
/// hand-made `#p=` link with a raw token), so the secret does not stay in
/// the address bar or the history.
pub fn read_address(kb: &KnowledgeBase, address: &str) -> (LinkState, Option<String>) {
    let state = from_fragment(kb, address);
    let raw = address
        .trim()
        .trim_start_matches('#')
        .split('&')
        .filter_map(|pair| pair.strip_prefix("p="))
        .map(decode)
        .next();
    let masked = match (&raw, &state.paste) {
        (Some(raw), Some(shown)) => raw.trim() != shown.trim(),
        (Some(raw), None) => !raw.trim().is_empty(),
        _ => false,
    };
    let rewrite = masked.then(|| to_fragment(kb, &state));
    (state, rewrite)
}

/// A section id, or a code people type (`401`, `invalid_grant`, `504`).
pub fn resolve_section(kb: &KnowledgeBase, word: &str) -> Option<String> {
    let w = word.trim().to_ascii_lowercase();
    if w.is_empty() {
        return None;
    }
    if let Some(s) = kb.section(&w) {
        return Some(s.id.clone());
    }
    let dashed = w.replace('_', "-");
    kb.sections
        .iter()
        .find(|s| {
            s.code.to_ascii_lowercase() == w
                || s.id == format!("oauth-{dashed}")
                || s.id.starts_with(&format!("{w}-"))
        })
        .map(|s| s.id.clone())
}

/// True when `id` is `<section>/<check>` of this knowledge base.
pub fn is_check(kb: &KnowledgeBase, id: &str) -> bool {
    id.split_once('/').is_some_and(|(section, check)| {
        kb.section(section)
            .is_some_and(|s| s.checks.iter().any(|c| c.id == check))
    })
}

pub use super::util::percent::{decode, fragment_encode as encode};
