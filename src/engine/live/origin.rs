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

/// Why `url` may not be sent, or `None` when it may: the one check every
/// live call passes before it leaves (the request builder's Send, "check my
/// token" and the token helper's). The URL's parsed origin must be exactly
/// one of `allowed` and the path must follow it with `/`, so nothing typed
/// after the origin (`.evil.example/…`, `:8443/…`, `%2e.evil.example/…`, a
/// slug of `.evil.example`) can move the host the token goes to.
pub fn refusal(url: &str, allowed: &[String]) -> Option<String> {
    let Some(origin) = origin_of(url) else {
        return Some(
            "This is not a URL a live call can go to: it must start with https:// and a host of the list."
                .into(),
        );
    };
    if !origin_allowed(url, allowed) {
        return Some(format!(
            "Not sent: the URL goes to {origin}, which is not on the list of hosts this page may call ({}).",
            allowed.join(", ")
        ));
    }
    // The origin as written is `scheme://authority`; what follows it must
    // be a path. Its length is found again in the URL as typed, whose case
    // and default port may differ from the normalised origin.
    let rest = url.trim();
    let after_scheme = rest.split_once("://").map_or("", |(_, r)| r);
    let tail = after_scheme
        .find(['/', '?', '#'])
        .map_or("", |i| &after_scheme[i..]);
    if !tail.starts_with('/') {
        return Some("Not sent: the path must start with “/”.".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed() -> Vec<String> {
        allowed_origins(&["http://127.0.0.1:8080".to_string()])
    }

    #[test]
    fn a_url_leaves_only_for_an_allowed_origin() {
        for ok in [
            "https://api.scopestack.io/v1/me",
            "https://API.scopestack.io:443/acme/v1/projects?x=1",
            "https://app.scopestack.io/oauth/token",
            "http://127.0.0.1:8080/v1/me",
        ] {
            assert_eq!(refusal(ok, &allowed()), None, "{ok}");
        }
        for bad in [
            "https://api.scopestack.io.evil.example/v1/me",
            "https://api.scopestack.io.evil.example:443/x",
            "https://api.scopestack.io%2e.evil.example/x",
            "https://api.scopestack.io:8443/x",
            "https://api.scopestack.io@evil.example/x",
            "https://api.scopestack.io\\@evil.example/x",
            "https://api.scopestack.io?x=/v1/me",
            "https://api.scopestack.io#/v1/me",
            "https://api.scopestack.io",
            "//evil.example/x",
            "javascript:alert(1)",
            "http://127.0.0.1:8081/v1/me",
            "",
        ] {
            assert!(refusal(bad, &allowed()).is_some(), "{bad} must be refused");
        }
    }

    #[test]
    fn the_builder_cannot_be_steered_off_its_origin() {
        use crate::engine::live::{build, CallForm};
        let form = |slug: &str, path: &str| CallForm {
            origin: "https://api.scopestack.io".into(),
            slug: slug.into(),
            method: "GET".into(),
            path: path.into(),
            token: "secret-token-value".into(),
            ..CallForm::default()
        };
        for (slug, path) in [
            ("acme", ".evil.example/v1/me"),
            ("acme", ".evil.example:443/x"),
            ("acme", "%2e.evil.example/x"),
            ("acme", ":8443/x"),
            (".evil.example", "{slug}/v1/projects"),
            ("acme", "@evil.example/x"),
            ("acme", "v1/me"),
        ] {
            let url = build(&form(slug, path)).url;
            assert!(refusal(&url, &allowed()).is_some(), "{url} must be refused");
        }
        let url = build(&form(".evil.example", "/{slug}/v1/projects")).url;
        assert_eq!(
            refusal(&url, &allowed()),
            None,
            "a slug inside the path stays on the host"
        );
    }
}
