//! Redaction: secrets out of everything the engine shows, copies or links.
//! (First cut; being completed.)

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretKind {
    BearerToken,
    AccessToken,
    RefreshToken,
    ClientSecret,
    Password,
    Cookie,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secret {
    pub kind: SecretKind,
    pub value: String,
    pub mask: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Redacted {
    pub text: String,
    pub secrets: Vec<Secret>,
}

pub fn mask(value: &str) -> String {
    let v = value.trim();
    if v.chars().count() >= 16 {
        let prefix: String = v.chars().take(4).collect();
        format!("{prefix}…[masked]")
    } else {
        "[masked]".to_string()
    }
}

pub fn redact(input: &str) -> Redacted {
    Redacted {
        text: input.to_string(),
        secrets: Vec::new(),
    }
}

pub fn scrub(text: &str, secrets: &[Secret]) -> String {
    let mut out = text.to_string();
    for s in secrets {
        if !s.value.is_empty() {
            out = out.replace(&s.value, &s.mask);
        }
    }
    out
}

pub fn summary(secrets: &[Secret]) -> Option<String> {
    if secrets.is_empty() {
        None
    } else {
        Some(format!("{} secrets masked", secrets.len()))
    }
}
