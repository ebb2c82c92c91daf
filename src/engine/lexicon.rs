//! The phrase lexicon: what customers write, in their own words, when a check
//! is the cause ("the token dies a couple of hours after we generate it",
//! "the integration user was offboarded"). The phrases are data in the
//! knowledge base (`phrases` on a check, each with a weight), so support can
//! extend them without code; this file only knows how to match them.
//!
//! Matching is forgiving the way people type: case, accents and
//! punctuation do not count, a word of four letters or more may carry one
//! typo (a letter added, missing, changed or two swapped),
//! a phrase word ending in `*` matches any ending, and up to two other words
//! may stand between the words of a phrase. A hit becomes the signal
//! `phrase:<section>/<check>/<n>` (the check's n-th phrase); the rules give
//! it the phrase's weight towards the section and make the check `likely`,
//! with a `why` that quotes what the paste said.

use super::knowledge::{KnowledgeBase, Section};
use super::signals::{quote, Signal};

/// The signal family phrase hits belong to.
pub const FAMILY: &str = "phrase:";

/// Only the start of a paste is read: prose sits there, and the lexicon
/// must stay cheap on a 10 MB log.
const SCAN: usize = 16 * 1024;
/// Other words allowed between two words of a phrase.
const GAP: usize = 2;

/// A word of the paste, folded for matching, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    folded: String,
    start: usize,
    end: usize,
}

/// A character as matching sees it: lower case, without accents; `None`
/// for what separates words. Apostrophes and hyphens join (`can't` →
/// `cant`, `e-mail` → `email`), so phrases and pastes fold alike.
fn fold(c: char) -> Option<&'static str> {
    const MAP: &[(&str, &str)] = &[
        ("àáâãäåā", "a"),
        ("çć", "c"),
        ("èéêëē", "e"),
        ("ìíîïī", "i"),
        ("ñń", "n"),
        ("òóôõöøō", "o"),
        ("ùúûüū", "u"),
        ("ýÿ", "y"),
        ("ß", "ss"),
    ];
    if c == '_' {
        // `token_type` is one word of a JSON key, not "token" and "type".
        return Some("_");
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    MAP.iter()
        .find(|(from, _)| from.contains(lower))
        .map(|(_, to)| *to)
        .or_else(|| {
            ASCII
                .iter()
                .find(|s| s.starts_with(lower) && s.len() == 1)
                .copied()
        })
}

/// Letters and digits as one-character strings, so [`fold`] can hand out
/// `&'static str` without allocating.
const ASCII: &[&str] = &[
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
];

fn joins(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐')
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut cur: Option<Word> = None;
    for (i, c) in text.char_indices() {
        if let Some(f) = fold(c) {
            let w = cur.get_or_insert_with(|| Word {
                folded: String::new(),
                start: i,
                end: i,
            });
            w.folded.push_str(f);
            w.end = i + c.len_utf8();
        } else if joins(c) && cur.is_some() {
            continue;
        } else if let Some(w) = cur.take() {
            out.push(w);
        }
    }
    out.extend(cur);
    out
}

/// Optimal string alignment distance (edits, with swaps of neighbours),
/// giving up early once it exceeds `max`.
fn distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().take(w).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        let mut row_min = usize::MAX;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return max + 1;
        }
    }
    d[a.len() * w + b.len()]
}

/// Words that turn a phrase around, folded (apostrophes joined): matched
/// exactly or not at all.
const NEGATIONS: &[&str] = &[
    "cant", "cannot", "dont", "doesnt", "didnt", "isnt", "wasnt", "wont", "hasnt", "havent",
    "couldnt", "never", "not", "no", "nicht", "nie", "kein", "keine", "pas", "jamais", "nunca",
    "nao", "non", "mai",
];

/// One word of a phrase against one word of the paste.
fn word_matches(phrase: &str, word: &str) -> bool {
    if let Some(prefix) = phrase.strip_suffix('*') {
        return word.starts_with(prefix);
    }
    if phrase == word {
        return true;
    }
    // One slip in a word of four letters or more, never in its first
    // letter: "tokne" is a token, "onboarded" is not "offboarded". A
    // negation is never a typo of its affirmative ("can" is not "cant").
    if NEGATIONS.contains(&phrase) || NEGATIONS.contains(&word) {
        return false;
    }
    phrase.chars().count() >= 4
        && phrase.chars().next() == word.chars().next()
        && distance(phrase, word, 1) <= 1
}

/// A phrase's words, folded; a trailing `*` is kept.
fn phrase_words(phrase: &str) -> Vec<String> {
    phrase
        .split_whitespace()
        .flat_map(|part| {
            let star = part.ends_with('*');
            let mut ws: Vec<String> = words(part).into_iter().map(|w| w.folded).collect();
            if star {
                if let Some(last) = ws.last_mut() {
                    last.push('*');
                }
            }
            ws
        })
        .collect()
}

/// Where in the paste the phrase stands, as a byte range, if it does.
fn find(phrase: &[String], text: &[Word]) -> Option<(usize, usize)> {
    let first = phrase.first()?;
    'start: for (i, w) in text.iter().enumerate() {
        if !word_matches(first, &w.folded) {
            continue;
        }
        let mut at = i;
        for p in &phrase[1..] {
            let next =
                (at + 1..text.len().min(at + 2 + GAP)).find(|&j| word_matches(p, &text[j].folded));
            // "token has not expired" is not "token expired".
            let negated = |j: usize| {
                text[at + 1..j]
                    .iter()
                    .any(|w| NEGATIONS.contains(&w.folded.as_str()))
            };
            match next {
                Some(j) if !negated(j) => at = j,
                _ => continue 'start,
            }
        }
        return Some((w.start, text[at].end));
    }
    None
}

/// A phrase is usable when it has at least one word to match.
pub fn valid_phrase(phrase: &str) -> bool {
    phrase_words(phrase)
        .iter()
        .any(|w| w.trim_end_matches('*').chars().count() >= 2)
}

/// Signals for every check whose phrases the paste uses: the heaviest
/// matching phrase of each check, quoted.
pub fn signals(kb: &KnowledgeBase, input: &str) -> Vec<Signal> {
    let head = super::evidence::text::clip(input, SCAN);
    let text = words(head);
    if text.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for s in &kb.sections {
        for c in &s.checks {
            let best = c
                .phrases
                .iter()
                .enumerate()
                .filter_map(|(n, p)| find(&phrase_words(&p.text), &text).map(|at| (n, p, at)))
                .max_by(|a, b| a.1.weight.total_cmp(&b.1.weight));
            if let Some((n, _, (a, b))) = best {
                let said = head.get(a..b).unwrap_or_default();
                out.push(Signal {
                    id: format!("{FAMILY}{}/{}/{n}", s.id, c.id),
                    why: format!(
                        "The paste says “{}”, which is how people describe this: {}.",
                        quote(said),
                        lower_first(&c.title)
                    ),
                });
            }
        }
    }
    out
}

fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_lowercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// The weight a phrase signal gives towards `section`, if it is one of its
/// checks' phrases.
pub fn weight(section: &Section, signal: &str) -> Option<f64> {
    let rest = signal
        .strip_prefix(FAMILY)?
        .strip_prefix(section.id.as_str())?;
    let (check, n) = rest.strip_prefix('/')?.rsplit_once('/')?;
    let n: usize = n.parse().ok()?;
    let c = section.checks.iter().find(|c| c.id == check)?;
    c.phrases.get(n).map(|p| p.weight)
}

/// The phrase signal that makes `section/check` likely, if the paste used one.
pub fn hit<'a>(section: &str, check: &str, signals: &'a [Signal]) -> Option<&'a Signal> {
    let prefix = format!("{FAMILY}{section}/{check}/");
    signals.iter().find(|s| s.id.starts_with(&prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(phrase: &str, text: &str) -> bool {
        find(&phrase_words(phrase), &words(text)).is_some()
    }

    #[test]
    fn typos_accents_and_gaps_are_forgiven() {
        assert!(hits(
            "token expired",
            "i think the tokne expird after a cuple hours"
        ));
        assert!(hits(
            "token dies",
            "the api token we generate dies a couple of hours"
        ));
        assert!(hits("token läuft", "Der Token läuft anscheinend ab"));
        assert!(hits("digitado à mão", "O client id foi digitado a mao"));
        assert!(hits("can't edit", "view everything but cant edit"));
        assert!(hits("offboard*", "the user was offboarded"));
        assert!(hits(
            "e-mail de boas-vindas",
            "a partir do e-mail de boas-vindas"
        ));
    }

    #[test]
    fn near_misses_do_not_match() {
        assert!(!hits(
            "token expired",
            "the token was revoked, it never expired? no"
        ));
        assert!(!hits(
            "rate limit",
            "the rate we pay this month, not the limit"
        ));
        assert!(!hits("offboarded", "onboarded"));
        assert!(!hits("401", "402"));
        assert!(!hits("can't create", "the user can create projects"));
        assert!(!hits("token expired", "the token has not expired yet"));
        assert!(!hits("didn't accept the invite", "did accept the invite"));
        assert!(!hits("token expired", ""));
    }

    #[test]
    fn distance_counts_swaps_as_one() {
        assert_eq!(distance("token", "tokne", 2), 1);
        assert_eq!(distance("client", "cleint", 2), 1);
        assert_eq!(distance("expired", "expird", 2), 1);
        assert!(distance("abcdefgh", "zyxwvuts", 2) > 2);
    }
}
