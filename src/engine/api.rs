//! The engine as a service: one request in, one response out, both JSON.
//! The widget talks to the engine only through this, from a Web Worker, so
//! a 10 MB paste never blocks the page and the engine's code is not part of
//! the widget's first load. Pure: the worker binary just carries messages.
//!
//! Two families share the one protocol: what the widget asks
//! ([`WidgetRequest`]) and what the live-call panel asks ([`LiveRequest`]).
//! The envelope names the family (`{"id":1,"family":"live","body":…}`),
//! before the body, so the worker reads the body as that family's and an
//! answer says whose it is: both families have `error` and `diagnosis`,
//! which the body alone would not tell apart. Each front end only carries
//! the code to read its own answers, which keeps every download small;
//! externally tagged enums, because serde reads those without buffering.

use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::diagnosis::{ChecklistItem, Diagnosis};
use super::knowledge::{knowledge_base, Section};
use super::link::LinkState;
use super::live::{self, HttpRequest, LintFinding, Outcome, Shown, TokenRequest};
use super::redact::seal::{clean, seal};
use super::search::search;
use super::verify::Verification;

/// Whose question or answer a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    Widget,
    Live,
}

/// A message of one family: its requests and its responses.
pub trait InFamily {
    const FAMILY: Family;
}

/// A request or response, tagged with the caller's id so answers can be
/// matched, and with its family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub id: u64,
    pub family: Family,
    pub body: T,
}

impl<T: InFamily> Envelope<T> {
    /// `body` enveloped with `id` and its family.
    pub fn new(id: u64, body: T) -> Self {
        Envelope {
            id,
            family: T::FAMILY,
            body,
        }
    }
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

/// A text longer than this (in UTF-16 units, as the page counts) travels
/// beside its request rather than inside its JSON, and the page never
/// copies it: a paste shows only its start in the box and progress while it
/// is read, a live response body stays the browser's string.
pub const BESIDE_OVER: u32 = 256 * 1024;

/// A request whose large text may travel beside its JSON rather than in it
/// (see [`handle_with`]): that text takes its place here.
pub trait Beside {
    /// Put `text` where this request's large text goes; requests without
    /// one ignore it.
    fn put_beside(&mut self, _text: String) {}
}

impl Beside for WidgetRequest {
    fn put_beside(&mut self, text: String) {
        if let WidgetRequest::Diagnose { paste } = self {
            *paste = text;
        }
    }
}

impl Beside for LiveRequest {
    fn put_beside(&mut self, text: String) {
        if let LiveRequest::Exchange {
            outcome: Outcome::Response(response),
            ..
        } = self
        {
            response.body = text;
        }
    }
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
        /// The same call as sent before, when this one is it sent again:
        /// the engine says what the change did.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        previous: Option<Previous>,
    },
}

/// A call sent before, as the panel kept it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Previous {
    pub request: HttpRequest,
    pub outcome: Outcome,
    #[serde(default)]
    pub token_account: Option<String>,
}

impl InFamily for WidgetRequest {
    const FAMILY: Family = Family::Widget;
}

impl InFamily for LiveRequest {
    const FAMILY: Family = Family::Live;
}

/// What the worker reads: a request of either family.
// Messages are built once and moved once; boxing would only add noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Widget(WidgetRequest),
    Live(LiveRequest),
}

/// An enveloped request as the worker reads it: the family, which comes
/// before the body, says which family's request the body is.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub id: u64,
    pub request: Request,
}

impl<'de> Deserialize<'de> for Incoming {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Read;
        impl<'de> Visitor<'de> for Read {
            type Value = Incoming;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an envelope: id, family, then body")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Incoming, M::Error> {
                let (mut id, mut family, mut request) = (None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "id" => id = Some(map.next_value::<u64>()?),
                        "family" => family = Some(map.next_value::<Family>()?),
                        "body" => {
                            request = Some(match family {
                                Some(Family::Widget) => Request::Widget(map.next_value()?),
                                Some(Family::Live) => Request::Live(map.next_value()?),
                                None => {
                                    return Err(de::Error::custom(
                                        "the family comes before the body",
                                    ))
                                }
                            })
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(Incoming {
                    id: id.ok_or_else(|| de::Error::missing_field("id"))?,
                    request: request.ok_or_else(|| de::Error::missing_field("body"))?,
                })
            }
        }
        d.deserialize_map(Read)
    }
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
    /// The diagnosis of a live call, with the text of every section it
    /// ranks, and the answer to show, already masked.
    Diagnosis {
        diagnosis: Diagnosis,
        sections: Vec<SectionInfo>,
        shown: Shown,
        /// When the call failed: the lint's findings of the request sent
        /// that know the value to put instead (what "Send again" puts in).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        fixes: Vec<LintFinding>,
        /// When the call was sent again: what the change did.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        verification: Option<Verification>,
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

impl InFamily for WidgetResponse {
    const FAMILY: Family = Family::Widget;
}

impl InFamily for LiveResponse {
    const FAMILY: Family = Family::Live;
}

/// What the worker writes: an answer of the asking family.
// Built once and moved once, as the requests.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Response {
    Widget(WidgetResponse),
    Live(LiveResponse),
}

impl Response {
    pub fn family(&self) -> Family {
        match self {
            Response::Widget(_) => Family::Widget,
            Response::Live(_) => Family::Live,
        }
    }
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
            let (mut diagnosis, sections) = with_sections(super::diagnose(&paste));
            cut_echo(&mut diagnosis.redacted);
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
            previous,
        } => {
            let (diagnosis, shown) =
                live::answer_exchange(&request, &outcome, token_account.as_deref());
            let verification = previous.as_ref().and_then(|p| {
                let before = live::Before {
                    request: &p.request,
                    outcome: &p.outcome,
                    token_account: p.token_account.as_deref(),
                };
                live::verify_exchange(&before, &request, &outcome, &diagnosis)
            });
            // A call that failed may be sent again with what the lint
            // knows to put instead.
            let fixes = match diagnosis.primary {
                Some(_) => live::lint(&request)
                    .into_iter()
                    .filter(|f| f.fix.is_some())
                    .collect(),
                None => Vec::new(),
            };
            let (mut diagnosis, sections) = with_sections(diagnosis);
            cut_echo(&mut diagnosis.redacted);
            LiveResponse::Diagnosis {
                diagnosis,
                sections,
                shown,
                fixes,
                verification,
            }
        }
        LiveRequest::Lint { request, allowed } => LiveResponse::Lint {
            findings: live::lint_for(&request, &allowed),
            curl: clean(&live::to_curl(&request), &[]),
        },
        LiveRequest::LintToken { request, allowed } => LiveResponse::LintToken {
            findings: live::lint_token_for(&request, &allowed),
            confusable: live::confusable(&request.client_id),
            request: live::token_http_request(&request),
        },
    }
}

/// A diagnosis with the text of every section it ranks, sealed once more
/// on its way out (a live call's diagnosis has had its known secrets
/// replaced; this is the same last pass every answer gets).
fn with_sections(mut diagnosis: Diagnosis) -> (Diagnosis, Vec<SectionInfo>) {
    seal(&mut diagnosis, &[]);
    let kb = knowledge_base();
    let sections = diagnosis
        .sections
        .iter()
        .filter_map(|r| kb.section(&r.id))
        .map(SectionInfo::from)
        .collect();
    (diagnosis, sections)
}

/// The most of the redacted paste a widget's diagnosis carries: more than
/// the widget ever shows of it (the support message's
/// [`MAX_ERROR`](super::bundle::MAX_ERROR), twice over, so it still knows
/// when to say the error was cut; a link's
/// [`MAX_LINK_PASTE`](super::link::MAX_LINK_PASTE)). A 10 MB paste's answer
/// then stays a few kilobytes, which the page reads in no time.
pub const ECHO: usize = 2 * super::bundle::MAX_ERROR;

/// `redacted` cut to its first [`ECHO`] characters.
fn cut_echo(redacted: &mut String) {
    if let Some((end, _)) = redacted.char_indices().nth(ECHO) {
        redacted.truncate(end);
    }
}

/// The wire form: an enveloped request as JSON in, an enveloped response of
/// the same family as JSON out. A message that is not a request gets a
/// widget error answer with id 0.
pub fn handle(message: &str) -> String {
    handle_with(message, None)
}

/// [`handle`] for a message whose large text travels beside it rather than
/// inside its JSON (the page posts a big paste to the worker as it is, so
/// its main thread never writes megabytes of JSON): `beside` becomes the
/// paste of a widget `diagnose` request, or the response body of a live
/// `exchange` ([`Beside`]); others ignore it.
pub fn handle_with(message: &str, beside: Option<String>) -> String {
    let (id, body) = match serde_json::from_str::<Incoming>(message) {
        Ok(mut incoming) => {
            if let Some(text) = beside {
                match &mut incoming.request {
                    Request::Widget(r) => r.put_beside(text),
                    Request::Live(r) => r.put_beside(text),
                }
            }
            (incoming.id, respond(incoming.request))
        }
        Err(e) => (
            0,
            Response::Widget(WidgetResponse::Error {
                message: format!("not a request: {e}"),
            }),
        ),
    };
    let answer = Envelope {
        id,
        family: body.family(),
        body,
    };
    serde_json::to_string(&answer).unwrap_or_else(|_| {
        let family = match answer.family {
            Family::Widget => "widget",
            Family::Live => "live",
        };
        format!(
            "{{\"id\":{id},\"family\":\"{family}\",\"body\":{{\"error\":{{\"message\":\"the answer could not be written\"}}}}}}"
        )
    })
}
