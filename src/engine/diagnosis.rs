//! The engine's answer, in the shape of the public contract (DESIGN.md, "The
//! CLI's JSON"): the widget renders it, the CLI prints it, support tooling
//! reads it. Every string in it is already redacted.

use std::fmt;

use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckState {
    Confirmed,
    Likely,
    Unknown,
    RuledOut,
}

impl CheckState {
    /// The wire name (`confirmed`, `likely`, `ruled_out`, `unknown`).
    pub fn as_str(self) -> &'static str {
        match self {
            CheckState::Confirmed => "confirmed",
            CheckState::Likely => "likely",
            CheckState::Unknown => "unknown",
            CheckState::RuledOut => "ruled_out",
        }
    }

    /// Words for a person; never a colour alone.
    pub fn label(self) -> &'static str {
        match self {
            CheckState::Confirmed => "Confirmed",
            CheckState::Likely => "Likely",
            CheckState::Unknown => "Not known yet",
            CheckState::RuledOut => "Ruled out",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedSection {
    pub id: String,
    pub title: String,
    /// Strength of the evidence for this section, in [0, 1].
    pub score: f64,
    /// Sentences quoting the evidence that pointed here.
    pub reasons: Vec<String>,
    pub doc_url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// `<section>/<check>`.
    pub id: String,
    pub section: String,
    pub check: String,
    pub solution: String,
    pub state: CheckState,
    /// One sentence quoting the evidence; null when the state is unknown.
    pub why: Option<String>,
}

/// What was recognised, for display and for support tooling.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    pub format: Option<String>,
    pub status: Option<u16>,
    pub oauth_error: Option<String>,
    pub method: Option<String>,
    pub url: Option<String>,
    pub account_slug: Option<String>,
    /// Error titles/details, as the API wrote them.
    pub details: Vec<String>,
    /// Not read back: no front end shows them (the widget's first load
    /// is spared the field).
    #[serde(default, skip_deserializing)]
    pub pointers: Vec<String>,
    /// The attribute a validation error names, when one does.
    pub attribute: Option<String>,
    /// The client the paste came from (`postman`, `workato`, …).
    pub client: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// The best section, or null when the input holds no error.
    pub primary: Option<String>,
    /// Candidate sections, best first.
    pub sections: Vec<RankedSection>,
    /// The primary section's checks (then the others shown), confirmed and
    /// likely first.
    pub checklist: Vec<ChecklistItem>,
    pub facts: Facts,
    /// The input with every secret masked.
    pub redacted: String,
    /// What was masked, for a person: "1 bearer token, 1 client secret masked".
    pub redaction_summary: Option<String>,
    /// Something the reader must know about how the input was read (only
    /// its start was, when it is too large; see `diagnose`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    /// A short reply for the customer, in Markdown (see `reply`).
    #[serde(default)]
    pub reply: String,
    /// The request body with the member a 400/422 names marked, or where it
    /// belongs in a minimal JSON:API body (see `pinpoint`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinpoint: Option<Box<Pinpoint>>,
    /// What the request sent next to what it should have (see
    /// `sent_expected`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sent_vs_expected: Vec<SentExpected>,
    /// The pasted HAR with every secret masked, still a HAR (see
    /// `har_sanitize`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sanitized_har: Option<String>,
}

/// Where the member an error names stands in the request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pinpoint {
    /// The member's JSON pointer (`/data/attributes/name`). Not read back
    /// (see `Record`): the note names it.
    pub path: String,
    /// True when the member is in the body sent; false when `body` is a
    /// minimal JSON:API body showing where it belongs.
    pub present: bool,
    /// The body (redacted), or the minimal body.
    pub body: String,
    /// Byte span of the member in `body` (start, end).
    pub span: (usize, usize),
    /// Lines of `body` the member covers, 1-based and inclusive (not read
    /// back, as `path`).
    pub lines: (usize, usize),
    /// One sentence for a person.
    pub note: String,
}

/// One value the request sent next to the one it needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentExpected {
    pub what: String,
    pub sent: String,
    pub expected: String,
    /// Byte span of `sent` that differs from `expected`.
    pub sent_span: (usize, usize),
    /// Byte span of `expected` that differs from `sent`.
    pub expected_span: (usize, usize),
}

/// How `Pinpoint` and `SentExpected` are read back (by the widget, from
/// the worker): one hand-written map visitor for both, reading their string,
/// span and flag members by name and ignoring the rest. serde's derive
/// would give each record its own field and sequence visitors, about 1 KB
/// gzip of the widget's first load; a member missing reads as empty.
struct Record {
    strings: &'static [&'static str],
    spans: &'static [&'static str],
    flag: &'static str,
}

/// A record's members, in the order its `Record` names them.
struct Members {
    strings: Vec<String>,
    spans: Vec<(usize, usize)>,
    flag: bool,
}

impl Members {
    fn string(&mut self, i: usize) -> String {
        self.strings
            .get_mut(i)
            .map(std::mem::take)
            .unwrap_or_default()
    }

    fn span(&self, i: usize) -> (usize, usize) {
        self.spans.get(i).copied().unwrap_or_default()
    }
}

impl<'de> Visitor<'de> for Record {
    type Value = Members;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a record of strings and spans")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Members, M::Error> {
        let mut out = Members {
            strings: vec![String::new(); self.strings.len()],
            spans: vec![(0, 0); self.spans.len()],
            flag: false,
        };
        while let Some(key) = map.next_key::<String>()? {
            let at = |names: &[&str]| names.iter().position(|n| *n == key);
            if let Some(slot) = at(self.strings).and_then(|i| out.strings.get_mut(i)) {
                *slot = map.next_value()?;
            } else if let Some(slot) = at(self.spans).and_then(|i| out.spans.get_mut(i)) {
                *slot = map.next_value()?;
            } else if key == self.flag {
                out.flag = map.next_value()?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(out)
    }
}

impl<'de> Deserialize<'de> for Pinpoint {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut m = d.deserialize_map(Record {
            strings: &["body", "note"],
            spans: &["span"],
            flag: "present",
        })?;
        Ok(Pinpoint {
            path: String::new(),
            present: m.flag,
            body: m.string(0),
            span: m.span(0),
            lines: (0, 0),
            note: m.string(1),
        })
    }
}

impl<'de> Deserialize<'de> for SentExpected {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut m = d.deserialize_map(Record {
            strings: &["what", "sent", "expected"],
            spans: &["sent_span", "expected_span"],
            flag: "",
        })?;
        Ok(SentExpected {
            what: m.string(0),
            sent: m.string(1),
            expected: m.string(2),
            sent_span: m.span(0),
            expected_span: m.span(1),
        })
    }
}

impl Diagnosis {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    pub fn primary_section(&self) -> Option<&RankedSection> {
        let id = self.primary.as_deref()?;
        self.sections.iter().find(|s| s.id == id)
    }

    /// A plain-text report for a support agent.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        match self.primary_section() {
            Some(p) => {
                out.push_str(&format!("Diagnosis: {} ({})\n", p.title, p.id));
                out.push_str(&format!("Read more: {}\n", p.doc_url));
                for r in &p.reasons {
                    out.push_str(&format!("  because {r}\n"));
                }
            }
            None => out.push_str("No error found in the input.\n"),
        }
        if let Some(n) = &self.notice {
            out.push_str(&format!("Note: {n}\n"));
        }
        let f = &self.facts;
        let mut facts = Vec::new();
        if let Some(x) = &f.format {
            facts.push(format!("format {x}"));
        }
        if let Some(x) = f.status {
            facts.push(format!("status {x}"));
        }
        if let Some(x) = &f.oauth_error {
            facts.push(format!("OAuth error {x}"));
        }
        if let (Some(m), Some(u)) = (&f.method, &f.url) {
            facts.push(format!("{m} {u}"));
        } else if let Some(u) = &f.url {
            facts.push(u.clone());
        }
        if let Some(x) = &f.account_slug {
            facts.push(format!("account {x}"));
        }
        if let Some(x) = &f.attribute {
            facts.push(format!("attribute {x}"));
        }
        if !facts.is_empty() {
            out.push_str(&format!("Facts: {}\n", facts.join("; ")));
        }
        for d in &f.details {
            out.push_str(&format!("  detail: {d}\n"));
        }
        if !self.checklist.is_empty() {
            out.push_str("\nChecklist:\n");
            for c in &self.checklist {
                out.push_str(&format!("[{}] {} — {}\n", c.state.label(), c.id, c.check));
                if let Some(w) = &c.why {
                    out.push_str(&format!("      why: {w}\n"));
                }
                out.push_str(&format!("      fix: {}\n", c.solution));
            }
        }
        let others: Vec<_> = self
            .sections
            .iter()
            .filter(|s| Some(&s.id) != self.primary.as_ref())
            .collect();
        if !others.is_empty() {
            out.push_str("\nAlso possible:\n");
            for s in others {
                out.push_str(&format!("  {} ({}) score {:.2}\n", s.title, s.id, s.score));
            }
        }
        if let Some(s) = &self.redaction_summary {
            out.push_str(&format!("\nRedacted: {s}\n"));
        }
        out
    }
}
