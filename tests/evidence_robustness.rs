//! Inputs that must not hurt the evidence layer: nothing, noise, garbage,
//! absurd nesting, huge pastes. Each yields empty evidence (or the one
//! error it really holds), without a panic and in linear time.

use proptest::prelude::*;
use scopestack_troubleshooter::engine::evidence::gather;
use std::time::Instant;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Run `f` and say how long it took. Reported, not asserted: these
/// machines are shared and noisy, and a debug build under load can take
/// many times its usual time (`examples/engine_bench` measures speed, in
/// ratios of one run). What these tests hold is that every hostile input is
/// answered, and answered right.
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    eprintln!("{what}: {:?}", start.elapsed());
    out
}

#[test]
fn empty_and_whitespace() {
    for s in ["", " ", "\n\n\t  \r\n", "\u{feff}", "\u{a0}\u{2003}"] {
        let e = gather(s);
        assert!(e.is_empty(), "{s:?} gave {e:?}");
        assert_eq!(e.status, None);
    }
}

#[test]
fn binary_garbage() {
    let mut rng = Lcg(7);
    for len in [1, 17, 4096, 1 << 20] {
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let text = String::from_utf8_lossy(&bytes);
        let e = timed("garbage", || gather(&text));
        assert_eq!(e.status, None, "len {len}");
        assert_eq!(e.oauth_error, None, "len {len}");
    }
}

#[test]
fn deep_nesting() {
    for open in ["[", "{", "{\"a\":", "{a:[", "(", "<"] {
        let text = open.repeat(100_000);
        let e = timed(open, || gather(&text));
        assert!(e.is_empty(), "{open} gave {:?}", e.formats);
        let closed = format!("{text}{}", "]".repeat(100_000));
        let e = timed(open, || gather(&closed));
        assert_eq!(e.status, None);
    }
}

#[test]
fn ten_megabytes_of_noise() {
    let mut rng = Lcg(42);
    let alphabet = b"qxzjkvwyQXZJKVW  \n{}[]<>:,\"'=;-_/\\*";
    let text: String = (0..10 * 1024 * 1024)
        .map(|_| char::from(alphabet[(rng.next() % alphabet.len() as u64) as usize]))
        .collect();
    let e = timed("noise", || gather(&text));
    assert!(e.is_empty(), "noise gave {:?}", e.formats);
}

#[test]
fn big_json_error_body_is_recognised() {
    let filler = "x".repeat(5 * 1024 * 1024);
    let text = format!(
        r#"{{"errors":[{{"title":"can't be blank","detail":"name - can't be blank","code":"100","source":{{"pointer":"/data/attributes/name"}},"status":"422"}}],"meta":{{"trace":"{filler}"}}}}"#
    );
    let e = timed("5 MB json", || gather(&text));
    assert_eq!(e.formats, vec!["json-api"]);
    assert_eq!(e.status, Some(422));
    assert_eq!(e.body.as_ref().map(String::len), Some(text.len()));
}

#[test]
fn big_json_success_array() {
    let item = r#"{"id":"1","type":"projects","attributes":{"project-name":"Acme rollout","service-locations":3}},"#;
    let items = item.repeat(5 * 1024 * 1024 / item.len());
    let text = format!("{{\"data\":[{}]}}", items.trim_end_matches(','));
    let e = timed("5 MB success", || gather(&text));
    assert_eq!(e.status, None);
    assert!(e.errors.is_empty());
}

#[test]
fn big_curl_verbose_with_html_body() {
    let mut text = String::from("> GET /acme/v1/projects/9/merge-data HTTP/2\n> Host: api.scopestack.io\n> Accept: application/vnd.api+json\n>\n< HTTP/2 504\n< content-type: text/html\n< server: nginx\n<\n<html><head><title>504 Gateway Time-out</title><style>body{margin:0}</style></head><body>\n");
    while text.len() < 5 * 1024 * 1024 {
        text.push_str("<div class=\"row\"><p style=\"a{b}\">lorem ipsum 504 {not json} [x] 'q' \"r\"</p></div>\n");
    }
    text.push_str("</body></html>\n* Connection #0 to host api.scopestack.io left intact\n");
    let e = timed("5 MB curl -v", || gather(&text));
    assert_eq!(e.formats, vec!["curl-verbose", "gateway-html"]);
    assert_eq!(e.status, Some(504));
    assert_eq!(e.gateway.as_deref(), Some("nginx"));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/projects/9/merge-data")
    );
    assert_eq!(e.network, None);
}

#[test]
fn many_lines_of_headers_and_prompts() {
    let mut text = String::new();
    for i in 0..200_000 {
        text.push_str(&format!(
            "X-Header-{i}: value {i}\n$ curl \\\n> \n< \n* note\n"
        ));
    }
    let e = timed("line soup", || gather(&text));
    assert_eq!(e.status, None);
}

#[test]
fn unterminated_quotes_and_blocks() {
    for s in [
        "curl -d '{\"a\":",
        "curl -H \"Accept: x",
        "{'a': \"b",
        "{\"errors\":[{\"status\":\"4",
        "HTTP/1.1 401\nWWW-Authenticate: Bearer error=\"invalid_token",
        "curl $'\\",
        "{\"a\":\"\\ud800\"}",
        "é{é:é}é",
    ] {
        let _ = gather(s);
    }
    let e = gather("HTTP/1.1 401\nWWW-Authenticate: Bearer error=\"invalid_token");
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_token"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn never_panics_on_any_text(s in "\\PC*") {
        let _ = gather(&s);
    }

    #[test]
    fn never_panics_on_format_fragments(parts in prop::collection::vec(prop::sample::select(vec![
        "HTTP/1.1 401 Unauthorized\n", "> GET /acme/v1/me HTTP/2\n", "< HTTP/2 403\n", "<\n", ">\n",
        "* Could not resolve host: x\n", "curl -X POST ", "-H 'Accept: a' ", "-d '", "\\\n", "{", "}",
        "[", "]", "\"errors\":", "'", "\"", ":", "=>", ":error", "WWW-Authenticate: Bearer error=\"",
        "Request Headers\n", "Response Body\n", "é", "…", "\u{a0}", "\r\n", "\t", "0x", "-",
        "<title>", "</title>", "524: ", "status code 4", "invalid_grant: ", "[Function: x]", "<ref *1>",
    ]), 0..40)) {
        let s: String = parts.concat();
        let _ = gather(&s);
    }
}

#[test]
fn input_over_the_limit_is_read_in_part_and_the_diagnosis_says_so() {
    use scopestack_troubleshooter::engine::{diagnose, MAX_INPUT};
    // The status at the start decides; what lies past the limit (a 401
    // here) is never read.
    let filler = "x".repeat(MAX_INPUT);
    let paste = format!("HTTP/1.1 504 Gateway Time-out\n{filler}\nHTTP/1.1 401 Unauthorized\n");
    let d = diagnose(&paste);
    assert_eq!(d.primary.as_deref(), Some("504-gateway-timeout"));
    let notice = d.notice.expect("a notice that only the start was read");
    assert!(
        notice.contains("only its first 16.0 MB were read"),
        "{notice}"
    );
    assert!(notice.contains("(16.0 MB)"), "{notice}");
    // Within the limit: no notice.
    assert_eq!(diagnose("HTTP/1.1 504 Gateway Time-out").notice, None);
}

#[test]
fn a_million_open_braces_get_an_answer() {
    let d = scopestack_troubleshooter::engine::diagnose(&"{".repeat(1_000_000));
    assert_eq!(d.primary, None);
    assert_eq!(d.notice, None);
}
