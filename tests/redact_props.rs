//! Properties of redaction over generated input: nothing panics, a planted
//! secret never survives in any context it can stand in (neither in the
//! redacted text, nor in a sentence scrubbed with the found secrets, nor
//! anywhere in the engine's JSON answer), and redacting twice is redacting
//! once.

use proptest::prelude::*;
use scopestack_troubleshooter::engine::diagnose;
use scopestack_troubleshooter::engine::redact::{redact, scrub, summary};

/// A token-like secret as people paste them.
fn secret() -> impl Strategy<Value = String> {
    "[A-Za-z0-9._-]{12,64}"
}

/// Text around the planted context: printable ASCII, line breaks, some
/// non-ASCII.
fn filler() -> impl Strategy<Value = String> {
    "[ -~\n\té€😀]{0,160}"
}

/// Pieces of the syntax secrets hide in, shuffled into strings that stress
/// every branch of the scanner (quotes, escapes, separators, schemes, masks).
const PIECES: &[&str] = &[
    "Authorization",
    "authorization: ",
    ": ",
    "Bearer ",
    "Basic ",
    "Token ",
    "\"",
    "'",
    "\\",
    "\\\"",
    "\\\\\\\"",
    "=",
    "=>",
    ":",
    "::",
    "&",
    ";",
    ",",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "\n",
    "\r\n",
    " ",
    "\t",
    "access_token",
    "password",
    "client_secret",
    "refresh_token",
    "api_key",
    "Cookie",
    "Set-Cookie: ",
    "cookies",
    "\"name\": ",
    "\"value\": ",
    "\"key\":",
    "code",
    "grant_type",
    "redirect_uri",
    "-u ",
    "--user=",
    "-uops:",
    "-b ",
    "--oauth2-bearer ",
    "https://",
    "user:pw@",
    "@",
    "eyJ",
    "eyJhbGciOiJIUzI1NiJ9.e30.abc",
    "abc.def",
    "Qf3kZp9sL2mN8vR4",
    "hunter22",
    "[masked]",
    "…",
    "abcd…[masked]",
    "é",
    "😀",
    "%20",
    "+",
    "realm=",
    "error=",
    "$X",
    "{{t}}",
    "<t>",
    "x",
    "123456",
    "null",
    "path=/",
    "# ",
    "?",
    "/",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "[ -~]{1,8}",
        ],
        0..80,
    )
    .prop_map(|v| v.concat())
}

/// Every context the secret `s` is planted in, by name.
fn contexts(s: &str) -> Vec<(&'static str, String)> {
    vec![
        ("header", format!("Authorization: Bearer {s}")),
        ("curl-verbose header", format!("> authorization: Bearer {s}\r")),
        ("curl -H", format!("curl -H 'Authorization: Bearer {s}' https://api.scopestack.io/v1/me")),
        (
            "json",
            format!("{{\"access_token\": \"{s}\", \"token_type\": \"Bearer\", \"expires_in\": 7200}}"),
        ),
        (
            "escaped json",
            format!("{{\"body\": \"{{\\\"client_secret\\\":\\\"{s}\\\",\\\"grant_type\\\":\\\"client_credentials\\\"}}\"}}"),
        ),
        (
            "doubly escaped json",
            format!("\"{{\\\"b\\\": \\\"{{\\\\\\\"refresh_token\\\\\\\": \\\\\\\"{s}\\\\\\\"}}\\\"}}\""),
        ),
        (
            "form",
            format!("grant_type=password&username=jane%40example.com&password={s}&client_id=abc"),
        ),
        ("query", format!("GET https://api.scopestack.io/v1/me?access_token={s}&page=2 HTTP/1.1")),
        ("curl -u", format!("curl -u Wm4cL7yQ2x:{s} https://app.scopestack.io/oauth/token")),
        ("har header", format!("{{\"name\": \"Authorization\", \"value\": \"Bearer {s}\"}}")),
        ("har param", format!("{{\"name\": \"client_secret\", \"value\": \"{s}\"}},")),
        ("har cookies", format!("\"cookies\": [{{\"name\": \"sid\", \"value\": \"{s}\"}}]")),
        ("python dict", format!("{{'client_secret': '{s}', 'client_id': 'abc'}}")),
        ("ruby hash", format!("{{:access_token=>\"{s}\", :token_type=>\"Bearer\"}}")),
        ("cookie", format!("Cookie: _scopestack_session={s}; path=/")),
        ("url credentials", format!("https://deploy:{s}@proxy.example.com/")),
        ("bare bearer", format!("it fails with Bearer {s} every time")),
    ]
}

fn paste(pre: &str, context: &str, post: &str) -> String {
    format!("{pre}\n{context}\n{post}")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_on_strings(text in any::<String>()) {
        let r = redact(&text);
        let _ = summary(&r.secrets);
        let _ = scrub(&text, &r.secrets);
    }

    #[test]
    fn never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let text = String::from_utf8_lossy(&bytes);
        let r = redact(&text);
        let _ = summary(&r.secrets);
        let _ = scrub(&text, &r.secrets);
    }

    #[test]
    fn never_panics_on_syntax_soup(text in soup()) {
        let r = redact(&text);
        let _ = summary(&r.secrets);
        let _ = scrub(&text, &r.secrets);
    }

    #[test]
    fn planted_secret_never_survives(s in secret(), pre in filler(), post in filler(), sentence in filler()) {
        for (name, context) in contexts(&s) {
            let input = paste(&pre, &context, &post);
            let r = redact(&input);
            prop_assert!(!r.text.contains(&s), "{name}: secret survived in {:?}", r.text);
            prop_assert!(summary(&r.secrets).is_some(), "{name}: no summary");
            let said = format!("{sentence}{s}{sentence}");
            let clean = scrub(&said, &r.secrets);
            prop_assert!(!clean.contains(&s), "{name}: scrub kept it in {clean:?}");
        }
    }

    #[test]
    fn idempotent_on_contexts(s in secret(), pre in filler(), post in filler()) {
        for (name, context) in contexts(&s) {
            let once = redact(&paste(&pre, &context, &post));
            let twice = redact(&once.text);
            prop_assert_eq!(&twice.text, &once.text, "{}", name);
        }
    }

    #[test]
    fn idempotent_on_soup(text in soup()) {
        let once = redact(&text);
        let twice = redact(&once.text);
        prop_assert_eq!(twice.text, once.text);
    }

    #[test]
    fn idempotent_on_strings(text in any::<String>()) {
        let once = redact(&text);
        let twice = redact(&once.text);
        prop_assert_eq!(twice.text, once.text);
    }
}

proptest! {
    // The whole engine is slower than redaction alone.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn diagnosis_never_carries_the_secret(s in secret(), pre in filler(), post in filler()) {
        for (name, context) in contexts(&s) {
            let input = paste(&pre, &context, &post);
            let json = diagnose(&input).to_json();
            prop_assert!(!json.contains(&s), "{name}: secret in the diagnosis:\n{json}");
        }
    }

    #[test]
    fn diagnosis_of_a_realistic_paste_never_carries_the_secret(s in secret()) {
        let input = format!(
            "curl -v -X POST https://app.scopestack.io/oauth/token -u Wm4cL7yQ2x:{s} -d 'grant_type=password&username=jane%40example.com&password={s}'\n\
> POST /oauth/token HTTP/2\n> authorization: Basic V200Y0w3eVE6Y1M5\n> cookie: _scopestack_session={s}\n\
< HTTP/2 401\n< www-authenticate: Bearer realm=\"Doorkeeper\", error=\"invalid_client\", error_description=\"Client authentication failed\"\n\
{{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\",\"access_token\":\"{s}\"}}\n\
GET https://api.scopestack.io/acme/v1/projects?access_token={s} with Bearer {s}"
        );
        let json = diagnose(&input).to_json();
        prop_assert!(!json.contains(&s), "secret in the diagnosis:\n{json}");
    }
}
