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
    // Nearly every character of a paste is ASCII: answer it by index.
    if c.is_ascii() {
        let b = c.to_ascii_lowercase() as u8;
        return match b {
            b'a'..=b'z' => ASCII.get(usize::from(b - b'a')).copied(),
            b'0'..=b'9' => ASCII.get(26 + usize::from(b - b'0')).copied(),
            _ => None,
        };
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    MAP.iter()
        .find(|(from, _)| from.contains(lower))
        .map(|(_, to)| *to)
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

/// Whether two folded words are at most one edit apart: a letter added,
/// missing or changed, or two neighbours swapped. Folded words are ASCII,
/// so bytes are letters.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let Some(i) = (0..short.len()).find(|&i| long[i] != short[i]) else {
        return true;
    };
    if long.len() != short.len() {
        return long[i + 1..] == short[i..];
    }
    long[i + 1..] == short[i + 1..]
        || (i + 1 < long.len()
            && long[i] == short[i + 1]
            && long[i + 1] == short[i]
            && long[i + 2..] == short[i + 2..])
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
    // The cheap tests come first: most pairs differ in length or first letter.
    if phrase.len().abs_diff(word.len()) > 1 || phrase.chars().next() != word.chars().next() {
        return false;
    }
    if NEGATIONS.contains(&phrase) || NEGATIONS.contains(&word) {
        return false;
    }
    phrase.chars().count() >= 4 && one_edit(phrase, word)
}

/// A phrase's words, folded; a trailing `*` is kept.
pub(crate) fn phrase_words(phrase: &str) -> Vec<String> {
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

/// The paste's words, read once for all phrases: each position names one
/// distinct word, so a phrase word is compared with each distinct word of
/// the paste once, not with every occurrence (a 16 KB log repeats a few
/// hundred words thousands of times).
struct Text {
    words: Vec<Word>,
    /// For each position, the index of its word in `distinct`.
    ids: Vec<usize>,
    distinct: Vec<String>,
    /// For each distinct word, where it stands.
    at: Vec<Vec<usize>>,
    /// For each position, whether the word there is a negation.
    negated: Vec<bool>,
    /// The distinct words by first letter: a typo never touches the first
    /// letter, so only these can match a phrase word.
    by_first: std::collections::HashMap<u8, Vec<usize>>,
}

impl Text {
    fn new(text: &str) -> Text {
        let words = words(text);
        let mut index: std::collections::HashMap<&str, usize> = Default::default();
        let mut distinct: Vec<String> = Vec::new();
        let mut at: Vec<Vec<usize>> = Vec::new();
        let mut ids = Vec::with_capacity(words.len());
        for (pos, w) in words.iter().enumerate() {
            let id = *index.entry(w.folded.as_str()).or_insert_with(|| {
                distinct.push(w.folded.clone());
                at.push(Vec::new());
                distinct.len() - 1
            });
            at[id].push(pos);
            ids.push(id);
        }
        let negated = words
            .iter()
            .map(|w| NEGATIONS.contains(&w.folded.as_str()))
            .collect();
        let mut by_first: std::collections::HashMap<u8, Vec<usize>> = Default::default();
        for (id, w) in distinct.iter().enumerate() {
            if let Some(&b) = w.as_bytes().first() {
                by_first.entry(b).or_default().push(id);
            }
        }
        Text {
            words,
            ids,
            distinct,
            at,
            negated,
            by_first,
        }
    }

    /// The distinct words a phrase word matches.
    fn matching(&self, phrase_word: &str) -> Vec<usize> {
        let first = phrase_word.as_bytes().first();
        first
            .and_then(|b| self.by_first.get(b))
            .into_iter()
            .flatten()
            .copied()
            .filter(|&id| word_matches(phrase_word, &self.distinct[id]))
            .collect()
    }
}

/// Which distinct words of the paste each phrase word matches, worked out
/// once per phrase word for the whole knowledge base (phrases share words).
#[derive(Default)]
struct Matches<'k>(std::collections::HashMap<&'k str, Vec<usize>>);

/// Where in the paste the phrase stands, as a byte range, if it does.
fn find<'k>(
    phrase: &'k [String],
    text: &Text,
    matches: &mut Matches<'k>,
) -> Option<(usize, usize)> {
    for p in phrase {
        if !matches.0.contains_key(p.as_str()) {
            matches.0.insert(p, text.matching(p));
        }
    }
    let table: Vec<&[usize]> = phrase
        .iter()
        .filter_map(|p| matches.0.get(p.as_str()).map(Vec::as_slice))
        .collect();
    let first = table.first()?;
    if table.iter().any(|t| t.is_empty()) {
        return None;
    }
    let hit = |k: usize, pos: usize| table[k].contains(&text.ids[pos]);
    let mut starts: Vec<usize> = first
        .iter()
        .flat_map(|&id| text.at[id].iter().copied())
        .collect();
    starts.sort_unstable();
    let n = text.words.len();
    'start: for i in starts {
        let mut at = i;
        for k in 1..table.len() {
            let next = (at + 1..n.min(at + 2 + GAP)).find(|&j| hit(k, j));
            // "token has not expired" is not "token expired".
            let negated = |j: usize| text.negated[at + 1..j].iter().any(|&x| x);
            match next {
                Some(j) if !negated(j) => at = j,
                _ => continue 'start,
            }
        }
        return Some((text.words[i].start, text.words[at].end));
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
    let text = Text::new(head);
    if text.words.is_empty() {
        return Vec::new();
    }
    let mut matches = Matches::default();
    let mut out = Vec::new();
    for s in &kb.sections {
        for c in &s.checks {
            let best = c
                .phrases
                .iter()
                .enumerate()
                .filter_map(|(n, p)| find(&p.words, &text, &mut matches).map(|at| (n, p, at)))
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
        let text = Text::new(text);
        let words = phrase_words(phrase);
        find(&words, &text, &mut Matches::default()).is_some()
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
    fn one_edit_counts_swaps_as_one() {
        assert!(one_edit("token", "tokne"));
        assert!(one_edit("client", "cleint"));
        assert!(one_edit("expired", "expird"));
        assert!(one_edit("expird", "expired"));
        assert!(one_edit("token", "tokens"));
        assert!(one_edit("token", "toxen"));
        assert!(one_edit("token", "tkoen"));
        assert!(!one_edit("token", "tnkoe"));
        assert!(!one_edit("abcdefgh", "zyxwvuts"));
        assert!(!one_edit("expired", "expred_"));
        assert!(!one_edit("token", "tok"));
    }
}
