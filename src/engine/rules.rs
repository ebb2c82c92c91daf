//! The rules: weigh the signals against the knowledge base. Which signal
//! points to which section, and which confirms or rules out which check, is
//! data in the knowledge base; this file only knows how to combine them.

use super::diagnosis::{CheckState, ChecklistItem, Diagnosis, Facts, RankedSection};
use super::evidence::Evidence;
use super::har_sanitize::sanitize_har;
use super::knowledge::{KnowledgeBase, Section};
use super::lexicon;
use super::pinpoint::pinpoint;
use super::redact::{redact, seal::seal, summary};
use super::reply::draft_reply;
use super::sent_expected::sent_vs_expected;
use super::signals::{account_slug, attribute_of, split_url, Signal};

/// Below this a section is not worth showing.
const SHOW: f64 = 0.15;
/// Below this the best section is not confident enough to be the primary.
const PRIMARY: f64 = 0.3;
/// Other candidate sections whose checklists are worked out too.
const OTHERS: usize = 3;

pub fn decide(kb: &KnowledgeBase, ev: &Evidence, signals: &[Signal], input: &str) -> Diagnosis {
    let redaction = redact(input);
    let secrets = &redaction.secrets;

    let mut ranked: Vec<(usize, RankedSection)> = kb
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| score(s, signals).map(|r| (i, r)))
        .filter(|(_, r)| r.score >= SHOW)
        .collect();
    ranked.sort_by(|(ia, a), (ib, b)| b.score.total_cmp(&a.score).then(ia.cmp(ib)));

    let succeeded = ev.status.is_some_and(|s| s < 400)
        && ev.errors.is_empty()
        && ev.oauth_error.is_none()
        && ev.network.is_none();
    if succeeded {
        ranked.clear();
    }
    let mut sections: Vec<RankedSection> = ranked.into_iter().map(|(_, r)| r).collect();
    sections.truncate(1 + OTHERS);
    let primary = sections
        .first()
        .filter(|s| s.score >= PRIMARY)
        .map(|s| s.id.clone());

    let mut checklist = Vec::new();
    for shown in &sections {
        if let Some(section) = kb.section(&shown.id) {
            let mut items = checklist_for(section, signals);
            items.sort_by_key(|c| c.state);
            checklist.extend(items);
        }
    }

    let mut d = Diagnosis {
        primary,
        sections,
        checklist,
        facts: facts(ev),
        redaction_summary: summary(secrets),
        notice: None,
        redacted: redaction.text,
        reply: String::new(),
        pinpoint: None,
        sent_vs_expected: Vec::new(),
        sanitized_har: None,
    };
    // What the front ends show beside the checklist, worked out here while
    // the secrets found in the paste are at hand.
    d.pinpoint = pinpoint(ev, d.facts.status, secrets).map(Box::new);
    d.sent_vs_expected = sent_vs_expected(ev, &d.redacted, secrets);
    if ev.formats.contains(&crate::engine::evidence::Format::Har) {
        d.sanitized_har = sanitize_har(input, secrets);
    }
    // Everything but the paste quotes the paste: the one scrub point. The
    // reply is drafted from the sealed text.
    seal(&mut d, secrets);
    d.reply = draft_reply(&d);
    d
}

/// Noisy-or of the weights of the section's triggers that fired: two weak
/// signals together count for more than either alone, never above 1.
fn score(section: &Section, signals: &[Signal]) -> Option<RankedSection> {
    let mut miss = 1.0;
    let mut fired: Vec<(f64, &Signal)> = Vec::new();
    for t in &section.triggers {
        if let Some(sig) = signals.iter().find(|s| s.id == t.signal) {
            miss *= 1.0 - t.weight;
            fired.push((t.weight, sig));
        }
    }
    // What the paste says in words, weighted as the lexicon says.
    for sig in signals.iter().filter(|s| s.id.starts_with(lexicon::FAMILY)) {
        if let Some(w) = lexicon::weight(section, &sig.id) {
            miss *= 1.0 - w;
            fired.push((w, sig));
        }
    }
    if fired.is_empty() {
        return None;
    }
    fired.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut reasons: Vec<String> = Vec::new();
    for (_, s) in fired {
        if !reasons.contains(&s.why) {
            reasons.push(s.why.clone());
        }
    }
    Some(RankedSection {
        id: section.id.clone(),
        title: section.title.clone(),
        score: ((1.0 - miss) * 100.0).round() / 100.0,
        reasons,
        doc_url: section.doc_url.clone(),
    })
}

/// Every check of a section, with its state and the sentence that set it.
pub fn checklist_for(section: &Section, signals: &[Signal]) -> Vec<ChecklistItem> {
    let find = |ids: &[String]| {
        ids.iter()
            .find_map(|id| signals.iter().find(|s| &s.id == id))
    };
    section
        .checks
        .iter()
        .map(|c| {
            let (state, why) = if let Some(s) = find(&c.confirmed_by) {
                (CheckState::Confirmed, Some(s))
            } else if let Some(s) = find(&c.ruled_out_by) {
                (CheckState::RuledOut, Some(s))
            } else if let Some(s) =
                find(&c.likely_by).or_else(|| lexicon::hit(&section.id, &c.id, signals))
            {
                (CheckState::Likely, Some(s))
            } else {
                (CheckState::Unknown, None)
            };
            ChecklistItem {
                id: format!("{}/{}", section.id, c.id),
                section: section.id.clone(),
                check: c.title.clone(),
                solution: c.solution.clone(),
                state,
                why: why.map(|s| s.why.clone()),
            }
        })
        .collect()
}

fn facts(ev: &Evidence) -> Facts {
    let url = ev.request.url.clone();
    let account_slug = ev
        .request
        .url
        .as_deref()
        .and_then(split_url)
        .and_then(|u| account_slug(&u.path));
    let mut details = Vec::new();
    for e in &ev.errors {
        for text in [e.title.as_deref(), e.detail.as_deref()]
            .into_iter()
            .flatten()
        {
            let t = text.to_string();
            if !details.contains(&t) {
                details.push(t);
            }
        }
    }
    if let Some(d) = &ev.oauth_description {
        details.push(d.clone());
    }
    let attribute = ev.errors.iter().find_map(|e| {
        e.pointer
            .as_deref()
            .and_then(|p| p.rsplit('/').next())
            // A pointer cut off by a truncated body ("/data/attri (trunc…")
            // names no attribute; the detail may still.
            .filter(|a| {
                !a.is_empty()
                    && a.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            })
            .map(str::to_string)
            .or_else(|| e.detail.as_deref().and_then(attribute_of))
    });
    Facts {
        format: ev.formats.first().map(|f| f.as_str().to_string()),
        status: ev.status,
        oauth_error: ev.oauth_error.clone(),
        method: ev.request.method.clone(),
        url,
        account_slug,
        details,
        pointers: ev.errors.iter().filter_map(|e| e.pointer.clone()).collect(),
        attribute,
        client: ev.platform.map(|p| p.as_str().to_string()),
    }
}
