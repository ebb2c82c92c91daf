//! The engine as a service: one request in, one response out, both JSON.
//! The widget talks to the engine only through this, from a Web Worker, so
//! a 10 MB paste never blocks the page and the engine's code is not part of
//! the widget's first load. Pure: the worker binary just carries messages.
//!
//! Two families share the one worker: what the widget asks
//! ([`WidgetRequest`]) and what the live-call panel asks ([`LiveRequest`]).
//! Each front end only carries the code to read its own answers, which keeps
//! every download small; externally tagged enums, because serde reads those
//! without buffering.

use serde::{Deserialize, Serialize};

use super::diagnosis::{ChecklistItem, Diagnosis};
use super::knowledge::{knowledge_base, Section};
use super::link::LinkState;
use super::live::{self, HttpRequest, LintFinding, Outcome, TokenRequest};
use super::search::search;

/// A request, tagged with the caller's id so answers can be matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub id: u64,
    pub body: T,
}

/// What the widget asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WidgetRequest {
    /// Diagnose a paste.
    Diagnose { paste: String },
    /// Open one section with no evidence (every check unknown).
    Section { id: String },
    /// Sections matching a query (all for an empty one).
    Search { query: String },
    /// Read a URL fragment into widget state.
    Link { fragment: String },
    /// Use this knowledge base (JSON, built-in schema) instead of the
    /// built-in one.
    UseKnowledgeBase { json: String },
    /// Nothing to answer but "ready": sent once the page is idle, so the
    /// engine is loaded before the first paste, and the page keeps working
    /// if the network goes away after it loaded.
    Warm,
}

/// What the live-call panel asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LiveRequest {
    /// Check a live-call request before it is sent; `allowed` are the
    /// origins the page allows besides ScopeStack's.
    Lint {
        request: HttpRequest,
        #[serde(default)]
        allowed: Vec<String>,
    },
    /// Check the token form and build the request it stands for.
    LintToken {
        request: TokenRequest,
        #[serde(default)]
        allowed: Vec<String>,
    },
    /// Diagnose a live call: the request as sent and what came back, and
    /// the account the token belongs to, if the panel asked `/v1/me`.
    Exchange {
        request: HttpRequest,
        outcome: Outcome,
        #[serde(default)]
        token_account: Option<String>,
    },
}

/// What the worker reads: a request of either family.
// Messages are built once and moved once; boxing would only add noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Request {
    Widget(WidgetRequest),
    Live(LiveRequest),
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

// The diagnosis is built once and moved once, as `LiveResponse`'s.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WidgetResponse {
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
        /// The fragment to show in the address bar instead of the one read,
        /// when masking changed its paste.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rewrite: Option<String>,
    },
    /// The override knowledge base is in use.
    KnowledgeBase { sections: usize },
    /// The engine is loaded.
    Ready,
    /// The request could not be answered.
    Error { message: String },
}

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LiveResponse {
    /// The diagnosis of a live call, with the text of every section it ranks.
    Diagnosis {
        diagnosis: Diagnosis,
        sections: Vec<SectionInfo>,
    },
    /// What is wrong with a request, and the same request as a curl command.
    Lint {
        findings: Vec<LintFinding>,
        curl: String,
    },
    /// What is wrong with the token form; `request` is what to send.
    LintToken {
        findings: Vec<LintFinding>,
        /// Character indices of look-alike characters in the client_id.
        confusable: Vec<usize>,
        request: HttpRequest,
    },
    /// The request could not be answered.
    Error { message: String },
}

/// What the worker writes: an answer of the asking family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Response {
    Widget(WidgetResponse),
    Live(LiveResponse),
}

/// Answer one request.
pub fn respond(request: Request) -> Response {
    match request {
        Request::Widget(r) => Response::Widget(respond_widget(r)),
        Request::Live(r) => Response::Live(respond_live(r)),
    }
}

/// Answer the widget.
pub fn respond_widget(request: WidgetRequest) -> WidgetResponse {
    let kb = knowledge_base();
    match request {
        WidgetRequest::Diagnose { paste } => {
            let (diagnosis, sections) = with_sections(super::diagnose(&paste));
            WidgetResponse::Diagnosis {
                diagnosis,
                sections,
            }
        }
        WidgetRequest::Section { id } => match super::browse(&id) {
            Some((section, checklist)) => WidgetResponse::Section {
                section: section.into(),
                checklist,
            },
            None => WidgetResponse::Error {
                message: format!("there is no section {id}"),
            },
        },
        WidgetRequest::Search { query } => WidgetResponse::Search {
            results: search(kb, &query)
                .into_iter()
                .map(SectionInfo::from)
                .collect(),
            total: kb.sections.len(),
        },
        WidgetRequest::Link { fragment } => {
            let (state, rewrite) = super::link::read_address(kb, &fragment);
            WidgetResponse::Link { state, rewrite }
        }
        WidgetRequest::Warm => WidgetResponse::Ready,
        WidgetRequest::UseKnowledgeBase { json } => match super::knowledge::use_override(&json) {
            Ok(sections) => WidgetResponse::KnowledgeBase { sections },
            Err(message) => WidgetResponse::Error { message },
        },
    }
}

/// Answer the live-call panel.
pub fn respond_live(request: LiveRequest) -> LiveResponse {
    match request {
        LiveRequest::Exchange {
            request,
            outcome,
            token_account,
        } => {
            let (diagnosis, sections) = with_sections(live::diagnose_exchange_as(
                &request,
                &outcome,
                token_account.as_deref(),
            ));
            LiveResponse::Diagnosis {
                diagnosis,
                sections,
            }
        }
        LiveRequest::Lint { request, allowed } => LiveResponse::Lint {
            findings: live::lint_for(&request, &allowed),
            curl: live::to_curl(&request),
        },
        LiveRequest::LintToken { request, allowed } => LiveResponse::LintToken {
            findings: live::lint_token_for(&request, &allowed),
            confusable: live::confusable(&request.client_id),
            request: live::token_http_request(&request),
        },
    }
}

/// A diagnosis with the text of every section it ranks.
fn with_sections(diagnosis: Diagnosis) -> (Diagnosis, Vec<SectionInfo>) {
    let kb = knowledge_base();
    let sections = diagnosis
        .sections
        .iter()
        .filter_map(|r| kb.section(&r.id))
        .map(SectionInfo::from)
        .collect();
    (diagnosis, sections)
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
            body: Response::Widget(WidgetResponse::Error {
                message: format!("not a request: {e}"),
            }),
        },
    };
    serde_json::to_string(&answer).unwrap_or_else(|_| {
        format!(
            "{{\"id\":{},\"body\":{{\"error\":{{\"message\":\"the answer could not be written\"}}}}}}",
            answer.id
        )
    })
}
