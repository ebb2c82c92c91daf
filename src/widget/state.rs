//! The widget's state and the actions that change it, as in Yew's todomvc
//! example: one reducer, so every component sees the same truth. The state
//! holds the engine's answers; it decides nothing itself.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::engine::bundle::Client;
use crate::engine::link::LinkState;
use crate::engine::Diagnosis;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Diagnose,
    Reference,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub view: View,
    /// What the user pasted (never lost: bad input only changes the answer).
    pub paste: String,
    /// The engine's answer for `paste`, once worked out.
    pub diagnosis: Option<Rc<Diagnosis>>,
    /// True while a large paste is being worked on.
    pub busy: bool,
    /// The section on screen: the primary by default, or one the user opened.
    pub selected: Option<String>,
    /// Checklist items the user ticked as tried.
    pub ticked: BTreeSet<String>,
    pub query: String,
    pub client: Client,
}

impl Default for State {
    fn default() -> Self {
        State {
            view: View::Diagnose,
            paste: String::new(),
            diagnosis: None,
            busy: false,
            selected: None,
            ticked: BTreeSet::new(),
            query: String::new(),
            client: Client::CustomCode,
        }
    }
}

pub enum Action {
    /// The paste box changed; the diagnosis follows after a pause.
    Paste(String),
    Busy,
    Diagnosed(String, Rc<Diagnosis>),
    Select(Option<String>),
    ShowView(View),
    Toggle(String),
    SetTicked(BTreeSet<String>),
    Query(String),
    Client(Client),
    /// A link opened: section, ticks, paste.
    Link(LinkState),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Paste(text) => {
                if text.trim().is_empty() {
                    s.diagnosis = None;
                    s.selected = None;
                    s.busy = false;
                }
                s.paste = text;
            }
            Action::Busy => s.busy = true,
            Action::Diagnosed(for_paste, d) => {
                // An answer for an older paste is dropped.
                if for_paste != s.paste {
                    return self;
                }
                s.busy = false;
                s.selected = d.primary.clone();
                if let Some(client) =
                    crate::engine::bundle::Client::from_fact(d.facts.client.as_deref())
                {
                    s.client = client;
                }
                s.diagnosis = Some(d);
                s.view = View::Diagnose;
            }
            Action::Select(id) => {
                s.selected = id;
                s.view = View::Diagnose;
            }
            Action::ShowView(v) => s.view = v,
            Action::Toggle(id) => {
                if !s.ticked.remove(&id) {
                    s.ticked.insert(id);
                }
            }
            Action::SetTicked(t) => s.ticked = t,
            Action::Query(q) => s.query = q,
            Action::Client(c) => s.client = c,
            Action::Link(link) => {
                s.ticked.extend(link.ticked);
                if let Some(p) = link.paste {
                    s.paste = p;
                    s.diagnosis = None;
                }
                if link.section.is_some() {
                    s.selected = link.section;
                    s.view = View::Diagnose;
                }
                if link.reference {
                    s.view = View::Reference;
                }
            }
        }
        Rc::new(s)
    }
}
