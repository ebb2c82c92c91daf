//! The request as a curl command.

use super::*;

#[test]
fn curl_commands() {
    let post = api("POST", "/acme/v1/projects");
    let curl = to_curl(&post);
    assert_eq!(
        curl,
        "curl -i \\\n  -X POST \\\n  https://api.scopestack.io/acme/v1/projects \\\n  -H 'Accept: application/vnd.api+json' \\\n  -H \"Authorization: Bearer $SCOPESTACK_TOKEN\" \\\n  -H 'Content-Type: application/vnd.api+json' \\\n  --data-raw '{\"data\":{\"type\":\"projects\",\"id\":\"1\",\"attributes\":{\"project-name\":\"Fabric refresh\"}}}'"
    );
    assert!(!curl.contains(TOKEN));

    let get = api("GET", "/acme/v1/projects?filter[active]=true&page[size]=5");
    let curl = to_curl(&get);
    assert!(curl.starts_with(
        "curl -i \\\n  'https://api.scopestack.io/acme/v1/projects?filter[active]=true&page[size]=5' \\\n"
    ), "{curl}");
    assert!(!curl.contains("-X"));

    // A single quote inside the body survives POSIX quoting.
    let quoted = HttpRequest {
        body: Some(r#"{"data":{"type":"notes","attributes":{"text":"it's"}}}"#.into()),
        ..api("POST", "/acme/v1/notes")
    };
    assert!(to_curl(&quoted)
        .ends_with(r#"--data-raw '{"data":{"type":"notes","attributes":{"text":"it'\''s"}}}'"#));

    let token = token_http_request(&token_form("password"));
    let curl = to_curl(&token);
    assert!(!curl.contains(SECRET) && !curl.contains(PASSWORD), "{curl}");
    assert!(
        curl.contains(
            "--data-raw 'grant_type=password&client_id=abcdefghjk&username=ada%40example.com'"
        ),
        "{curl}"
    );
    assert!(curl.contains("--data-urlencode \"client_secret=$SCOPESTACK_CLIENT_SECRET\""));
    assert!(curl.contains("--data-urlencode \"password=$SCOPESTACK_PASSWORD\""));
    assert!(curl.contains("-H 'Content-Type: application/x-www-form-urlencoded'"));

    let refresh = to_curl(&token_http_request(&token_form("refresh_token")));
    assert!(!refresh.contains("rT-9a8b7c6d5e4f3a2b1c0d"));
    assert!(refresh.contains("$SCOPESTACK_REFRESH_TOKEN"));

    // Whatever shape the Authorization header has, the token stays out.
    for shape in [
        format!("Bearer \"{TOKEN}\""),
        TOKEN.to_string(),
        format!("Bearer {}\n{}", &TOKEN[..12], &TOKEN[12..]),
    ] {
        let req = with_header(
            api("GET", "/acme/v1/projects"),
            "Authorization",
            Some(&shape),
        );
        let curl = to_curl(&req);
        assert!(
            !curl.contains(&TOKEN[..12]) && !curl.contains(&TOKEN[12..]),
            "{curl}"
        );
        assert!(curl.contains("$SCOPESTACK_TOKEN"));
    }
    let in_query = HttpRequest {
        url: format!("https://api.scopestack.io/v1/me?access_token={TOKEN}"),
        ..api("GET", "/x")
    };
    assert!(!to_curl(&in_query).contains(TOKEN));
}

#[test]
fn curl_commands_run_in_a_shell() {
    // Parse the command back with sh itself (echoing each word), when a
    // POSIX shell is at hand: quoting mistakes show as different words.
    let Ok(out) = std::process::Command::new("sh")
        .arg("-c")
        .arg("true")
        .output()
    else {
        return;
    };
    assert!(out.status.success());
    let req = HttpRequest {
        body: Some("{\"data\":{\"type\":\"notes\",\"attributes\":{\"text\":\"it's $HOME `x` \\\\ \\\"q\\\"\\nline\"}}}".into()),
        ..api("POST", "/acme/v1/notes")
    };
    let script = to_curl(&req).replacen("curl -i", "printf '%s\\n'", 1);
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .env("SCOPESTACK_TOKEN", "ENVTOKEN")
        .output()
        .unwrap();
    let words = String::from_utf8(out.stdout).unwrap();
    assert!(
        words.contains("Authorization: Bearer ENVTOKEN\n"),
        "{words}"
    );
    assert!(
        words.ends_with(&format!("{}\n", req.body.as_deref().unwrap())),
        "{words}"
    );
}
