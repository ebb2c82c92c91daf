//! Redaction: secrets out of everything the engine shows, copies or links.
//!
//! `redact` runs on every paste (up to megabytes), so it is one linear pass:
//! `detect` walks the bytes once and marks where secrets stand (header
//! lines, JSON at any escaping depth, code literals, form bodies, curl flags,
//! HAR name/value pairs, URLs, bare `Bearer …` and JWTs, names in any
//! layout, table columns), `shapes` adds every word shaped like a
//! credential wherever it stands; then every other occurrence of a found
//! value is located with `finder`, and the output is built once from the
//! collected spans. `scrub` applies the same secrets to the sentences the
//! engine writes about the paste, and `seal` is the last pass over every
//! text that leaves the engine.
//!
//! A mask keeps at most four leading characters of long tokens (so people can
//! tell two tokens apart), none of passwords or short values, and never looks
//! like a secret itself, so redacting twice is redacting once.

mod columns;
mod detect;
mod finder;
pub mod known;
pub mod names;
pub mod seal;
mod shapes;

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use detect::Span;
use finder::Finder;

/// What a masked value was, for the summary a person reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretKind {
    BearerToken,
    AccessToken,
    RefreshToken,
    IdToken,
    ClientSecret,
    Password,
    Cookie,
    ApiKey,
    /// The credential of HTTP Basic auth (`-u user:pass`, `Authorization: Basic …`).
    BasicCredentials,
    /// The `code` of an OAuth authorization-code callback or token request.
    AuthorizationCode,
    /// A JSON Web Token standing on its own in the text.
    Jwt,
    Other,
}

/// Every kind, in the order the summary lists them.
const KINDS: [SecretKind; 12] = [
    SecretKind::BearerToken,
    SecretKind::AccessToken,
    SecretKind::RefreshToken,
    SecretKind::IdToken,
    SecretKind::ClientSecret,
    SecretKind::Password,
    SecretKind::Cookie,
    SecretKind::ApiKey,
    SecretKind::BasicCredentials,
    SecretKind::AuthorizationCode,
    SecretKind::Jwt,
    SecretKind::Other,
];

impl SecretKind {
    /// Words for a person: (singular, plural).
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            SecretKind::BearerToken => ("bearer token", "bearer tokens"),
            SecretKind::AccessToken => ("access token", "access tokens"),
            SecretKind::RefreshToken => ("refresh token", "refresh tokens"),
            SecretKind::IdToken => ("ID token", "ID tokens"),
            SecretKind::ClientSecret => ("client secret", "client secrets"),
            SecretKind::Password => ("password", "passwords"),
            SecretKind::Cookie => ("cookie", "cookies"),
            SecretKind::ApiKey => ("API key", "API keys"),
            SecretKind::BasicCredentials => ("Basic auth credential", "Basic auth credentials"),
            SecretKind::AuthorizationCode => ("authorization code", "authorization codes"),
            SecretKind::Jwt => ("JWT", "JWTs"),
            SecretKind::Other => ("other secret", "other secrets"),
        }
    }

    /// Whether a mask of this kind may show a prefix. Passwords and Basic
    /// credentials are short and guessable, so even four characters help an
    /// attacker more than they help a reader.
    fn shows_prefix(self) -> bool {
        !matches!(self, SecretKind::Password | SecretKind::BasicCredentials)
    }

    /// When one value is found in two roles, the more specific name wins.
    fn rank(self) -> u8 {
        match self {
            SecretKind::Other => 0,
            SecretKind::Jwt => 1,
            SecretKind::BearerToken => 2,
            _ => 3,
        }
    }
}

/// One secret found in the input, and how it is shown instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secret {
    pub kind: SecretKind,
    pub value: String,
    pub mask: String,
}

/// The input with every secret masked, and what was masked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Redacted {
    pub text: String,
    /// Distinct secret values in order of first appearance, followed by their
    /// decoded spellings (URL-decoded, JSON-unescaped, Basic decoded) so that
    /// `scrub` also catches a value the evidence decoded before quoting it.
    pub secrets: Vec<Secret>,
}

/// The text every mask ends with.
pub const MASKED: &str = "[masked]";
/// Values shorter than this get no prefix: four characters of an eight
/// character secret is half of it.
const PREFIX_FROM: usize = 16;
/// Occurrences elsewhere in the text are masked only for values at least this
/// long, so a short password does not blank out every ordinary word.
const REPEAT_FROM: usize = 6;
/// Bounds that keep a hostile paste linear.
const MAX_SECRETS: usize = 512;

/// The mask of a token: `eyJh…[masked]` when long enough, else `[masked]`.
pub fn mask(value: &str) -> String {
    mask_for(SecretKind::Other, value)
}

/// The mask of a value of this kind. The prefix holds only ASCII letters,
/// digits, `-`, `_` and `.`, so a mask never breaks the string it stands in
/// (no stray backslash or quote) and never completes a key or escape.
pub fn mask_for(kind: SecretKind, value: &str) -> String {
    let mut out = String::new();
    write_mask(&mut out, kind, value);
    out
}

/// `mask_for` appended to `out`, without allocating.
fn write_mask(out: &mut String, kind: SecretKind, value: &str) {
    let v = value.trim();
    if kind.shows_prefix() && v.chars().nth(PREFIX_FROM - 1).is_some() {
        let prefix_len = v
            .bytes()
            .take(4)
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
            .count();
        if prefix_len > 0 {
            out.push_str(&v[..prefix_len]);
            out.push('…');
        }
    }
    out.push_str(MASKED);
}

/// Mask every secret in `input`.
pub fn redact(input: &str) -> Redacted {
    let mut found = detect::detect(input);
    // The layout-free layer looks around a word (is it a request id's
    // value, a host's label?), so it must see what the walk's finds will
    // mask elsewhere as a later pass will: as masks.
    let elsewhere = repeats_of(input, &found);
    shapes::shapes(input, &mut found, &elsewhere);
    if found.is_empty() {
        return Redacted {
            text: input.to_string(),
            secrets: Vec::new(),
        };
    }
    let spans = merge(found);

    let mut registry = Registry::default();
    // Each primary span's secret index; None past the cap (masked all the same).
    let mut owner: Vec<Option<usize>> = Vec::with_capacity(spans.len());
    for s in &spans {
        owner.push(
            input
                .get(s.start..s.end)
                .and_then(|v| registry.add(v, s.kind)),
        );
    }
    let primaries = registry.secrets.len();
    for i in 0..primaries {
        let (kind, value) = (registry.secrets[i].kind, registry.secrets[i].value.clone());
        for v in variants(kind, &value) {
            registry.add(&v, kind);
        }
    }
    let secrets = registry.finish();

    // Other occurrences, searched only in the gaps between primary spans.
    let finder = Finder::new(
        secrets
            .iter()
            .enumerate()
            .filter(|(_, s)| s.value.len() >= REPEAT_FROM)
            .map(|(i, s)| (i, s.value.as_bytes())),
    );
    let mut repeats: Vec<(usize, usize, usize)> = Vec::new();
    if !finder.is_empty() {
        let mut cursor = 0;
        for s in spans.iter() {
            repeats_in(input, &finder, cursor, s.start, &mut repeats);
            cursor = s.end;
        }
        repeats_in(input, &finder, cursor, input.len(), &mut repeats);
    }

    let mut out = String::with_capacity(input.len() + 16 * (spans.len() + repeats.len()));
    let mut cursor = 0;
    let mut primary = spans.iter().zip(owner.iter()).peekable();
    let mut repeat = repeats.iter().peekable();
    loop {
        let take_primary = match (primary.peek(), repeat.peek()) {
            (Some((p, _)), Some(r)) => p.start <= r.0,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        // (start, end, the secret's index or else its kind, quotes to add)
        let (start, end, whose, wrap) = if take_primary {
            let Some((s, idx)) = primary.next() else {
                break;
            };
            (s.start, s.end, idx.ok_or(s.kind), s.wrap)
        } else {
            let Some(&(start, end, i)) = repeat.next() else {
                break;
            };
            (start, end, Ok(i), None)
        };
        // An overlap is clipped, never dropped: dropping could let a value through.
        let start = start.max(cursor);
        if end <= start {
            continue;
        }
        let (Some(gap), true) = (input.get(cursor..start), input.is_char_boundary(end)) else {
            continue;
        };
        out.push_str(gap);
        let quote = |out: &mut String| {
            if let Some((q, level)) = wrap {
                for _ in 0..(1usize << level) - 1 {
                    out.push('\\');
                }
                out.push(char::from(q));
            }
        };
        quote(&mut out);
        match whose {
            Ok(i) => out.push_str(&secrets[i].mask),
            // Past the cap on distinct secrets: masked all the same.
            Err(kind) => write_mask(&mut out, kind, input.get(start..end).unwrap_or_default()),
        }
        quote(&mut out);
        cursor = end;
    }
    out.push_str(input.get(cursor..).unwrap_or_default());
    Redacted { text: out, secrets }
}

/// Where the values of `found` (and their other spellings) stand again
/// outside `found`: what `redact` masks as their other occurrences.
fn repeats_of(input: &str, found: &[Span]) -> Vec<(usize, usize)> {
    if found.is_empty() {
        return Vec::new();
    }
    let spans = merge(found.to_vec());
    let mut values: Vec<String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for s in &spans {
        let Some(v) = input.get(s.start..s.end) else {
            continue;
        };
        if values.len() >= MAX_SECRETS || !seen.insert(v) {
            continue;
        }
        values.push(v.to_string());
        values.extend(variants(s.kind, v));
    }
    let finder = Finder::new(
        values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.len() >= REPEAT_FROM)
            .map(|(i, v)| (i, v.as_bytes())),
    );
    let mut hits = Vec::new();
    if !finder.is_empty() {
        let mut cursor = 0;
        for s in &spans {
            repeats_in(input, &finder, cursor, s.start, &mut hits);
            cursor = s.end;
        }
        repeats_in(input, &finder, cursor, input.len(), &mut hits);
    }
    hits.into_iter().map(|(s, e, _)| (s, e)).collect()
}

/// Other occurrences of found values within `input[from..to]`. One found
/// inside a longer word (dots included) masks the whole word: masking only the inner part
/// would split the word and let a second pass read the pieces differently
/// (`…[masked]Set-Cookie:` is a header, `abcSet-Cookie:` was not).
fn repeats_in(
    input: &str,
    finder: &Finder,
    from: usize,
    to: usize,
    out: &mut Vec<(usize, usize, usize)>,
) {
    let first = out.len();
    finder.find(input, from, to, out);
    let b = input.as_bytes();
    let mut kept = first;
    for k in first..out.len() {
        let (mut start, mut end, id) = out[k];
        let joins = |c: u8| is_word_byte(c) || c == b'.';
        while start > from && joins(b[start - 1]) {
            start -= 1;
        }
        while end < to && joins(b[end]) {
            end += 1;
        }
        if kept > first && start < out[kept - 1].1 {
            out[kept - 1].1 = out[kept - 1].1.max(end);
            continue;
        }
        out[kept] = (start, end, id);
        kept += 1;
    }
    out.truncate(kept);
}

/// Replace every occurrence of any of `secrets` in `text` with its mask: for
/// the sentences the engine writes while quoting the paste. Values shorter
/// than six bytes are replaced only where they stand as a whole token. A
/// sentence cut short with `…` that ends in the start of a secret (five
/// characters or more) has that start masked too.
pub fn scrub(text: &str, secrets: &[Secret]) -> String {
    if secrets.is_empty() || text.is_empty() {
        return text.to_string();
    }
    let finder = Finder::new(
        secrets
            .iter()
            .enumerate()
            .filter(|(_, s)| s.value.len() >= REPEAT_FROM)
            .map(|(i, s)| (i, s.value.as_bytes())),
    );
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    finder.find(text, 0, text.len(), &mut hits);
    let short = secrets
        .iter()
        .enumerate()
        .filter(|(_, s)| (2..REPEAT_FROM).contains(&s.value.len()));
    for (i, s) in short {
        for (at, _) in text.match_indices(s.value.as_str()) {
            let end = at + s.value.len();
            let bounded = |b: Option<&u8>| b.is_none_or(|c| !is_word_byte(*c));
            let before = at.checked_sub(1).and_then(|p| text.as_bytes().get(p));
            if bounded(before) && bounded(text.as_bytes().get(end)) {
                hits.push((at, end, i));
            }
        }
    }
    truncated_starts(text, secrets, &mut hits);
    hits.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));

    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for (start, end, i) in hits {
        if start < cursor {
            continue;
        }
        let (Some(gap), true) = (text.get(cursor..start), text.is_char_boundary(end)) else {
            continue;
        };
        out.push_str(gap);
        out.push_str(&secrets[i].mask);
        cursor = end;
    }
    out.push_str(text.get(cursor..).unwrap_or_default());
    out
}

/// What was masked, for a person: "1 bearer token, 1 client secret masked".
/// Counts distinct values per kind; decoded spellings of one secret count once.
pub fn summary(secrets: &[Secret]) -> Option<String> {
    let mut spellings: HashSet<String> = HashSet::new();
    for s in secrets {
        spellings.extend(variants(s.kind, &s.value));
    }
    let mut counted: HashSet<(SecretKind, &str)> = HashSet::new();
    let mut counts: HashMap<SecretKind, usize> = HashMap::new();
    for s in secrets {
        if s.value.is_empty() || spellings.contains(&s.value) {
            continue;
        }
        if counted.insert((s.kind, s.value.as_str())) {
            *counts.entry(s.kind).or_default() += 1;
        }
    }
    let parts: Vec<String> = KINDS
        .iter()
        .filter_map(|k| {
            let n = *counts.get(k)?;
            let (one, many) = k.label();
            Some(format!("{n} {}", if n == 1 { one } else { many }))
        })
        .collect();
    if parts.is_empty() {
        None
    } else {
        Some(format!("{} masked", parts.join(", ")))
    }
}

/// Sort the detected spans and fold overlapping ones into their union.
fn merge(mut found: Vec<Span>) -> Vec<Span> {
    found.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut spans: Vec<Span> = Vec::with_capacity(found.len());
    for s in found {
        if s.end <= s.start {
            continue;
        }
        if let Some(last) = spans.last_mut() {
            if s.start < last.end {
                if s.end > last.end {
                    last.end = s.end;
                    last.wrap = None;
                }
                continue;
            }
        }
        spans.push(s);
    }
    spans
}

/// Distinct values with the most specific kind seen for each.
#[derive(Default)]
struct Registry {
    secrets: Vec<Secret>,
    index: HashMap<String, usize>,
}

impl Registry {
    fn add(&mut self, value: &str, kind: SecretKind) -> Option<usize> {
        if let Some(&i) = self.index.get(value) {
            if kind.rank() > self.secrets[i].kind.rank() {
                self.secrets[i].kind = kind;
            }
            return Some(i);
        }
        if self.secrets.len() >= MAX_SECRETS || value.is_empty() {
            return None;
        }
        self.index.insert(value.to_string(), self.secrets.len());
        self.secrets.push(Secret {
            kind,
            value: value.to_string(),
            mask: String::new(),
        });
        Some(self.secrets.len() - 1)
    }

    fn finish(mut self) -> Vec<Secret> {
        for s in &mut self.secrets {
            s.mask = mask_for(s.kind, &s.value);
        }
        self.secrets
    }
}

/// Other spellings of one secret that the engine may quote: trimmed, URL-decoded,
/// JSON-unescaped (once per escaping depth) and, for Basic credentials, the
/// base64 decoded `id:secret` and its secret half.
fn variants(kind: SecretKind, value: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // A value read up to an odd delimiter (or decoded: `+` is a space in a
    // form) may carry spaces the same secret does not have where it stands
    // again, so every spelling also goes in trimmed.
    let push = |v: String, out: &mut Vec<String>| {
        for v in [v.trim().to_string(), v] {
            if v.len() >= 2 && v != value && !out.contains(&v) {
                out.push(v);
            }
        }
    };
    push(value.to_string(), &mut out);
    let mut current = value.to_string();
    for _ in 0..3 {
        if !current.contains('\\') {
            break;
        }
        current = json_unescape(&current);
        push(current.clone(), &mut out);
    }
    if value.contains(['%', '+']) {
        if let Some(v) = url_decode(value) {
            push(v, &mut out);
        }
    }
    if kind == SecretKind::BasicCredentials {
        if let Some(decoded) = base64_decode(value) {
            if let Some((_, secret)) = decoded.split_once(':') {
                push(secret.to_string(), &mut out);
                push(decoded, &mut out);
            }
        }
    }
    out
}

fn json_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => {
                        out.push_str("\\u");
                        out.push_str(&hex);
                    }
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn url_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = b
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Basic credentials decoded to text (`id:secret`), when they are printable
/// text: the evidence module's decoder, stricter about what counts.
fn base64_decode(s: &str) -> Option<String> {
    let s = s.trim_end_matches('=');
    if s.len() < 4 || s.bytes().any(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let text = String::from_utf8(crate::engine::evidence::text::base64_decode(s)?).ok()?;
    text.chars()
        .all(|c| c.is_ascii_graphic() || c == ' ')
        .then_some(text)
}

/// `quote()`-style truncation (`…abc123…`) can cut a secret so that its whole
/// value no longer matches; mask the cut start of any secret (five characters
/// or more) standing just before an ellipsis that is not already a mask's.
fn truncated_starts(text: &str, secrets: &[Secret], hits: &mut Vec<(usize, usize, usize)>) {
    const ELLIPSES: [&str; 2] = ["…", "..."];
    const MAX_CUTS: usize = 64;
    let b = text.as_bytes();
    let mut cuts = 0;
    for ell in ELLIPSES {
        for (at, _) in text.match_indices(ell) {
            if cuts >= MAX_CUTS {
                return;
            }
            if text[at + ell.len()..].starts_with(MASKED) {
                continue;
            }
            cuts += 1;
            let mut from = at;
            while from > 0 && at - from < 256 && !b[from - 1].is_ascii_whitespace() {
                from -= 1;
            }
            let run = &b[from..at];
            for (i, s) in secrets.iter().enumerate() {
                let v = s.value.as_bytes();
                if v.len() < REPEAT_FROM {
                    continue;
                }
                let longest = (5..v.len().min(run.len() + 1))
                    .rev()
                    .find(|&l| run.ends_with(&v[..l]) && s.value.is_char_boundary(l));
                if let Some(l) = longest {
                    hits.push((at - l, at, i));
                }
            }
        }
    }
}

/// Bytes that continue a token: ASCII letters, digits, `_` and `-`.
fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}
