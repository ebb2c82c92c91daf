//! What the URL shows: host, account slug, `/v1/me`, filters, merge data,
//! a record id.

use super::out::Out;
use crate::engine::api_facts::{
    account_slug, asks_merge_data_v2, is_api_path, is_authorize_path, is_me_path,
    is_merge_data_path, is_token_path, API_HOST, APP_HOST,
};
use crate::engine::evidence::Evidence;
use crate::engine::util::quote::quote;
use crate::engine::util::url::split_url;

pub(super) fn url_signals(ev: &Evidence, out: &mut Out) {
    let Some(url) = ev.request.url.as_deref() else {
        return;
    };
    let Some(parts) = split_url(url) else { return };
    let shown = quote(url);
    let token_path = is_token_path(&parts.path) || is_authorize_path(&parts.path);
    let api_path = is_api_path(&parts.path);
    match parts.host.as_str() {
        API_HOST => {
            out.add("host:api", format!("The request went to {shown}."));
            if token_path {
                out.add(
                    "host:token-on-api",
                    format!("The token request went to the API host ({shown}); tokens come from {APP_HOST}."),
                );
            }
        }
        APP_HOST => {
            out.add("host:app", format!("The request went to {shown}."));
            if api_path && !token_path {
                out.add(
                    "host:api-on-app",
                    format!(
                        "The API call went to the app host ({shown}); the API lives on {API_HOST}."
                    ),
                );
            }
        }
        h if h.ends_with("scopestack.io") || h == "localhost" || h.starts_with("127.") => {}
        _ => out.add(
            "host:other",
            format!("The request went to {shown}, which is not a ScopeStack host."),
        ),
    }
    if token_path {
        return;
    }
    let me = is_me_path(&parts.path);
    if me {
        out.add("url:me", format!("The request is GET /v1/me ({shown})."));
    } else if api_path {
        match account_slug(&parts.path) {
            Some(slug) => out.add(
                "url:slug-present",
                format!("The URL carries the account slug “{slug}” ({shown})."),
            ),
            None => out.add(
                "url:slug-absent",
                format!("The URL {shown} has no account slug before /v1/."),
            ),
        }
    }
    if parts.query.contains("filter[")
        || parts.query.contains("filter%5B")
        || parts.query.contains("filter%5b")
    {
        out.add("url:filter", format!("The URL carries a filter ({shown})."));
    }
    let last = parts.last_segment();
    if is_merge_data_path(&parts.path) {
        if asks_merge_data_v2(&parts.query) {
            out.add(
                "url:merge-data-v2",
                format!("The merge-data call asks for version=2 ({shown})."),
            );
        } else {
            out.add(
                "url:merge-data-v1",
                format!("The merge-data call has no version=2, so it uses the slow v1 format ({shown})."),
            );
        }
    } else if !last.is_empty() && last.chars().all(|c| c.is_ascii_digit()) || looks_uuid(last) {
        out.add(
            "url:resource-id",
            format!("The URL names record “{last}” ({shown})."),
        );
    }
}

fn looks_uuid(s: &str) -> bool {
    s.len() == 36 && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}
