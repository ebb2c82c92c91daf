//! The engine as a service: one request in, one response out, both JSON.
//! The widget talks to the engine only through this, from a Web Worker, so
//! a 10 MB paste never blocks the page and the engine's code is not part of
//! the widget's first load. Pure: the worker binary just carries messages.

use serde::{Deserialize, Serialize};

use super::diagnosis::{ChecklistItem, Diagnosis};
use super::knowledge::{knowledge_base, Section};
use super::link::{from_fragment, LinkState};
use super::search::search;

/// A request, tagged with the caller's id so answers can be matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub id: u64,
    pub body: T,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Request {
    /// Diagnose a paste.
    Diagnose { paste: String },
    /// Open one section with no evidence (every check unknown).
    Section { id: String },
    /// Sections matching a query (all for an empty one).
    Search { query: String },
    /// Read a URL fragment into widget state.
    Link { fragment: String },
}

/// What the widget shows of a section: the knowledge base's text, no rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionInfo {
    pub id: String,
    pub title: String,
    pub code: String,
    pub category: String,
    pub summary: String,
    pub doc_url: String,
    pub advice: Vec<String>,
    pub example: Option<String>,
}

impl From<&Section> for SectionInfo {
    fn from(s: &Section) -> Self {
        SectionInfo {
            id: s.id.clone(),
            title: s.title.clone(),
            code: s.code.clone(),
            category: s.category.clone(),
            summary: s.summary.clone(),
            doc_url: s.doc_url.clone(),
            advice: s.advice.clone(),
            example: s.example.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Response {
    /// The diagnosis, with the text of every section it ranks.
    Diagnosis {
        diagnosis: Diagnosis,
        sections: Vec<SectionInfo>,
    },
    Section {
        section: SectionInfo,
        checklist: Vec<ChecklistItem>,
    },
    Search {
        results: Vec<SectionInfo>,
        total: usize,
    },
    Link {
        state: LinkState,
    },
    /// The request could not be understood (never expected from the widget).
    Error {
        message: String,
    },
}

/// Answer one request.
pub fn respond(request: Request) -> Response {
    let kb = knowledge_base();
    match request {
        Request::Diagnose { paste } => {
            let diagnosis = super::diagnose(&paste);
            let sections = diagnosis
                .sections
                .iter()
                .filter_map(|r| kb.section(&r.id))
                .map(SectionInfo::from)
                .collect();
            Response::Diagnosis {
                diagnosis,
                sections,
            }
        }
        Request::Section { id } => match super::browse(&id) {
            Some((section, checklist)) => Response::Section {
                section: section.into(),
                checklist,
            },
            None => Response::Error {
                message: format!("there is no section {id}"),
            },
        },
        Request::Search { query } => Response::Search {
            results: search(kb, &query)
                .into_iter()
                .map(SectionInfo::from)
                .collect(),
            total: kb.sections.len(),
        },
        Request::Link { fragment } => Response::Link {
            state: from_fragment(kb, &fragment),
        },
    }
}

/// The wire form: an enveloped request as JSON in, an enveloped response as
/// JSON out. A message that is not a request gets an error answer with id 0.
pub fn handle(message: &str) -> String {
    let answer = match serde_json::from_str::<Envelope<Request>>(message) {
        Ok(env) => Envelope {
            id: env.id,
            body: respond(env.body),
        },
        Err(e) => Envelope {
            id: 0,
            body: Response::Error {
                message: format!("not a request: {e}"),
            },
        },
    };
    serde_json::to_string(&answer).unwrap_or_else(|_| {
        format!(
            "{{\"id\":{},\"body\":{{\"kind\":\"error\",\"message\":\"the answer could not be written\"}}}}",
            answer.id
        )
    })
}
