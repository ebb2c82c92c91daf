//! Where live calls may go: ScopeStack's origins plus the page's.

use crate::engine::api_facts::DEFAULT_ORIGINS;
use crate::engine::util::url::origin_of;

/// ScopeStack's origins plus those the embedding page allows.
pub(super) fn allowed_origins(extra: &[String]) -> Vec<String> {
    DEFAULT_ORIGINS
        .iter()
        .map(|o| o.to_string())
        .chain(extra.iter().cloned())
        .collect()
}

/// True when the URL's origin is exactly one of `allowed`. Anything a
/// browser might read differently from this parser (user info, backslashes,
/// whitespace, no scheme) is refused, so a crafted URL can never pass.
pub fn origin_allowed(url: &str, allowed: &[String]) -> bool {
    let Some(origin) = origin_of(url) else {
        return false;
    };
    allowed
        .iter()
        .any(|a| origin_of(a).is_some_and(|o| o == origin))
}
