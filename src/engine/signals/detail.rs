//! The words of error titles and details, mapped to signals.

use super::out::Out;
use crate::engine::api_facts::{media_type_ok, normalise_code};
use crate::engine::evidence::Evidence;
use crate::engine::util::quote::quote;

/// Words in error titles and details, mapped to signals.
pub(super) fn error_detail_signals(ev: &Evidence, out: &mut Out) {
    // Bodies repeat one message for many attributes ("name - can't be
    // blank", "code - can't be blank"): each message is read once.
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for e in &ev.errors {
        if let Some(code) = &e.code {
            let id = format!("jsonapi-code:{}", normalise_code(code));
            out.add_with(&id, || {
                format!(
                    "The error carries code \"{}\"{}.",
                    code,
                    e.title
                        .as_deref()
                        .map(|t| format!(" (“{}”)", quote(t)))
                        .unwrap_or_default()
                )
            });
        }
        let title = e.title.as_deref().unwrap_or_default();
        let detail = e.detail.as_deref().unwrap_or_default();
        let message = detail.split_once(" - ").map_or(detail, |(_, m)| m);
        if seen.contains(&(title, message)) {
            continue;
        }
        seen.push((title, message));
        let text = match (title.is_empty(), detail.is_empty()) {
            (false, false) => format!("{title} — {detail}"),
            (false, true) => title.to_string(),
            _ => detail.to_string(),
        };
        detail_words(&text, e.pointer.as_deref(), out);
    }
    // Token-endpoint and prose descriptions use the same words.
    if let Some(desc) = &ev.oauth_description {
        detail_words(desc, None, out);
    }
}

fn detail_words(text: &str, pointer: Option<&str>, out: &mut Out) {
    if text.is_empty() {
        return;
    }
    let lower = text.to_ascii_lowercase();
    let has = |needle: &str| lower.contains(needle);
    let says = || format!("The error says “{}”.", quote(text));
    if has("can't be blank")
        || has("can’t be blank")
        || has("cannot be blank")
        || has("must be present")
    {
        out.add_with("detail:blank", || {
            let field = pointer
                .and_then(|p| p.rsplit('/').next())
                .map(str::to_string)
                .or_else(|| attribute_of(text));
            let q = quote(text);
            match field {
                Some(f) => format!("The error says “{q}”: the field `{f}` is blank."),
                None => format!("The error says “{q}”."),
            }
        });
    }
    if has("already been taken") || has("must be unique") || has("already exists") {
        out.add_with("detail:taken", says);
    }
    if has("must exist")
        || has("another account")
        || has("different account")
        || has("not in this account")
    {
        out.add_with("detail:cross-account", says);
    }
    if has("filter not allowed") || (has("filter") && has("is not allowed")) {
        out.add_with("detail:filter-not-allowed", says);
    } else if has("is not allowed") || has("param not allowed") {
        out.add_with("detail:param-not-allowed", says);
    }
    if has("param missing") || has("parameter is required") || has("missing required parameter") {
        out.add_with("detail:param-missing", says);
    }
    if has("is not a valid value")
        || has("invalid field value")
        || has("is not a number")
        || has("invalid value")
    {
        out.add_with("detail:invalid-value", says);
    }
    if has("is not a valid field") || has("invalid field") && !has("invalid field value") {
        out.add_with("detail:invalid-field", says);
    }
    if has("invalid data format")
        || has("data is not valid")
        || has("invalid json")
        || has("unexpected token")
    {
        out.add_with("detail:invalid-format", says);
    }
    if has("could not be found") || has("record not found") || has("couldn't find") {
        out.add_with("detail:record-not-found", says);
    }
    if has("no route matches") || has("routing error") {
        out.add_with("detail:route-not-found", says);
    }
    if has("content-type") {
        out.add_with("detail:content-type", says);
        specified_media_type(text, "content-type", out);
    }
    if has("' accept") || has("accept without") || has("accept header") || has("not acceptable") {
        out.add_with("detail:accept", says);
        specified_media_type(text, "accept", out);
    }
    if has("deactivated") || has("inactive") || has("disabled") {
        out.add_with("detail:deactivated", says);
    }
    if has("invitation") {
        out.add_with("detail:invitation", says);
    }
    if has("redirect uri") || has("redirect_uri") || has("redirection uri") || has("callback") {
        // Doorkeeper's generic invalid_grant text names the redirection URI
        // among five causes; only a specific complaint counts here.
        if !has("invalid, expired, revoked") {
            out.add_with("detail:redirect-uri", says);
        }
    }
    if has("not authorized")
        || has("not allowed to")
        || has("permission")
        || has("forbidden") && !has("403")
    {
        out.add_with("detail:permission", says);
    }
}

/// JSONAPI::Resources names the media type the request really sent ("This
/// request specified 'application/json'."), which proves what the request
/// carried even when the paste shows no request headers.
fn specified_media_type(text: &str, header: &str, out: &mut Out) {
    let Some(at) = text.find("specified '") else {
        return;
    };
    let rest = &text[at + "specified '".len()..];
    let Some(end) = rest.find('\'') else { return };
    let sent = rest[..end].trim();
    let (absent, wrong, name) = if header == "accept" {
        ("request:accept-absent", "request:accept-wrong", "Accept")
    } else {
        (
            "request:content-type-absent",
            "request:content-type-wrong",
            "Content-Type",
        )
    };
    if sent.is_empty() {
        out.add(
            absent,
            format!("The server says the request specified no {name}."),
        );
    } else if !media_type_ok(sent) || sent.contains(';') {
        out.add(
            wrong,
            format!(
                "The server says the request specified {name} '{}'.",
                quote(sent)
            ),
        );
    }
}

/// `"name - can't be blank"` and `"Name can't be blank"` name the attribute.
pub fn attribute_of(detail: &str) -> Option<String> {
    let d = detail.trim();
    if let Some((attr, _)) = d.split_once(" - ") {
        let attr = attr.trim();
        if !attr.is_empty() && !attr.contains(' ') {
            return Some(attr.to_string());
        }
    }
    let lower = d.to_ascii_lowercase();
    let end = lower.find(" can't").or_else(|| lower.find(" can’t"))?;
    let attr = d[..end].trim();
    (!attr.is_empty() && attr.split_whitespace().count() <= 3)
        .then(|| attr.to_ascii_lowercase().replace(' ', "_"))
}
