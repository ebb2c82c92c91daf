//! Fuzz target: any bytes, read as a paste (lossy UTF-8, as the CLI does),
//! go through `diagnose` and `redact`. Besides "never panics", it checks the
//! public contract of DESIGN.md that a caller relies on and that the types
//! alone do not guarantee: the JSON round-trips with the same content, the
//! primary is one of the ranked sections, checklist ids belong to their
//! section, states and `why` agree, no secret survives redaction, and
//! redacting twice changes nothing.
//!
//! Three inputs in four also get a credential planted on lines of their
//! own (its kind, layout, place and characters drawn from the input): a
//! Doorkeeper token, a JWT, a hex or base64 key, Basic credentials or a
//! seed-style client secret, bare or under a secret name in a table, CSV,
//! XML, `key: value …` or next-line layout. It must not survive anywhere the
//! engine writes: the Diagnosis JSON, the share fragment, the support
//! message.

#![no_main]

use libfuzzer_sys::fuzz_target;
use scopestack_troubleshooter::engine::bundle::{support_bundle, Client};
use scopestack_troubleshooter::engine::link::{decode, fragment};
use scopestack_troubleshooter::engine::{diagnose, knowledge_base, redact::redact, CheckState};
use serde_json::Value;

const URLSAFE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick(&mut self, alphabet: &[u8], n: usize) -> String {
        (0..n)
            .map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize] as char)
            .collect()
    }
}

fn b64(bytes: &[u8], table: &[u8], pad: bool) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |a, (i, &c)| a | u32::from(c) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(table[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
        if pad {
            out.extend(std::iter::repeat_n('=', 3 - chunk.len()));
        }
    }
    out
}

/// The input with a credential planted, and every spelling of it that
/// must not come out; None for one input in four.
fn plant(data: &[u8], text: &str) -> Option<(String, Vec<String>)> {
    let (&sel, rest) = data.split_first()?;
    if sel % 4 == 0 {
        return None;
    }
    let seed = data
        .iter()
        .fold(0x9E37_79B9_7F4A_7C15u64, |h, &c| (h ^ u64::from(c)).wrapping_mul(0x1000_0000_01B3))
        | 1;
    let mut rng = Rng(seed);
    let (value, also) = match (sel / 4) % 6 {
        0 => (rng.pick(URLSAFE, 43), vec![]),
        1 => {
            let payload = format!("{{\"sub\":\"{}\"}}", rng.pick(URLSAFE, 12));
            (
                format!(
                    "eyJhbGciOiJIUzI1NiJ9.{}.{}",
                    b64(payload.as_bytes(), URLSAFE, false),
                    rng.pick(URLSAFE, 43)
                ),
                vec![],
            )
        }
        2 => (rng.pick(b"0123456789abcdef", 40), vec![]),
        3 => {
            let bytes: Vec<u8> = (0..32).map(|_| rng.next() as u8).collect();
            (b64(&bytes, B64, true), vec![])
        }
        4 => {
            let decoded = format!("{}:{}", rng.pick(&URLSAFE[..62], 20), rng.pick(&URLSAFE[..62], 24));
            let secret = decoded[21..].to_string();
            (b64(decoded.as_bytes(), B64, true), vec![decoded, secret])
        }
        _ => (format!("ssk-secret-pw-{}", rng.pick(&URLSAFE[..62], 23)), vec![]),
    };
    const NAMES: [&str; 6] = [
        "client_secret",
        "accessToken",
        "SCOPESTACK_CLIENT_SECRET",
        "api-key",
        "password",
        "Authorization",
    ];
    let n = NAMES[(rng.next() % NAMES.len() as u64) as usize];
    let v = &value;
    let layout = match (sel / 24) % 10 {
        0 => v.clone(),
        1 => format!("my token is {v} and it fails"),
        2 => format!("{n}\t{v}"),
        3 => format!("| {n} | {v} |"),
        4 => format!("name,{n},scope\nAcme,{v},read"),
        5 => format!("<{n}>{v}</{n}>"),
        6 => format!("{n}: {v} and more words"),
        7 => format!("{n}:\n{v}"),
        8 => format!("{n} => \"{v}\""),
        _ => format!("{n}={v}"),
    };
    // On lines of its own, at a line break the input chooses.
    let want = rest.first().map_or(0, |&b| usize::from(b) * text.len() / 256);
    let at = text
        .get(want..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |k| want + k);
    let mut out = String::with_capacity(text.len() + layout.len() + 2);
    out.push_str(&text[..at]);
    out.push('\n');
    out.push_str(&layout);
    out.push('\n');
    out.push_str(&text[at..]);
    let mut must_not = vec![value];
    must_not.extend(also);
    Some((out, must_not))
}

/// Secret values with fewer ASCII letters and digits than this are not
/// checked for leaks: a two-letter password, or a "token" the fuzzer made of
/// U+FFFD, legitimately occurs elsewhere in a paste. Real tokens, secrets and
/// cookies are far longer.
const LEAK_MIN_ALNUM: usize = 8;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let planted = plant(data, &input);
    let text = planted.as_ref().map_or(input.as_ref(), |(t, _)| t.as_str());
    let d = diagnose(text);

    if let Some((_, must_not)) = &planted {
        let ticked: Vec<String> = d.checklist.iter().map(|c| c.id.clone()).collect();
        let refs: Vec<&str> = ticked.iter().map(String::as_str).collect();
        let link = fragment(d.primary.as_deref(), &refs, Some(&d.redacted), false);
        let written = [
            d.to_json(),
            decode(&link),
            support_bundle(&d, Client::Other, &ticked),
        ];
        for v in must_not {
            for (what, w) in ["diagnosis JSON", "fragment", "support message"].iter().zip(&written) {
                assert!(!w.contains(v.as_str()), "planted credential {v:?} survives in the {what}");
            }
        }
    }

    // The CLI's JSON parses back and says what the struct says (to_json
    // falls back to an `{"error": …}` object, which must not happen).
    let json = d.to_json();
    let v: Value = serde_json::from_str(&json).expect("diagnosis JSON does not parse back");
    assert_eq!(
        v.get("primary").and_then(Value::as_str),
        d.primary.as_deref(),
        "JSON primary differs: {json}"
    );
    assert_eq!(
        v.get("redacted").and_then(Value::as_str),
        Some(d.redacted.as_str()),
        "JSON redacted differs"
    );
    let sections = v
        .get("sections")
        .and_then(Value::as_array)
        .expect("JSON has no sections array");
    assert_eq!(sections.len(), d.sections.len());
    for s in sections {
        // A NaN score would serialise as null and break every consumer.
        let score = s.get("score").and_then(Value::as_f64);
        assert!(
            score.is_some_and(|x| (0.0..=1.0).contains(&x)),
            "score outside [0, 1]: {s}"
        );
    }
    let checklist = v
        .get("checklist")
        .and_then(Value::as_array)
        .expect("JSON has no checklist array");
    assert_eq!(checklist.len(), d.checklist.len());
    assert!(v.get("facts").is_some_and(Value::is_object));

    // Sections are ranked best first and the primary is one of them.
    for pair in d.sections.windows(2) {
        assert!(
            pair[0].score >= pair[1].score,
            "sections not ranked: {} {} before {} {}",
            pair[0].id,
            pair[0].score,
            pair[1].id,
            pair[1].score
        );
    }
    if let Some(p) = &d.primary {
        assert!(
            d.sections.iter().any(|s| &s.id == p),
            "primary {p} is not among the sections"
        );
        // "The checklist covers at least the primary section."
        let has_checks = knowledge_base()
            .section(p)
            .is_some_and(|s| !s.checks.is_empty());
        if has_checks {
            assert!(
                d.checklist.iter().any(|c| &c.section == p),
                "checklist misses the primary section {p}"
            );
        }
    }

    for c in &d.checklist {
        let prefix = format!("{}/", c.section);
        assert!(
            c.id.starts_with(&prefix) && c.id.len() > prefix.len(),
            "check id {} is not under its section {}",
            c.id,
            c.section
        );
        assert!(
            d.sections.iter().any(|s| s.id == c.section),
            "check {} belongs to a section that is not shown",
            c.id
        );
        // Every state but unknown quotes its evidence; unknown has none.
        assert_eq!(
            c.state == CheckState::Unknown,
            c.why.is_none(),
            "state {:?} with why {:?} on {}",
            c.state,
            c.why,
            c.id
        );
    }

    // Redaction: nothing it found survives, and it is idempotent.
    let once = redact(text);
    for s in &once.secrets {
        let value = s.value.trim();
        let alnum = value.chars().filter(char::is_ascii_alphanumeric).count();
        if alnum >= LEAK_MIN_ALNUM && !s.mask.contains(value) {
            assert!(
                !once.text.contains(value),
                "redacted text still holds a {:?}",
                s.kind
            );
            assert!(
                !d.redacted.contains(value),
                "diagnosis still holds a {:?}",
                s.kind
            );
        }
    }
    let twice = redact(&once.text);
    assert_eq!(twice.text, once.text, "redact is not idempotent");
});
