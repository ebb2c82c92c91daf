//! A HAR saved back with every secret masked, still a HAR: the same
//! structure, only values change. The rules follow Cloudflare's
//! har-sanitizer: named values (headers, cookies, query strings, form
//! params) whose name is sensitive are masked, every occurrence of a masked
//! value elsewhere goes too, and script bodies are dropped. Every other
//! string still goes through the engine's `redact`, which finds tokens in
//! URLs, bodies and response content.

use serde_json::Value;

use super::redact::known::{secret_field, secret_header};
use super::redact::{mask, redact, scrub, Secret, SecretKind};

/// Names whose values are masked wherever they stand (as har-sanitizer's
/// word list, less `client_id` and `email`, which the diagnosis needs and
/// the engine does not treat as secrets).
const WORDS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "samlrequest",
    "samlresponse",
    "access_token",
    "assertion",
    "auth",
    "authenticity_token",
    "challenge",
    "client_secret",
    "code",
    "code_challenge",
    "code_verifier",
    "id_token",
    "password",
    "refresh_token",
    "state",
    "token",
    "x-csrf-token",
];

/// Response bodies of these types are dropped, as har-sanitizer does: a
/// script can embed anything and never explains an API error.
const DROPPED_MIME: &[&str] = &["application/javascript", "text/javascript"];

fn sensitive(name: &str) -> bool {
    let lower = name.trim().to_ascii_lowercase();
    WORDS.contains(&lower.as_str()) || secret_header(&lower) || secret_field(&lower).is_some()
}

/// The HAR in `input` with every secret masked, pretty-printed; `None` when
/// `input` is not a HAR (a JSON object with `log.entries`). `secrets` are
/// those the engine found in the paste, scrubbed from every string too.
pub fn sanitize_har(input: &str, secrets: &[Secret]) -> Option<String> {
    let start = input.find('{')?;
    let mut har: Value = serde_json::from_str(input.get(start..)?.trim_end()).ok()?;
    har.get("log")?.get("entries")?.as_array()?;
    let mut found: Vec<Secret> = secrets.to_vec();
    collect(&har, false, &mut found);
    // Longest first, so a value never leaves a masked prefix of a longer one.
    found.sort_by_key(|s| std::cmp::Reverse(s.value.len()));
    found.dedup_by(|a, b| a.value == b.value);
    clean(&mut har, false, &found);
    serde_json::to_string_pretty(&har).ok()
}

/// Values shorter than this are masked where they stand but not hunted
/// elsewhere, so a two-letter `state` does not blank ordinary words.
const REPEAT_FROM: usize = 6;

/// The mask of a named secret: the engine's own (`Bearer eyJh…[masked]`)
/// when it recognises the value, else a plain mask.
fn masked(value: &str) -> String {
    let r = redact(value);
    if r.secrets.is_empty() {
        mask(value)
    } else {
        r.text
    }
}

/// True for a `{name, value}` object whose value is a secret: a sensitive
/// name, or any cookie (`in_cookies`).
fn secret_pair(map: &serde_json::Map<String, Value>, in_cookies: bool) -> bool {
    map.get("value").is_some_and(Value::is_string)
        && (in_cookies
            || map
                .get("name")
                .and_then(Value::as_str)
                .is_some_and(sensitive))
}

/// Every secret `{name, value}` pair's value, as a secret to scrub.
fn collect(v: &Value, in_cookies: bool, out: &mut Vec<Secret>) {
    match v {
        Value::Object(map) => {
            if secret_pair(map, in_cookies) {
                let value = map
                    .get("value")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .trim();
                if value.len() >= REPEAT_FROM {
                    out.push(Secret {
                        kind: SecretKind::Other,
                        value: value.to_string(),
                        mask: masked(value),
                    });
                }
            }
            for (key, x) in map {
                collect(x, key == "cookies", out);
            }
        }
        Value::Array(items) => items.iter().for_each(|x| collect(x, in_cookies, out)),
        _ => {}
    }
}

fn clean(v: &mut Value, in_cookies: bool, secrets: &[Secret]) {
    match v {
        Value::Object(map) => {
            let drop = map
                .get("mimeType")
                .and_then(Value::as_str)
                .is_some_and(|m| {
                    let m = m.to_ascii_lowercase();
                    DROPPED_MIME.iter().any(|d| m.starts_with(d))
                });
            let pair = secret_pair(map, in_cookies);
            for (key, x) in map.iter_mut() {
                match x {
                    Value::String(s) if key == "text" && drop => s.clear(),
                    Value::String(s) if key == "value" && pair => {
                        if !s.trim().is_empty() {
                            *s = masked(s);
                        }
                    }
                    _ => clean(x, key == "cookies", secrets),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|x| clean(x, in_cookies, secrets)),
        Value::String(s) => {
            let r = redact(s);
            *s = scrub(&r.text, secrets);
        }
        _ => {}
    }
}
