//! Request headers written in the code that made the call, when the paste
//! shows the code rather than a transcript: PowerShell hashtables
//! (`@{ Authorization = "Bearer …" }`), JavaScript and Python objects
//! (`'Authorization': 'Bearer …'`), Ruby hashes (`"Authorization" => "…"`).
//! They say what was sent, but not everything that was sent, so they are
//! kept as partial headers: a header they lack is not evidence of absence.

use super::{text, Collector, HEAD_SCAN};

/// The headers worth reading from code: the ones the rules judge.
const NAMES: &[&str] = &["Authorization", "Accept", "Content-Type"];

/// `Name` written as a key, then `=`, `:` or `=>`, then a quoted value.
fn value_after(s: &str, at: usize) -> Option<&str> {
    let rest = s.get(at..)?;
    let rest = rest
        .strip_prefix(['"', '\''])
        .unwrap_or(rest)
        .trim_start_matches([' ', '\t']);
    let rest = rest
        .strip_prefix("=>")
        .or_else(|| rest.strip_prefix('='))
        .or_else(|| rest.strip_prefix(':'))?
        .trim_start_matches([' ', '\t']);
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let body = &rest[1..];
    let end = body.find([quote, '\n'])?;
    let v = body[..end].trim();
    (!v.is_empty()).then_some(v)
}

pub(crate) fn scan(input: &str, c: &mut Collector) {
    if c.ev.request.headers_seen || !c.ev.request.headers.is_empty() {
        return;
    }
    let head = text::clip(input, HEAD_SCAN);
    let lower = head.to_ascii_lowercase();
    let mut found = Vec::new();
    for name in NAMES {
        let key = name.to_ascii_lowercase();
        let hit = lower.match_indices(key.as_str()).find_map(|(i, _)| {
            let before = head[..i].chars().next_back();
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == '-' || b == '_') {
                return None;
            }
            value_after(head, i + key.len())
        });
        if let Some(v) = hit {
            found.push((name.to_string(), v.to_string()));
        }
    }
    if !found.is_empty() {
        c.request_headers_partial(found);
    }
}

#[cfg(test)]
mod tests {
    use super::value_after;

    #[test]
    fn keys_in_several_languages() {
        let ps =
            r#"$h = @{ Authorization = "Bearer abc123"; Accept = "application/vnd.api+json" }"#;
        let at = ps.find("Authorization").unwrap() + "Authorization".len();
        assert_eq!(value_after(ps, at), Some("Bearer abc123"));
        let js = "headers: { 'Authorization': 'Bearer x1' }";
        let at = js.find("Authorization").unwrap() + "Authorization".len();
        assert_eq!(value_after(js, at), Some("Bearer x1"));
        let rb = r#"{"Authorization" => "Bearer y2"}"#;
        let at = rb.find("Authorization").unwrap() + "Authorization".len();
        assert_eq!(value_after(rb, at), Some("Bearer y2"));
        let prose = "the Authorization header is missing";
        let at = prose.find("Authorization").unwrap() + "Authorization".len();
        assert_eq!(value_after(prose, at), None);
    }
}
