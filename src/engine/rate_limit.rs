//! Rate limiting: whether the answer says how long to wait. A 429 itself is
//! a status signal; what this adds is the `Retry-After` the server (or the
//! platform in front of it) sent, from the response headers or, when a
//! client printed them as an object, from the paste.

use super::evidence::{text, Evidence};
use super::signals::{quote, Signal};

/// The signals this file emits.
pub const CATALOGUE: &[(&str, &str)] = &[(
    "response:retry-after",
    "the answer says how long to wait before retrying (Retry-After)",
)];

/// Where a client's printed headers are looked for.
const SCAN: usize = 64 * 1024;

/// The Retry-After value, from the headers or as printed in the paste.
fn retry_after(ev: &Evidence, input: &str) -> Option<String> {
    if let Some(v) = ev.response_header("retry-after") {
        return Some(v.trim().to_string());
    }
    let head = text::clip(input, SCAN);
    let lower = head.to_ascii_lowercase();
    lower.match_indices("retry-after").find_map(|(i, _)| {
        let rest = head.get(i + "retry-after".len()..)?;
        let rest = rest.trim_start_matches(['"', '\'']).trim_start();
        let rest = rest.strip_prefix([':', '='])?.trim_start();
        let rest = rest.trim_start_matches(['"', '\'']);
        let v: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | ',' | ':'))
            .collect();
        let v = v.trim();
        v.starts_with(|c: char| c.is_ascii_alphanumeric())
            .then(|| v.to_string())
    })
}

pub fn signals(ev: &Evidence, input: &str) -> Vec<Signal> {
    match retry_after(ev, input) {
        Some(v) => vec![Signal {
            id: "response:retry-after".to_string(),
            why: format!("The answer carries Retry-After: {}.", quote(&v)),
        }],
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_from_headers_or_as_printed() {
        let ev = Evidence {
            response_headers: vec![("Retry-After".into(), "120".into())],
            ..Evidence::default()
        };
        assert_eq!(retry_after(&ev, "").as_deref(), Some("120"));
        let ev = Evidence::default();
        assert_eq!(
            retry_after(&ev, "headers: { 'retry-after': '30' }").as_deref(),
            Some("30")
        );
        assert_eq!(
            retry_after(&ev, r#""Retry-After":"Wed, 21 Oct 2026 07:28:00 GMT""#).as_deref(),
            Some("Wed, 21 Oct 2026 07:28:00 GMT")
        );
        assert_eq!(retry_after(&ev, "we retry after a minute"), None);
        assert_eq!(retry_after(&ev, "retry-after:"), None);
    }
}
