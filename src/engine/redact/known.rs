//! Known secrets: a live call's request is known in full, so besides the
//! pattern-based redaction every text the engine says about it is scrubbed
//! of the exact credentials it carried, in each spelling they may take.

use super::{mask_for, summary, Secret, SecretKind};
use crate::engine::diagnosis::Diagnosis;
use crate::engine::evidence::Evidence;
use crate::engine::util::quote::unquote;
use crate::engine::util::url::split_url;

/// Form and JSON fields that hold a secret, and what kind of secret.
const SECRET_FIELDS: &[(&str, SecretKind)] = &[
    ("client_secret", SecretKind::ClientSecret),
    ("password", SecretKind::Password),
    ("refresh_token", SecretKind::RefreshToken),
    ("access_token", SecretKind::AccessToken),
    ("code", SecretKind::AuthorizationCode),
];

pub fn secret_field(name: &str) -> Option<SecretKind> {
    let last = name.rsplit('.').next().unwrap_or(name);
    SECRET_FIELDS
        .iter()
        .find(|(n, _)| *n == last)
        .map(|(_, k)| *k)
}

/// Known secrets: `all` holds every spelling to scrub, `distinct` one entry
/// per credential, for the summary a person reads.
#[derive(Default)]
pub struct Known {
    all: Vec<Secret>,
    distinct: Vec<Secret>,
}

impl Known {
    /// `text` as it may leave the engine: sealed with these secrets and
    /// masked like a paste (the one scrub point's rule for a text).
    pub fn clean(&self, text: &str) -> String {
        super::seal::clean(text, &self.all)
    }

    /// No secret is known.
    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    fn secret(kind: SecretKind, value: &str) -> Option<Secret> {
        let v = value.trim();
        (v.len() >= 2).then(|| Secret {
            kind,
            value: v.to_string(),
            mask: mask_for(kind, v),
        })
    }

    /// Another spelling of a credential already counted.
    fn add(&mut self, kind: SecretKind, value: &str) {
        if let Some(s) = Self::secret(kind, value) {
            if !self.all.iter().any(|x| x.value == s.value) {
                self.all.push(s);
            }
        }
    }

    /// A credential of its own.
    fn add_distinct(&mut self, kind: SecretKind, value: &str) {
        if let Some(s) = Self::secret(kind, value) {
            if !self.all.iter().any(|x| x.value == s.value) {
                self.distinct.push(s.clone());
                self.all.push(s);
            }
        }
    }
}

/// Every secret the request carries, in each spelling it may appear in
/// (as sent, unquoted, form-decoded), so they can be scrubbed from anything
/// the engine says about it even when pattern-based redaction would miss a
/// malformed one. `headers`, `body` and `url` are the request as sent;
/// `ev` its evidence (whose form and JSON fields are read).
pub fn known_secrets(
    headers: &[(String, String)],
    body: Option<&str>,
    url: &str,
    ev: &Evidence,
) -> Known {
    let mut k = Known::default();
    for (name, value) in headers {
        let lower = name.to_ascii_lowercase();
        if lower == "authorization" || lower == "proxy-authorization" {
            credential_spellings(value, &mut k);
        } else if lower == "cookie" {
            k.add_distinct(SecretKind::Cookie, value);
        } else if secret_header(name) {
            k.add_distinct(SecretKind::ApiKey, value);
        }
    }
    if let Some(body) = body {
        if !body.trim_start().starts_with(['{', '[']) {
            for pair in body.split('&') {
                if let Some((name, raw)) = pair.split_once('=') {
                    if let Some(kind) = secret_field(name.trim()) {
                        k.add_distinct(kind, raw);
                    }
                }
            }
        }
    }
    for (name, value) in &ev.request.params {
        // A `code` deep in a JSON:API body is an attribute, not an
        // authorization code.
        let nested = name.contains(['.', '[']);
        match secret_field(name) {
            Some(SecretKind::AuthorizationCode) if nested => {}
            Some(kind) => k.add(kind, value),
            None => {}
        }
    }
    if let Some(query) = split_url(url).map(|p| p.query) {
        for pair in query.split('&') {
            if let Some((name, raw)) = pair.split_once('=') {
                if let Some(kind) = secret_field(name) {
                    k.add_distinct(kind, raw);
                }
            }
        }
    }
    k
}

/// The credential of an Authorization value in every spelling a quote of
/// it may take, however malformed the value is.
fn credential_spellings(value: &str, k: &mut Known) {
    let kind = SecretKind::BearerToken;
    let v = value.trim();
    let Some((_, rest)) = v.split_once(char::is_whitespace) else {
        k.add_distinct(kind, v);
        return;
    };
    let rest = rest.trim();
    k.add_distinct(kind, rest);
    k.add(kind, unquote(rest));
    let lower = rest.to_ascii_lowercase();
    if lower.starts_with("bearer") {
        if let Some(after) = rest.get("bearer".len()..) {
            k.add(kind, after);
            k.add(kind, unquote(after));
        }
    }
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(unquote(rest)) {
        for field in ["access_token", "refresh_token"] {
            if let Some(s) = json.get(field).and_then(|x| x.as_str()) {
                k.add(kind, s);
            }
        }
    }
    for word in rest.split_whitespace() {
        let w = word.trim_matches(|c: char| matches!(c, '"' | '\'' | ',' | '{' | '}' | ':'));
        if w.len() >= 8 && !w.eq_ignore_ascii_case("bearer") {
            k.add(kind, w);
        }
    }
}

/// A live call's diagnosis, sealed with the exact secrets the call carried
/// (the one scrub point, `seal`, with this call's list).
pub fn scrub_diagnosis(d: &mut Diagnosis, known: &Known) {
    super::seal::seal(d, &known.all);
    // Pattern-based redaction may not recognise a malformed credential
    // (a quoted or broken token); it was masked all the same, so say so.
    if d.redaction_summary.is_none() {
        d.redaction_summary = summary(&known.distinct);
    }
}

/// Header names whose value is a credential and never goes into a command.
pub fn secret_header(name: &str) -> bool {
    // The one list of secret-bearing names, in every spelling.
    super::names::is_secret_name(name)
}
