//! Whose record and whose token: the URL's slug and id against a not-found
//! error and against the account `/v1/me` names.

use super::out::Out;
use crate::engine::api_facts::{account_slug, changes_records};
use crate::engine::evidence::Evidence;
use crate::engine::util::quote::quote;
use crate::engine::util::url::split_url;

/// What the URL's slug and record id say against a not-found error ("The
/// record identified by acme could not be found."), and against the account
/// the token belongs to (a live call's `/v1/me`).
pub(super) fn account_signals(ev: &Evidence, out: &mut Out) {
    let Some(parts) = ev.request.url.as_deref().and_then(split_url) else {
        return;
    };
    let slug = account_slug(&parts.path);
    let last = parts.last_segment();
    const NAMED: &str = "record identified by ";
    for e in &ev.errors {
        let Some(detail) = e.detail.as_deref() else {
            continue;
        };
        let Some(at) = detail.find(NAMED) else {
            continue;
        };
        let named = detail[at + NAMED.len()..]
            .split(char::is_whitespace)
            .next()
            .unwrap_or_default()
            .trim_matches(|c| c == '\'' || c == '"' || c == '.');
        if slug.as_deref() == Some(named) {
            out.add_with("not-found:slug", || {
                format!(
                    "The error says “{}”: the account slug “{named}” itself was not found.",
                    quote(detail)
                )
            });
        } else if !named.is_empty() && named == last {
            out.add_with("not-found:id", || {
                format!(
                    "The error says “{}”: no record {named} in this account.",
                    quote(detail)
                )
            });
        }
    }
    let (Some(token_account), Some(slug)) = (ev.token_account.as_deref(), slug.as_deref()) else {
        return;
    };
    if token_account != slug {
        out.add_with("token-account:other", || {
            format!("GET /v1/me says the token belongs to account “{token_account}”, but the URL is for “{slug}”.")
        });
        return;
    }
    let method = ev
        .request
        .method
        .as_deref()
        .unwrap_or_default()
        .to_ascii_uppercase();
    if changes_records(&method) {
        out.add_with("token-account:same-write", || {
            format!("The token belongs to account “{slug}”, the URL's own, and the request is a {method}: the user may read but not write.")
        });
    } else if last.chars().all(|c| c.is_ascii_digit()) && !last.is_empty() {
        out.add_with("token-account:same-read-record", || {
            format!("The token belongs to account “{slug}”, the URL's own, yet record {last} is refused: it belongs to another account.")
        });
    }
}
