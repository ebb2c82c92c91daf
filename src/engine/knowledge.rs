//! The knowledge base: every section of ScopeStack's "API Error Codes"
//! article (plus what the API facts add), each with its checks and fixes, and
//! the signals that point to them. It is data, kept in `static/kb.json` and
//! compiled in, so that the help team can read and change it without touching
//! rules, and so that an embedding page can supply an override in the same
//! schema.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The built-in knowledge base, as shipped.
pub const KB_JSON: &str = include_str!("../../static/kb.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeBase {
    /// The official article every section links into.
    pub article_url: String,
    pub sections: Vec<Section>,
}

/// One part of the article: a status, an OAuth error, or advice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Public, stable kebab-case id (`401-unauthorized`); never renamed.
    pub id: String,
    pub title: String,
    /// What a person searches for: `401`, `invalid_grant`, `406 / 415`.
    pub code: String,
    /// The article's category (`Authentication`, `Permissions`, …).
    pub category: String,
    /// Plain-language one-paragraph summary, in our own words.
    pub summary: String,
    /// Link to the section's place in the official article.
    pub doc_url: String,
    /// The heading of this part in the source article, when it has one; the
    /// coverage test matches the article against these.
    #[serde(default)]
    pub article_heading: Option<String>,
    /// An example error body as the API returns it.
    #[serde(default)]
    pub example: Option<String>,
    /// Extra advice paragraphs shown under the checklist.
    #[serde(default)]
    pub advice: Vec<String>,
    /// Signals that point to this section, each with a weight in (0, 1].
    #[serde(default)]
    pub triggers: Vec<Trigger>,
    pub checks: Vec<Check>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    /// A signal id from `signals::CATALOGUE` (`status:401`, `oauth:invalid_grant`).
    pub signal: String,
    pub weight: f64,
}

/// One row of a table in the article (or one the facts add): a thing to
/// check and how to fix it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// Short kebab-case id; the public id is `<section>/<check>`.
    pub id: String,
    /// What to check, as a person would say it.
    pub title: String,
    /// How to fix it.
    pub solution: String,
    /// The article's own row label this check covers, if it comes from a table.
    #[serde(default)]
    pub article_row: Option<String>,
    /// Signals that prove this check is the cause.
    #[serde(default)]
    pub confirmed_by: Vec<String>,
    /// Signals that point to it without proving it.
    #[serde(default)]
    pub likely_by: Vec<String>,
    /// Signals that prove it is not the cause.
    #[serde(default)]
    pub ruled_out_by: Vec<String>,
    /// What people write when this is the cause, in their words (any
    /// language), matched typo-tolerantly (see `lexicon`). A hit makes the
    /// check likely and counts towards the section with its weight.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phrases: Vec<Phrase>,
}

/// One phrase of the lexicon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "PhraseJson")]
pub struct Phrase {
    /// The words, as people write them; a word ending in `*` matches any
    /// ending (`offboard*`).
    pub text: String,
    /// How strongly the phrase points to its section, in (0, 1].
    pub weight: f64,
    /// The words folded for matching, worked out once when the knowledge
    /// base is read rather than for every paste.
    #[serde(skip_serializing)]
    pub words: Vec<String>,
}

/// A phrase as the knowledge base's JSON spells it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PhraseJson {
    text: String,
    weight: f64,
}

impl From<PhraseJson> for Phrase {
    fn from(p: PhraseJson) -> Phrase {
        Phrase {
            words: crate::engine::lexicon::phrase_words(&p.text),
            text: p.text,
            weight: p.weight,
        }
    }
}

impl KnowledgeBase {
    /// Parse and validate a knowledge base in this schema.
    pub fn from_json(json: &str) -> Result<Self, String> {
        let kb: KnowledgeBase =
            serde_json::from_str(json).map_err(|e| format!("knowledge base is not valid: {e}"))?;
        kb.validate()?;
        Ok(kb)
    }

    /// Ids unique, every trigger and check signal known, weights in range.
    pub fn validate(&self) -> Result<(), String> {
        let mut seen = std::collections::HashSet::new();
        for s in &self.sections {
            if !seen.insert(s.id.as_str()) {
                return Err(format!("section id {} appears twice", s.id));
            }
            // A knowledge base may come from a host page (`kb-url`): its
            // links are rendered, so only plain https links pass.
            if !is_https_link(&s.doc_url) {
                return Err(format!("{}: doc_url must be an https:// link", s.id));
            }
            for t in &s.triggers {
                if !(t.weight > 0.0 && t.weight <= 1.0) {
                    return Err(format!(
                        "{}: trigger {} weight out of (0, 1]",
                        s.id, t.signal
                    ));
                }
                check_signal(&s.id, &t.signal)?;
            }
            let mut checks = std::collections::HashSet::new();
            for c in &s.checks {
                if !checks.insert(c.id.as_str()) {
                    return Err(format!("check {}/{} appears twice", s.id, c.id));
                }
                for sig in c
                    .confirmed_by
                    .iter()
                    .chain(&c.likely_by)
                    .chain(&c.ruled_out_by)
                {
                    check_signal(&format!("{}/{}", s.id, c.id), sig)?;
                }
                for p in &c.phrases {
                    if !(p.weight > 0.0 && p.weight <= 1.0) {
                        return Err(format!(
                            "{}/{}: phrase \"{}\" weight out of (0, 1]",
                            s.id, c.id, p.text
                        ));
                    }
                    if !crate::engine::lexicon::valid_phrase(&p.text) {
                        return Err(format!(
                            "{}/{}: phrase \"{}\" has no word to match",
                            s.id, c.id, p.text
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

fn check_signal(owner: &str, signal: &str) -> Result<(), String> {
    if crate::engine::signals::is_known(signal) {
        Ok(())
    } else {
        Err(format!("{owner}: unknown signal {signal}"))
    }
}

/// A knowledge base an embedding page supplied in place of the built-in one,
/// and the text it was read from.
static OVERRIDE: OnceLock<(KnowledgeBase, String)> = OnceLock::new();

/// Use a knowledge base in this schema instead of the built-in one, from now
/// on. It must be valid and keep every public section id of the built-in
/// one, so links, the CLI's JSON and support tickets keep meaning the same.
/// One override per run: the same one again is fine (several widgets on a
/// page share the engine), a different one is refused.
/// `https://host/…` and nothing that could be read as another scheme or
/// break out of an attribute.
fn is_https_link(url: &str) -> bool {
    url.strip_prefix("https://").is_some_and(|rest| {
        !rest.is_empty()
            && !rest.starts_with('/')
            && !rest.chars().any(|c| {
                c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\')
            })
    })
}

pub fn use_override(json: &str) -> Result<usize, String> {
    if let Some((kb, text)) = OVERRIDE.get() {
        return if text == json {
            Ok(kb.sections.len())
        } else {
            Err("another knowledge base override is already in use on this page".to_string())
        };
    }
    let kb = KnowledgeBase::from_json(json)?;
    let builtin = builtin();
    let missing: Vec<&str> = builtin
        .sections
        .iter()
        .filter(|s| kb.section(&s.id).is_none())
        .map(|s| s.id.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the knowledge base lacks section{} {}",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", ")
        ));
    }
    let sections = kb.sections.len();
    OVERRIDE.set((kb, json.to_string())).map_err(|_| {
        "another knowledge base override is already in use on this page".to_string()
    })?;
    Ok(sections)
}

/// The knowledge base in use: the page's override, or the built-in one.
pub fn knowledge_base() -> &'static KnowledgeBase {
    OVERRIDE.get().map(|(kb, _)| kb).unwrap_or_else(builtin)
}

/// The compiled-in knowledge base. A broken built-in file is a build defect
/// caught by the tests, so at run time it falls back to an empty base rather
/// than panicking.
fn builtin() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| {
        KnowledgeBase::from_json(KB_JSON).unwrap_or_else(|_| KnowledgeBase {
            article_url: String::new(),
            sections: Vec::new(),
        })
    })
}
