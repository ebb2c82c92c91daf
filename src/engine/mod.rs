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
/// Only the first [`MAX_INPUT`] bytes of a larger paste are read, and the
/// diagnosis says so: errors sit at the start of what people paste, and
/// this bounds the work whatever arrives (50 MB, a million `{`).
pub fn diagnose(input: &str) -> Diagnosis {
    let read = evidence::text::clip(input, MAX_INPUT);
    let mut d = diagnose_all(read);
    if read.len() < input.len() {
        d.notice = Some(too_large(input.len()));
    }
    d
}

/// The most of one input the engine reads (16 MiB).
pub const MAX_INPUT: usize = evidence::MAX_SCAN;

/// What a reader is told when only the start of the input was read.
pub fn too_large(len: usize) -> String {
    format!(
        "This paste is too large to read whole ({} MB): only its first {} MB were read. If the error is further on, paste that part instead.",
        display::megabytes(len),
        display::megabytes(MAX_INPUT)
    )
}

fn diagnose_all(input: &str) -> Diagnosis {
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
