//! How fast `redact` is on a 5 MB paste, next to one `serde_json` parse of
//! the same bytes: `cargo run --release --example redact_speed`.
//!
//! Two inputs: a HAR export whose every entry carries the same bearer token,
//! cookies and a form body with a client secret (many secrets, one value
//! repeated thousands of times), and the same volume of log text with no
//! secret at all (the common case: only the walk runs).

use std::time::Instant;

use scopestack_troubleshooter::engine::redact::redact;

const TARGET: usize = 5 * 1024 * 1024;

fn har() -> String {
    let token = "Qf3kZp9sL2mN8vR4tY6wX1aB5cD7eF0gH2jK4lM6nP8";
    let mut entries = Vec::new();
    let mut size = 0;
    let mut i = 0;
    while size < TARGET {
        let entry = format!(
            r#"{{"startedDateTime": "2024-06-01T10:00:{s:02}.000Z", "time": 212.4,
  "request": {{"method": "GET", "url": "https://api.scopestack.io/acme/v1/projects/{i}?include=client,sales-executive",
    "headers": [{{"name": "Accept", "value": "application/vnd.api+json"}},
                {{"name": "Authorization", "value": "Bearer {token}"}},
                {{"name": "Cookie", "value": "_scopestack_session=c2Vzc2lvbi0{i:08}; ajs_anonymous_id=a{i}"}}],
    "queryString": [{{"name": "include", "value": "client,sales-executive"}}],
    "postData": {{"mimeType": "application/x-www-form-urlencoded", "text": "grant_type=client_credentials&client_id=Wm4cL7yQ2x&client_secret=cS9dE8fG7hI6jK5lM4nO3pQ{i:08}"}}}},
  "response": {{"status": 404, "statusText": "Not Found",
    "headers": [{{"name": "Content-Type", "value": "application/vnd.api+json"}}],
    "content": {{"mimeType": "application/vnd.api+json", "text": "{{\"errors\":[{{\"title\":\"Record not found\",\"detail\":\"The record identified by {i} could not be found.\",\"code\":\"404\",\"status\":\"404\"}}]}}"}}}}}}"#,
            s = i % 60
        );
        size += entry.len() + 2;
        entries.push(entry);
        i += 1;
    }
    format!(
        "{{\"log\": {{\"version\": \"1.2\", \"entries\": [\n{}\n]}}}}",
        entries.join(",\n")
    )
}

fn log_text() -> String {
    let line = "2024-06-01T10:00:00Z INFO  request_id=4f1c GET /acme/v1/projects?page=2 status=200 duration=41ms user=jane@example.com note=\"the merge data for project 1234 took a while\"\n";
    line.repeat(TARGET / line.len() + 1)
}

fn measure(name: &str, input: &str) {
    let rounds = 5;
    let mut best = f64::MAX;
    let mut masked = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        let r = redact(input);
        best = best.min(t.elapsed().as_secs_f64());
        masked = r.secrets.len();
    }
    let mb = input.len() as f64 / (1024.0 * 1024.0);
    print!(
        "{name}: {mb:.1} MB, {masked} distinct secrets, redact {:.1} ms = {:.0} MB/s",
        best * 1e3,
        mb / best
    );
    if serde_json::from_str::<serde_json::Value>(input).is_ok() {
        let t = Instant::now();
        let _ = serde_json::from_str::<serde_json::Value>(input);
        let parse = t.elapsed().as_secs_f64();
        print!(
            "; serde_json parse {:.1} ms = {:.0} MB/s",
            parse * 1e3,
            mb / parse
        );
    }
    println!();
}

fn main() {
    measure("HAR with secrets", &har());
    measure("log text, no secrets", &log_text());
}
