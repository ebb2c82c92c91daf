//! Where live calls may go.

use super::*;

#[test]
fn origins() {
    let allowed: Vec<String> = DEFAULT_ORIGINS.iter().map(|s| s.to_string()).collect();
    for ok in [
        "https://api.scopestack.io/acme/v1/projects",
        "https://API.ScopeStack.io/v1/me",
        "https://api.scopestack.io:443/v1/me",
        "https://app.scopestack.io/oauth/token",
        "https://app.scopestack.io",
        "https://api.scopestack.io?x=1",
    ] {
        assert!(origin_allowed(ok, &allowed), "{ok}");
    }
    for bad in [
        "http://api.scopestack.io/v1/me",
        "https://api.scopestack.io.evil.example/v1/me",
        "https://api.scopestack.io@evil.example/v1/me",
        "https://evil.example/#@api.scopestack.io",
        "https://evil.example\\@api.scopestack.io",
        "https://api.scopestack.io:8443/v1/me",
        "https://api.scopestack.io./v1/me",
        "https://api.scope\tstack.io/v1/me",
        "//api.scopestack.io/v1/me",
        "api.scopestack.io/v1/me",
        "javascript:alert(1)//api.scopestack.io",
        "",
    ] {
        assert!(!origin_allowed(bad, &allowed), "{bad}");
    }
    let local = vec!["http://localhost:8080/".to_string()];
    assert!(origin_allowed(
        "http://localhost:8080/acme/v1/projects",
        &local
    ));
    assert!(!origin_allowed("http://localhost:8081/", &local));
    assert!(!origin_allowed("http://localhost/", &local));
}

/// The lint says what Send refuses: a URL whose origin is allowed but
/// whose path does not follow it with `/`.
#[test]
fn the_lint_names_a_path_send_refuses() {
    let mut req = api("GET", "/v1/me");
    for url in [
        "https://api.scopestack.io?x=/v1/me",
        "https://api.scopestack.io#/v1/me",
        "https://api.scopestack.io",
    ] {
        req.url = url.into();
        assert!(
            ids(&lint(&req)).contains(&"path-not-absolute"),
            "{url}: {:?}",
            ids(&lint(&req))
        );
    }
    req.url = "https://api.scopestack.io/v1/me".into();
    assert!(!ids(&lint(&req)).contains(&"path-not-absolute"));
}
