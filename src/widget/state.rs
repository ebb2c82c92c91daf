//! The widget's state and the actions that change it, as in Yew's todomvc
//! example: one reducer, so every component sees the same truth. The state
//! holds the engine's answers; it decides nothing itself.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::api::SectionInfo;
use crate::engine::bundle::Client as Caller;
use crate::engine::link::LinkState;
use crate::engine::{ChecklistItem, Diagnosis};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Diagnose,
    Live,
    Reference,
}

/// A paste too large to copy into the widget (over `paste_box`'s limit):
/// kept as the browser's string and handed to the engine's worker as it is;
/// `State::paste` holds its start, for the box to show.
#[derive(Clone, PartialEq)]
pub struct Large {
    pub text: js_sys::JsString,
    /// Its length in UTF-16 units (its bytes, for the usual ASCII paste).
    pub len: usize,
}

impl std::fmt::Debug for Large {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Large({})", self.len)
    }
}

/// The engine's answer for a paste, with the text of its sections.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub diagnosis: Rc<Diagnosis>,
    pub sections: Vec<SectionInfo>,
}

/// A section opened without evidence for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Browsed {
    pub section: SectionInfo,
    pub checklist: Vec<ChecklistItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub query: String,
    pub sections: Vec<SectionInfo>,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub view: View,
    /// What the user pasted (never lost: bad input only changes the answer),
    /// or the start of it when it is `large`.
    pub paste: AttrValue,
    /// The whole of a paste too large to copy, when it is one.
    pub large: Option<Large>,
    /// The paste was typed (so it is diagnosed after a pause in typing);
    /// false for one that arrived whole, from a link, the host or a paste
    /// too large to copy, which is diagnosed at once.
    pub typed: bool,
    /// Bumped on every change of the paste, so late answers are dropped.
    pub generation: u64,
    pub answer: Option<Rc<Answer>>,
    /// True while the engine works on the current paste.
    pub busy: bool,
    /// The section on screen: the primary by default, or one the user opened.
    pub selected: Option<String>,
    /// A link chose the section: the diagnosis that follows does not move it.
    pub keep_selection: bool,
    pub browsed: Option<Rc<Browsed>>,
    pub results: Option<Rc<Results>>,
    /// Checklist items the user ticked as tried.
    pub ticked: Vec<String>,
    pub query: String,
    pub caller: Caller,
    /// Why the engine could not answer, for the user.
    pub error: Option<String>,
    /// Something the user should know that is not an error of theirs (an
    /// override knowledge base that could not be used).
    pub notice: Option<String>,
    /// The host's own knowledge base is in use (shown as `data-kb` on the
    /// widget's root, which is also what tests wait for).
    pub kb_override: bool,
    /// A support contact that arrived after start-up (a frame's, once its
    /// parent said hello); the options' own contact otherwise.
    pub support: Option<String>,
}

impl Default for State {
    fn default() -> Self {
        State {
            view: View::Diagnose,
            paste: AttrValue::default(),
            large: None,
            typed: false,
            generation: 0,
            answer: None,
            busy: false,
            selected: None,
            keep_selection: false,
            browsed: None,
            results: None,
            ticked: Vec::new(),
            query: String::new(),
            caller: Caller::CustomCode,
            error: None,
            notice: None,
            kb_override: false,
            support: None,
        }
    }
}

impl State {
    /// The text of a section, from the answer or from browsing.
    pub fn section_info(&self, id: &str) -> Option<&SectionInfo> {
        section_info(self.answer.as_deref(), self.browsed.as_deref(), id)
    }
}

/// The text of a section, from an answer or from browsing.
pub fn section_info<'a>(
    answer: Option<&'a Answer>,
    browsed: Option<&'a Browsed>,
    id: &str,
) -> Option<&'a SectionInfo> {
    answer
        .and_then(|a| a.sections.iter().find(|s| s.id == id))
        .or_else(|| browsed.map(|b| &b.section).filter(|s| s.id == id))
}

pub enum Action {
    /// The paste box changed; the diagnosis follows after a pause.
    Paste(String),
    /// A paste too large to copy arrived whole (pasted or dropped), with
    /// the start of it to show.
    PasteLarge(Large, String),
    Busy(u64),
    Answered(u64, Rc<Answer>),
    Browsed(Rc<Browsed>),
    Searched(Rc<Results>),
    Failed(String),
    Select(Option<String>),
    ShowView(View),
    Toggle(String),
    Query(String),
    Caller(Caller),
    /// A link opened: section, ticks, paste.
    Link(LinkState),
    /// Ticks restored from storage.
    Restore(Vec<String>),
    Notice(String),
    /// The host's knowledge base is in the engine: the paste is read again
    /// with it, so a paste typed while it loaded is not left with the
    /// built-in text.
    KnowledgeBaseApplied,
    /// A support contact the host vouched for after start-up.
    Support(String),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Paste(text) => {
                s.generation += 1;
                if text.trim().is_empty() {
                    s.answer = None;
                    s.selected = None;
                    s.busy = false;
                }
                s.error = None;
                s.keep_selection = false;
                s.paste = text.into();
                s.large = None;
                s.typed = true;
            }
            Action::PasteLarge(large, start) => {
                s.generation += 1;
                s.error = None;
                s.keep_selection = false;
                s.paste = start.into();
                s.large = Some(large);
                s.typed = false;
            }
            Action::Busy(generation) => s.busy = generation == s.generation,
            Action::Answered(generation, answer) => {
                if generation != s.generation {
                    return self;
                }
                s.busy = false;
                s.error = None;
                if !s.keep_selection || s.selected.is_none() {
                    s.selected = answer.diagnosis.primary.clone();
                }
                if let Some(caller) = Caller::from_fact(answer.diagnosis.facts.client.as_deref()) {
                    s.caller = caller;
                }
                s.answer = Some(answer);
                s.view = View::Diagnose;
            }
            Action::Browsed(b) => s.browsed = Some(b),
            Action::Searched(r) => s.results = Some(r),
            Action::Failed(message) => {
                s.busy = false;
                s.error = Some(message);
            }
            Action::Select(id) => {
                s.selected = id;
                s.view = View::Diagnose;
            }
            Action::ShowView(v) => s.view = v,
            Action::Toggle(id) => match s.ticked.iter().position(|t| *t == id) {
                Some(i) => {
                    s.ticked.remove(i);
                }
                None => s.ticked.push(id),
            },
            Action::Query(q) => s.query = q,
            Action::Caller(c) => s.caller = c,
            Action::Link(link) => {
                add_ticks(&mut s.ticked, link.ticked);
                if let Some(p) = link.paste {
                    // A new paste goes to its best match, unless this very
                    // link also names the section.
                    s.keep_selection = link.section.is_some();
                    s.generation += 1;
                    s.paste = p.into();
                    s.large = None;
                    s.typed = false;
                    s.answer = None;
                }
                if link.section.is_some() {
                    s.keep_selection = true;
                    s.selected = link.section;
                    s.view = View::Diagnose;
                }
                if link.reference {
                    s.view = View::Reference;
                }
            }
            Action::Restore(t) => add_ticks(&mut s.ticked, t),
            Action::Notice(n) => s.notice = Some(n),
            Action::Support(contact) => s.support = Some(contact),
            Action::KnowledgeBaseApplied => {
                s.kb_override = true;
                if !s.paste.trim().is_empty() {
                    s.generation += 1;
                }
            }
        }
        Rc::new(s)
    }
}

/// Add ticks, each once. (A list, not a set: a handful of ids, and no tree
/// code in the widget's download.)
fn add_ticks(ticked: &mut Vec<String>, more: Vec<String>) {
    for id in more {
        if !ticked.contains(&id) {
            ticked.push(id);
        }
    }
}
