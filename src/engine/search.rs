//! Finding sections without pasting: by code (`422`, `invalid_grant`), by a
//! word (`expired`, `slug`) or by message text ("can't be blank"). The
//! reference view renders what this returns.

use super::knowledge::{KnowledgeBase, Section};

/// Sections matching the query, best first; all of them for an empty query.
pub fn search<'a>(kb: &'a KnowledgeBase, query: &str) -> Vec<&'a Section> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return kb.sections.iter().collect();
    }
    let words: Vec<&str> = q.split_whitespace().collect();
    // Message text ("Name can't be blank", "invalid_grant: …") is best
    // understood the way a paste is: the sections a diagnosis ranks lead.
    let diagnosed = super::diagnose(query).sections;
    let mut scored: Vec<(u32, usize, &Section)> = kb
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let from_diagnosis = diagnosed
                .iter()
                .position(|r| r.id == s.id)
                .map_or(0, |rank| 200 - 10 * rank.min(10) as u32);
            let score = score(s, &q, &words) + from_diagnosis;
            (score > 0).then_some((score, i, s))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, s)| s).collect()
}

fn score(s: &Section, q: &str, words: &[&str]) -> u32 {
    let code = s.code.to_lowercase();
    let id = s.id.to_lowercase();
    let title = s.title.to_lowercase();
    let mut score = 0;
    if code == q
        || id == q
        || code
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|c| c == q)
    {
        score += 100;
    }
    if title.contains(q) {
        score += 40;
    }
    let body = format!(
        "{} {} {} {}",
        s.summary,
        s.category,
        s.advice.join(" "),
        s.checks
            .iter()
            .map(|c| format!("{} {}", c.title, c.solution))
            .collect::<Vec<_>>()
            .join(" ")
    )
    .to_lowercase();
    if body.contains(q) {
        score += 20;
    }
    let hay = format!("{code} {id} {title} {body}");
    let matched = words.iter().filter(|w| hay.contains(*w)).count();
    if matched == words.len() {
        score += 10 * matched as u32;
    }
    score
}
