//! The layout-free layer: a word shaped like a credential is a credential,
//! wherever it stands and whatever names it (or none does).
//!
//! The syntax walk (`detect`) finds a secret by the name before it, so a new
//! layout would be a new leak; this layer looks only at the word itself, as
//! secret scanners do. A word is a run of the base64 and URL-safe alphabet
//! (`[A-Za-z0-9+/_-]`, then `=` padding). It is masked when it is
//! - long and random: at least [`MIN_RANDOM`] characters, letters and digits
//!   mixed the way random text mixes them (a change of character class at
//!   least every [`MIN_CHANGES`]th character, which camelCase names, paths
//!   and kebab-case slugs never reach) and a Shannon entropy of at least
//!   [`MIN_ENTROPY`] bits per character (gitleaks' generic rule asks 3.7
//!   with a keyword around; detect-secrets asks 4.5 of quoted base64, which
//!   a 20-character word cannot reach); judged whole, then part by part
//!   between `-`, `_` and `/`, so a readable prefix or path does not hide
//!   a random part;
//! - hex of at least [`MIN_HEX`] digits, letters and digits both, with
//!   entropy of at least 3.0 (detect-secrets' hex limit): hashes, hex keys;
//! - base64 that decodes to `id:secret` text: Basic credentials standing
//!   without their scheme.
//!
//! Kept readable: UUIDs (request ids), numbers (ids, timestamps, status
//! codes), the value of a name support reads (`X-Request-Id`, `client_id`,
//! `traceparent`; see `names`), the user half of `user:secret`, and a host
//! name's labels (`6c1e….cloudfront.net`). Words are split at `.`, `:`,
//! `@`, `%` and `?`, so host names, e-mail addresses, URLs and file paths
//! are judged piece by piece and their ordinary pieces stay. A JWT is found
//! by the walk, whose `eyJ…` rule sees its dots.
//!
//! Redacting twice must be redacting once: a word touching a span of the
//! walk (which the mask of that span will shorten) or a mask is left to
//! that span or mask, so both passes see the same words.

use super::detect::{is_mask_at, is_placeholder, Span};
use super::names::is_readable_name;
use super::SecretKind;

/// Characters a random word needs before it is judged random.
pub(super) const MIN_RANDOM: usize = 20;
/// Hex digits a hex word needs.
pub(super) const MIN_HEX: usize = 32;
/// Bits per character a random word needs.
pub(super) const MIN_ENTROPY: f64 = 3.5;
/// Bits per character a hex word needs.
const MIN_HEX_ENTROPY: f64 = 3.0;
/// At least one change of class (upper, lower, digit) per this many
/// characters: random base64 changes about every 1.6th.
pub(super) const MIN_CHANGES: usize = 4;
/// Longer words are not judged (a data URI, a minified blob): they are no
/// credential anyone pastes, and measuring them would be waste.
const MAX_WORD: usize = 4096;

/// Prefixes that make a word a credential whatever its letters look like,
/// as secret scanners' provider rules do: ScopeStack's client secrets
/// (`ssk-secret-pw-…`, README's seed data).
const KNOWN_PREFIXES: [(&str, SecretKind); 1] = [("ssk-secret-", SecretKind::ClientSecret)];

#[inline(always)]
fn is_run(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'_' | b'-')
}

/// Add a span for every credential-shaped word of `text` not already
/// covered by `found` (the walk's spans, sorted or not) or `elsewhere`
/// (where the walk's values stand again, to be masked as well).
pub(super) fn shapes(text: &str, found: &mut Vec<Span>, elsewhere: &[(usize, usize)]) {
    let b = text.as_bytes();
    let mut taken: Vec<(usize, usize)> = found.iter().map(|s| (s.start, s.end)).collect();
    taken.extend_from_slice(elsewhere);
    taken.sort_unstable();
    // The same spans disjoint, for "is this stretch touched by one".
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(taken.len());
    for &(s, e) in &taken {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut next_taken = 0;
    let n = b.len();
    let mut mine: Vec<Span> = Vec::new();
    let mut i = 0;
    while i < n {
        if !is_run(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && is_run(b[i]) {
            i += 1;
        }
        let core_end = i;
        while i < n && b[i] == b'=' && i - core_end < 3 {
            i += 1;
        }
        let end = i;
        // Most words are no credential: judge first, the exemptions (which
        // look around the word) only for the few that are.
        let mut hits: Vec<(usize, usize, SecretKind)> = Vec::new();
        if let Some(kind) = judge(&b[start..core_end], &b[start..end]) {
            hits.push((start, end, kind));
        } else if b[start..core_end].contains(&b'/') {
            // A path may hold a token between its slashes; a token with
            // slashes of its own was judged whole above.
            let mut s = start;
            for piece in b[start..end].split(|c| *c == b'/') {
                let e = s + piece.len();
                let core = e.min(core_end).max(s);
                if let Some(kind) = judge(&b[s..core], piece) {
                    hits.push((s, e, kind));
                }
                s = e + 1;
            }
        }
        if hits.is_empty() {
            continue;
        }
        // Spans of the walk that end before this word cannot touch it.
        while next_taken < taken.len() && taken[next_taken].1 < start {
            next_taken += 1;
        }
        let touches = taken[next_taken..]
            .iter()
            .take_while(|t| t.0 <= end)
            .any(|t| t.1 >= start);
        if touches
            || next_to_mask(b, start, end)
            || follows_readable_name(b, start, &merged)
            || is_host_label(b, end, &merged)
        {
            continue;
        }
        mine.extend(hits.into_iter().map(|(start, end, kind)| Span {
            start,
            end,
            kind,
            wrap: None,
        }));
    }
    // The user half of `user:secret` is an id support reads (`-u
    // client_id:secret`); its secret half is masked by its own span, is
    // the mask a later pass sees, or was masked before it was pasted
    // (`-u "client_id:********"`).
    let secret_at = |p: usize| {
        let half = b[p.min(n)..]
            .iter()
            .position(|c| c.is_ascii_whitespace() || matches!(c, b'"' | b'\'' | b'@'))
            .map_or(&b[p.min(n)..], |k| &b[p..p + k]);
        is_mask_at(b, p)
            || (!half.is_empty() && is_placeholder(half))
            || taken.binary_search_by_key(&p, |t| t.0).is_ok()
            || mine.binary_search_by_key(&p, |t| t.start).is_ok()
    };
    let users: Vec<bool> = mine
        .iter()
        .map(|s| {
            b.get(s.end) == Some(&b':')
                && (s.start == 0 || b[s.start - 1] != b':')
                && secret_at(s.end + 1)
        })
        .collect();
    found.extend(mine.iter().zip(users).filter(|(_, u)| !u).map(|(s, _)| *s));
}

/// Whether a mask stands right after the word or right before it (its
/// prefix may be the word's tail, or the word the text after a mask).
fn next_to_mask(b: &[u8], start: usize, end: usize) -> bool {
    let mask = super::MASKED.as_bytes();
    let after = b.get(end..).unwrap_or_default();
    after.starts_with(mask)
        || after.starts_with("…".as_bytes()) && after[3..].starts_with(mask)
        || is_mask_at(b, end)
        || b.get(..start).unwrap_or_default().ends_with(mask)
}

/// The kind of credential `core` (the word less its padding) is shaped
/// like, if any.
fn judge(core: &[u8], word: &[u8]) -> Option<SecretKind> {
    let len = core.len();
    if !(8..=MAX_WORD).contains(&len) || is_uuid(core) {
        return None;
    }
    if let Some(kind) = basic_credentials(word) {
        return Some(kind);
    }
    // A credential's own prefix says what it is, random-looking or not.
    if let Some(&(_, kind)) = KNOWN_PREFIXES
        .iter()
        .find(|(p, _)| core.len() > p.len() + 8 && core.starts_with(p.as_bytes()))
    {
        return Some(kind);
    }
    if len < MIN_RANDOM {
        return None;
    }
    if random(core) {
        return Some(SecretKind::Other);
    }
    // `ssk-secret-svc-<random>`: a readable prefix dilutes the whole, so
    // each part between `-` and `_` is judged too; one random part makes
    // the word a credential.
    core.split(|c| matches!(c, b'-' | b'_'))
        .any(|part| part.len() >= MIN_RANDOM && part.len() < len && random(part))
        .then_some(SecretKind::Other)
}

/// Whether `core` (at least [`MIN_RANDOM`] characters) reads as random.
fn random(core: &[u8]) -> bool {
    let len = core.len();
    let (mut upper, mut lower, mut digit, mut hex_letters) = (0usize, 0usize, 0usize, 0usize);
    let mut changes = 0usize;
    let mut last_class = 0u8;
    for &c in core {
        let class = match c {
            b'A'..=b'Z' => {
                upper += 1;
                1
            }
            b'a'..=b'z' => {
                lower += 1;
                2
            }
            b'0'..=b'9' => {
                digit += 1;
                3
            }
            _ => 0,
        };
        if matches!(c, b'a'..=b'f' | b'A'..=b'F') {
            hex_letters += 1;
        }
        if class == 0 {
            // `Access-Control-Allow-Origin` changes case at each word, not
            // within one: a separator starts the count afresh.
            last_class = 0;
        } else {
            if last_class != 0 && class != last_class {
                changes += 1;
            }
            last_class = class;
        }
    }
    if digit == 0 && reads_as_words(core) {
        return false;
    }
    let classes = [upper, lower, digit].iter().filter(|&&n| n > 0).count();
    if classes < 2 || digit == 0 && (upper < 2 || lower < 2) {
        return false;
    }
    let hex = digit + hex_letters == len && (upper == 0 || lower == 0);
    if hex {
        // Hex changes class less often than base64 (ten digits to six
        // letters), and a hex word is no camelCase name: entropy alone.
        return len >= MIN_HEX && entropy(core) >= MIN_HEX_ENTROPY;
    }
    changes * MIN_CHANGES >= len && entropy(core) >= MIN_ENTROPY
}

/// A name made of words, `HttpClientErrorException`, `FullyQualifiedErrorId`,
/// `EstablishSslConnectionAsync`: letters only, every lower-case run at
/// least two letters and three on average. Random letters change case far
/// more often (a run of one is all but certain in twenty letters), and a
/// token with no digit at all is rarer still, so this keeps the class names
/// of stack traces readable without letting credentials through.
fn reads_as_words(core: &[u8]) -> bool {
    if !core.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    // A last word of two letters (`…ErrorId`) has a run of one.
    let (mut runs, mut letters, mut run, mut short) = (0usize, 0usize, 0usize, 0usize);
    for &c in core.iter().chain(std::iter::once(&b'A')) {
        if c.is_ascii_lowercase() {
            run += 1;
        } else if run > 0 {
            if run < 2 {
                short += 1;
            }
            runs += 1;
            letters += run;
            run = 0;
        }
    }
    let last_short = core.len() >= 2 && core[core.len() - 2].is_ascii_uppercase();
    runs > 0 && (short == 0 || short == 1 && last_short) && letters >= 3 * runs
}

/// `8-4-4-4-12` hex digits: a request id, never a credential here.
fn is_uuid(w: &[u8]) -> bool {
    w.len() == 36
        && w.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Base64 that decodes to printable `id:secret` is HTTP Basic's credential.
fn basic_credentials(word: &[u8]) -> Option<SecretKind> {
    // Cheap tests first: base64 comes in fours, and prose words are not
    // mixed case past their first letter.
    let mixed = word[1..]
        .iter()
        .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if word.len() < 8
        || word.len() % 4 != 0
        || !mixed
        || word.iter().any(|c| matches!(c, b'_' | b'-'))
    {
        return None;
    }
    let text = std::str::from_utf8(word).ok()?;
    let decoded = super::base64_decode(text)?;
    let (id, secret) = decoded.split_once(':')?;
    (!id.is_empty() && secret.len() >= 2 && !decoded.contains(' '))
        .then_some(SecretKind::BasicCredentials)
}

/// Shannon entropy of `w` in bits per byte.
pub(super) fn entropy(w: &[u8]) -> f64 {
    let mut counts = [0u32; 256];
    for &c in w {
        counts[c as usize] += 1;
    }
    let n = w.len() as f64;
    counts
        .iter()
        .filter(|&&k| k > 0)
        .map(|&k| {
            let p = f64::from(k) / n;
            -p * p.log2()
        })
        .sum()
}

/// Whether the word at `start` is the value of a name support reads:
/// `X-Request-Id: …`, `"client_id": "…"`, `traceparent=…`, on its line.
/// A name inside a span of the walk (a value it masks) is no name: the
/// next pass sees its mask.
fn follows_readable_name(b: &[u8], start: usize, merged: &[(usize, usize)]) -> bool {
    let mut p = start;
    // Back over the separator: quotes, blanks, `:`, `=`, `>`, `|`, `,`.
    let mut steps = 0;
    while p > 0
        && steps < 8
        && matches!(
            b[p - 1],
            b'"' | b'\'' | b' ' | b'\t' | b':' | b'=' | b'>' | b'|' | b',' | b'\\'
        )
    {
        p -= 1;
        steps += 1;
    }
    // An ETag's weak prefix: `ETag: W/"…"`.
    if p >= 2 && &b[p - 2..p] == b"W/" {
        p -= 2;
        while p > 0 && matches!(b[p - 1], b' ' | b'\t' | b':' | b'"') {
            p -= 1;
        }
    }
    if p == start {
        return false;
    }
    let name_end = p;
    while p > 0
        && name_end - p < 40
        && (b[p - 1].is_ascii_alphanumeric() || b[p - 1] == b'-' || b[p - 1] == b'_')
    {
        p -= 1;
    }
    // The name and what leads from it to the word must read the same on
    // the next pass: none of it may be masked.
    if p == name_end || overlaps(merged, p, start) {
        return false;
    }
    let name = &b[p..name_end];
    if name.eq_ignore_ascii_case(b"value") {
        // HAR and Postman: `{"name": "X-Request-Id", "value": "…"}`.
        return har_name(b, p).is_some_and(|(label, s, e)| {
            is_readable_name(&b[s..e]) && !overlaps(merged, label, start)
        });
    }
    is_readable_name(name)
}

/// Whether a span of `merged` (disjoint, sorted) overlaps `[a, b)`.
fn overlaps(merged: &[(usize, usize)], a: usize, b: usize) -> bool {
    let k = merged.partition_point(|t| t.1 <= a);
    merged.get(k).is_some_and(|t| t.0 < b)
}

/// The `"name"` of the HAR pair whose `"value"` label starts at `at`: where
/// its label starts, and the name's bounds.
fn har_name(b: &[u8], at: usize) -> Option<(usize, usize, usize)> {
    const REACH: usize = 200;
    let lo = at.saturating_sub(REACH);
    let window = &b[lo..at];
    let k = window
        .windows(6)
        .rposition(|w| w == b"\"name\"")
        .filter(|&k| !window[k..].contains(&b'{') && !window[k..].contains(&b'}'))?;
    let mut s = lo + k + 6;
    while s < at && matches!(b[s], b' ' | b':' | b'"' | b'\\') {
        s += 1;
    }
    let mut e = s;
    while e < at && (b[e].is_ascii_alphanumeric() || matches!(b[e], b'-' | b'_')) {
        e += 1;
    }
    (e > s).then_some((lo + k, s, e))
}

/// Whether the word ending at `end` is a label of a host name
/// (`6c1e….cloudfront.net`): lowercase dotted labels follow, the last one
/// letters.
fn is_host_label(b: &[u8], end: usize, merged: &[(usize, usize)]) -> bool {
    let mut p = end;
    let mut last_letters = false;
    let mut labels = 0;
    while b.get(p) == Some(&b'.') && labels < 16 {
        let s = p + 1;
        let mut e = s;
        while e < b.len() && (b[e].is_ascii_alphanumeric() || b[e] == b'-') {
            e += 1;
        }
        // Host names are written in lowercase; a label that is itself
        // credential-shaped or masked is no label (the next pass would see
        // its mask), so judge only what every pass reads alike.
        let label = &b[s..e];
        if e == s
            || e - s > 63
            || label.iter().any(u8::is_ascii_uppercase)
            || judge(label, label).is_some()
            || overlaps(merged, s, e)
        {
            return false;
        }
        last_letters = (2..=24).contains(&(e - s)) && label.iter().all(u8::is_ascii_lowercase);
        labels += 1;
        p = e;
    }
    labels > 0 && last_letters && !b.get(p).is_some_and(|c| is_run(*c) || *c == b'=')
}
