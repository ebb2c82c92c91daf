//! The diagnosis engine: whatever a person pasted goes in, a [`Diagnosis`]
//! comes out. Pure Rust with no web crate, so the widget, the CLI and the
//! tests all share one decision-maker.
//!
//! The pipeline is `evidence` (recognise the paste) → `signals` (name what
//! the evidence proves or suggests) → `rules` (weigh signals against the
//! knowledge base) → `diagnosis` (the public, serialisable answer). `redact`
//! masks secrets in everything that leaves the engine. `api_facts` is what
//! ScopeStack's API is (hosts, paths, media type, grants), read by all.

pub mod api;
pub mod api_facts;
pub mod bundle;
pub mod diagnosis;
pub mod display;
pub mod evidence;
pub mod har_sanitize;
pub mod knowledge;
pub mod lexicon;
pub mod link;
pub mod live;
pub mod pairs;
pub mod pinpoint;
pub mod rate_limit;
pub mod redact;
pub mod reply;
pub mod rules;
pub mod search;
pub mod sent_expected;
pub mod signals;
pub mod triage;
pub mod util;
pub mod verify;

pub use diagnosis::{
    CheckState, ChecklistItem, Diagnosis, Facts, Pinpoint, RankedSection, SentExpected,
};
pub use knowledge::{knowledge_base, KnowledgeBase};

/// Diagnose one paste: the only entry point front ends need.
pub fn diagnose(input: &str) -> Diagnosis {
    let evidence = evidence::gather(input);
    let mut signals = signals::derive(&evidence);
    signals.extend(pairs::signals(&evidence, input));
    signals.extend(rate_limit::signals(&evidence, input));
    signals.extend(lexicon::signals(knowledge_base(), input));
    rules::decide(knowledge_base(), &evidence, &signals, input)
}

/// A section opened without a paste (from the reference view or a link):
/// every check is `unknown`, since there is no evidence yet.
pub fn browse(id: &str) -> Option<(&'static knowledge::Section, Vec<ChecklistItem>)> {
    let section = knowledge_base().section(id)?;
    Some((section, rules::checklist_for(section, &[])))
}
