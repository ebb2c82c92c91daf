//! End-to-end checks of the stand-in: each test starts the real binary on a free
//! loopback port and talks to it with a minimal HTTP/1.1 client over `TcpStream`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const JSONAPI: &str = "application/vnd.api+json";
const CLIENT_ID: &str = "ssk-lO0I1-pw-7dQ2mX9vTb4LcR8nE3aWf6Yh";
const CLIENT_SECRET: &str = "ssk-secret-pw-Vq3Zr8Kd2Lm7Tx5Pn9Hc4Wb";
const SERVICE_ID: &str = "ssk-svc-acme-2Gh7Jk4Np9Qs3Tv8Wx5Yz";
const SERVICE_SECRET: &str = "ssk-secret-svc-Bc6Df2Gh8Jk3Lm9Np4Qr";
const WEB_ID: &str = "ssk-web-acme-5Rt2Yu8Io3Pa6Sd9Fg4Hj";
const WEB_SECRET: &str = "ssk-secret-web-Kl7Zx3Cv8Bn2Mq6We9Rt";
const WEB_REDIRECT: &str = "http://127.0.0.1:8080/oauth/callback";
const ADMIN: &str = "standin-admin-token";
const READER: &str = "standin-readonly-token";
const WIDGET: &str = "http://127.0.0.1:8080";
const INVALID_GRANT: &str = "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start() -> Server {
        Server::with(&[])
    }

    fn with(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_standin"))
            .args(["--port", "0", "--ttl", "120"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("listening on http://127.0.0.1:")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .parse()
            .unwrap();
        Server { child, port }
    }

    fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> Resp {
        send_raw(self.port, method, path, headers, body, None).unwrap()
    }

    fn get(&self, path: &str, token: &str) -> Resp {
        let auth = format!("Bearer {token}");
        self.send(
            "GET",
            path,
            &[("Authorization", &auth), ("Accept", JSONAPI)],
            None,
        )
    }

    fn write(&self, method: &str, path: &str, token: &str, body: &Value) -> Resp {
        let auth = format!("Bearer {token}");
        let text = body.to_string();
        self.send(
            method,
            path,
            &[
                ("Authorization", &auth),
                ("Accept", JSONAPI),
                ("Content-Type", JSONAPI),
            ],
            Some(&text),
        )
    }

    fn token(&self, form: &[(&str, &str)]) -> Resp {
        let body = form
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.send(
            "POST",
            "/oauth/token",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            Some(&body),
        )
    }

    fn password_grant(&self, user: &str, password: &str) -> Resp {
        self.token(&[
            ("grant_type", "password"),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("username", user),
            ("password", password),
        ])
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Debug)]
struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }

    /// The single JSON:API error object, checked for the string `status` and `code`.
    fn error(&self) -> Value {
        let doc = self.json();
        let errors = doc["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{doc}");
        assert_eq!(errors[0]["status"], json!(self.status.to_string()));
        assert!(errors[0]["code"].is_string());
        assert_eq!(self.header("content-type"), Some(JSONAPI));
        errors[0].clone()
    }

    fn oauth(&self, status: u16, error: &str) -> String {
        assert_eq!(self.status, status, "{self:?}");
        let doc = self.json();
        assert_eq!(doc["error"], json!(error), "{doc}");
        let description = doc["error_description"].as_str().unwrap().to_string();
        assert_eq!(
            self.header("www-authenticate").unwrap(),
            format!(
                r#"Bearer realm="Doorkeeper", error="{error}", error_description="{description}""#
            )
        );
        description
    }
}

fn send_raw(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
    timeout: Option<Duration>,
) -> std::io::Result<Resp> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(timeout.unwrap_or(Duration::from_secs(30))))?;
    let mut req =
        format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        req.push_str(&format!("Content-Length: {}\r\n", b.len()));
    }
    req.push_str("\r\n");
    req.push_str(body.unwrap_or(""));
    stream.write_all(req.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8(raw).unwrap();
    let (head, rest) = text.split_once("\r\n\r\n").unwrap();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (k, v) = l.split_once(':').unwrap();
            (k.trim().to_string(), v.trim().to_string())
        })
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        dechunk(rest)
    } else {
        rest.to_string()
    };
    Ok(Resp {
        status,
        headers,
        body,
    })
}

fn dechunk(mut rest: &str) -> String {
    let mut out = String::new();
    loop {
        let (size, after) = rest.split_once("\r\n").unwrap();
        let n = usize::from_str_radix(size.trim(), 16).unwrap();
        if n == 0 {
            return out;
        }
        out.push_str(&after[..n]);
        rest = &after[n + 2..];
    }
}

fn project_body(name: &str, client: &str) -> Value {
    json!({ "data": { "type": "projects", "attributes": { "name": name },
        "relationships": { "client": { "data": { "type": "clients", "id": client } } } } })
}

// ---------------------------------------------------------------- start and stop

#[test]
fn announces_its_loopback_address_and_answers_there() {
    let s = Server::start();
    assert!(s.port > 0);
    let r = s.get("/v1/me", ADMIN);
    assert_eq!(r.status, 200);
    assert!(r.header("x-request-id").is_some());
}

#[test]
fn stops_by_itself_after_the_ttl() {
    let mut s = Server::with(&["--ttl", "1"]);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(6), "still running");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success());
    assert!(TcpStream::connect(("127.0.0.1", s.port)).is_err());
}

#[test]
fn stops_on_sigterm() {
    let mut s = Server::start();
    let killed = Command::new("kill")
        .args(["-TERM", &s.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let started = Instant::now();
    while s.child.try_wait().unwrap().is_none() {
        assert!(started.elapsed() < Duration::from_secs(5), "still running");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn refuses_unknown_options() {
    let out = Command::new(env!("CARGO_BIN_EXE_standin"))
        .args(["--bogus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--bogus"));
}

// ---------------------------------------------------------------- OAuth token endpoint

#[test]
fn password_grant_issues_a_working_token() {
    let s = Server::start();
    let r = s.password_grant("ada.admin@acme.example", "Acme-Admin-Pass-1");
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let doc = r.json();
    assert_eq!(doc["token_type"], "Bearer");
    assert_eq!(doc["scope"], "read write");
    assert_eq!(doc["expires_in"], 7200);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(doc["created_at"].as_u64().unwrap().abs_diff(now) < 5);
    let access = doc["access_token"].as_str().unwrap();
    assert!(access.len() >= 40);
    assert!(doc["refresh_token"].as_str().unwrap().len() >= 40);
    // Tokens are random: a second grant gets another one.
    let again = s
        .password_grant("ada.admin@acme.example", "Acme-Admin-Pass-1")
        .json();
    assert_ne!(again["access_token"].as_str().unwrap(), access);
    let me = s.get("/v1/me", access).json();
    assert_eq!(me["data"]["attributes"]["email"], "ada.admin@acme.example");
    assert_eq!(me["data"]["attributes"]["account-slug"], "acme");
}

#[test]
fn token_endpoint_takes_json_bodies_and_basic_auth() {
    let s = Server::start();
    let body =
        json!({ "grant_type": "password", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
        "username": "rita.reader@acme.example", "password": "Acme-Reader-Pass-1" })
        .to_string();
    let r = s.send(
        "POST",
        "/oauth/token",
        &[("Content-Type", "application/json")],
        Some(&body),
    );
    assert_eq!(r.status, 200, "{r:?}");

    // "id:secret" in base64, the client authentication Doorkeeper reads first.
    let basic = base64(&format!("{SERVICE_ID}:{SERVICE_SECRET}"));
    let r = s.send(
        "POST",
        "/oauth/token",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Authorization", &format!("Basic {basic}")),
        ],
        Some("grant_type=client_credentials"),
    );
    assert_eq!(r.status, 200, "{r:?}");
}

fn base64(text: &str) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in text.as_bytes().chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn token_errors_match_doorkeeper() {
    let s = Server::start();
    let base = |extra: &[(&'static str, &'static str)]| {
        let mut form = vec![
            ("grant_type", "password"),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("username", "ada.admin@acme.example"),
            ("password", "Acme-Admin-Pass-1"),
        ];
        for (k, v) in extra {
            form.retain(|(fk, _)| fk != k);
            if !v.is_empty() {
                form.push((k, v));
            }
        }
        form
    };
    let d = s
        .token(&base(&[("grant_type", "")]))
        .oauth(400, "invalid_request");
    assert_eq!(d, "Missing required parameter: grant_type.");
    s.token(&base(&[("grant_type", "implicit")]))
        .oauth(400, "unsupported_grant_type");
    let d = s
        .token(&base(&[("client_id", "no-such-client")]))
        .oauth(401, "invalid_client");
    assert!(d.starts_with("Client authentication failed"));
    s.token(&base(&[("client_secret", "wrong")]))
        .oauth(401, "invalid_client");
    // The id as it reads after a copy from e-mail: capital I for l, letter O for zero.
    s.token(&base(&[(
        "client_id",
        "ssk-IO0I1-pw-7dQ2mX9vTb4LcR8nE3aWf6Yh",
    )]))
    .oauth(401, "invalid_client");
    s.token(&base(&[("client_id", "")]))
        .oauth(401, "invalid_client");
    let d = s
        .token(&base(&[("password", "wrong")]))
        .oauth(400, "invalid_grant");
    assert_eq!(d, INVALID_GRANT);
    s.token(&base(&[
        ("username", "dan.departed@acme.example"),
        ("password", "Acme-Former-Pass-1"),
    ]))
    .oauth(400, "invalid_grant");
    s.token(&base(&[
        ("username", "ivy.invited@acme.example"),
        ("password", "Acme-Invited-Pass-1"),
    ]))
    .oauth(400, "invalid_grant");
    s.token(&base(&[(
        "redirect_uri",
        "https://oauth.pstmn.io/v1/callback",
    )]))
    .oauth(400, "invalid_grant");
    let d = s
        .token(&base(&[("username", "nobody@acme.example")]))
        .oauth(400, "invalid_resource_owner");
    assert!(d.contains("resource owner"));
    s.token(&base(&[("scope", "admin")]))
        .oauth(400, "invalid_scope");
    s.token(&base(&[
        ("client_id", SERVICE_ID),
        ("client_secret", SERVICE_SECRET),
    ]))
    .oauth(400, "unauthorized_client");
    let d = s
        .token(&base(&[("username", "")]))
        .oauth(400, "invalid_request");
    assert_eq!(d, "Missing required parameter: username.");
}

#[test]
fn client_credentials_acts_as_the_service_account() {
    let s = Server::start();
    let r = s.token(&[
        ("grant_type", "client_credentials"),
        ("client_id", SERVICE_ID),
        ("client_secret", SERVICE_SECRET),
    ]);
    assert_eq!(r.status, 200, "{r:?}");
    let doc = r.json();
    assert!(doc.get("refresh_token").is_none(), "{doc}");
    let me = s
        .get("/v1/me", doc["access_token"].as_str().unwrap())
        .json();
    assert_eq!(me["data"]["attributes"]["name"], "Acme Service Account");
    s.token(&[
        ("grant_type", "client_credentials"),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
    ])
    .oauth(400, "unauthorized_client");
}

#[test]
fn authorization_code_flow_end_to_end() {
    let s = Server::start();
    let r = s.send(
        "GET",
        &format!(
            "/oauth/authorize?client_id={WEB_ID}&redirect_uri={}&response_type=code&state=xyz",
            encode(WEB_REDIRECT)
        ),
        &[],
        None,
    );
    assert_eq!(r.status, 302, "{r:?}");
    let location = r.header("location").unwrap();
    let query = location.strip_prefix(&format!("{WEB_REDIRECT}?")).unwrap();
    assert!(query.ends_with("&state=xyz"));
    let code = query
        .strip_prefix("code=")
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string();
    let exchange = |code: &str, redirect: &str| {
        s.token(&[
            ("grant_type", "authorization_code"),
            ("client_id", WEB_ID),
            ("client_secret", WEB_SECRET),
            ("code", code),
            ("redirect_uri", redirect),
        ])
    };
    // A callback URL other than the registered one is refused, and does not burn the code.
    exchange(&code, "http://localhost:8080/oauth/callback").oauth(400, "invalid_grant");
    let ok = exchange(&code, WEB_REDIRECT);
    assert_eq!(ok.status, 200, "{ok:?}");
    assert!(ok.json()["refresh_token"].is_string());
    exchange(&code, WEB_REDIRECT).oauth(400, "invalid_grant");
    exchange("standin-expired-code", WEB_REDIRECT).oauth(400, "invalid_grant");
    exchange("made-up-code", WEB_REDIRECT).oauth(400, "invalid_grant");
    assert_eq!(exchange("standin-auth-code", WEB_REDIRECT).status, 200);
    let d = exchange("", WEB_REDIRECT).oauth(400, "invalid_request");
    assert_eq!(d, "Missing required parameter: code.");

    let wrong = s.send(
        "GET",
        &format!("/oauth/authorize?client_id={WEB_ID}&redirect_uri=http%3A%2F%2Fevil.example%2Fcb&response_type=code"),
        &[],
        None,
    );
    wrong.oauth(400, "invalid_redirect_uri");
}

#[test]
fn refresh_token_rotates_and_cannot_be_reused() {
    let s = Server::start();
    let first = s
        .password_grant("ada.admin@acme.example", "Acme-Admin-Pass-1")
        .json();
    let refresh = first["refresh_token"].as_str().unwrap();
    let form = |r: &str| {
        s.token(&[
            ("grant_type", "refresh_token"),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("refresh_token", r),
        ])
    };
    let second = form(refresh);
    assert_eq!(second.status, 200, "{second:?}");
    let second = second.json();
    assert_ne!(second["access_token"], first["access_token"]);
    assert_eq!(
        s.get("/v1/me", second["access_token"].as_str().unwrap())
            .status,
        200
    );
    // The old access token is revoked by the refresh.
    let old = s.get("/v1/me", first["access_token"].as_str().unwrap());
    assert_eq!(old.status, 401);
    assert!(old
        .header("www-authenticate")
        .unwrap()
        .contains("The access token was revoked"));
    form(refresh).oauth(400, "invalid_grant");
    form("standin-spent-refresh").oauth(400, "invalid_grant");
    // An expired access token can still be refreshed: that is what refresh tokens are for.
    assert_eq!(form("standin-expired-refresh").status, 200);
    assert_eq!(form("standin-admin-refresh").status, 200);
}

#[test]
fn issued_tokens_expire_after_token_ttl() {
    let s = Server::with(&["--token-ttl", "1"]);
    let doc = s
        .password_grant("ada.admin@acme.example", "Acme-Admin-Pass-1")
        .json();
    assert_eq!(doc["expires_in"], 1);
    let token = doc["access_token"].as_str().unwrap();
    assert_eq!(s.get("/v1/me", token).status, 200);
    std::thread::sleep(Duration::from_millis(1100));
    let r = s.get("/v1/me", token);
    assert_eq!(r.status, 401);
    assert!(r
        .header("www-authenticate")
        .unwrap()
        .contains(r#"error_description="The access token expired""#));
}

// ---------------------------------------------------------------- 401 / 403

#[test]
fn bad_tokens_get_an_empty_401_with_the_reason_in_the_header() {
    let s = Server::start();
    let challenge = |d: &str| {
        format!(r#"Bearer realm="Doorkeeper", error="invalid_token", error_description="{d}""#)
    };
    let cases = [
        (
            Some("Bearer standin-expired-token"),
            "The access token expired",
        ),
        (
            Some("Bearer standin-revoked-token"),
            "The access token was revoked",
        ),
        (Some("Bearer not-a-token"), "The access token is invalid"),
        // The whole JSON token response pasted in place of the token.
        (
            Some(r#"Bearer {"access_token":"abc","token_type":"Bearer"}"#),
            "The access token is invalid",
        ),
        (
            Some("Token standin-admin-token"),
            "The access token is invalid",
        ),
        (None, "The access token is invalid"),
    ];
    for (auth, description) in cases {
        let mut headers = vec![("Accept", JSONAPI)];
        if let Some(a) = auth {
            headers.push(("Authorization", a));
        }
        let r = s.send("GET", "/acme/v1/projects", &headers, None);
        assert_eq!(r.status, 401, "{auth:?}");
        assert_eq!(r.body, "", "{auth:?}");
        assert_eq!(
            r.header("www-authenticate"),
            Some(challenge(description).as_str()),
            "{auth:?}"
        );
    }
    assert_eq!(s.get("/v1/me", "standin-expired-token").status, 401);
}

#[test]
fn forbidden_cases_answer_403() {
    let s = Server::start();
    let forbidden = json!({ "title": "Forbidden", "detail": "You are not allowed to perform this action.",
        "code": "403", "status": "403" });
    // Read-only user: reads fine, writes refused.
    assert_eq!(s.get("/acme/v1/projects", READER).status, 200);
    let r = s.write(
        "POST",
        "/acme/v1/projects",
        READER,
        &project_body("Reader Project", "501"),
    );
    assert_eq!(r.status, 403);
    assert_eq!(r.error(), forbidden);
    assert_eq!(
        s.send(
            "DELETE",
            "/acme/v1/projects/101",
            &[("Authorization", "Bearer standin-readonly-token")],
            None
        )
        .status,
        403
    );
    // Another account's user on this slug.
    let r = s.get("/acme/v1/projects", "standin-northwind-token");
    assert_eq!(r.status, 403);
    assert_eq!(r.error(), forbidden);
    // Own slug, but the record belongs to another account.
    let r = s.get("/acme/v1/projects/201", ADMIN);
    assert_eq!(r.status, 403);
    assert_eq!(r.error(), forbidden);
    assert_eq!(
        s.get("/northwind-it/v1/projects/201", "standin-northwind-token")
            .status,
        200
    );
}

#[test]
fn a_read_scoped_token_cannot_write() {
    let s = Server::start();
    let doc = s
        .token(&[
            ("grant_type", "password"),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("username", "ada.admin@acme.example"),
            ("password", "Acme-Admin-Pass-1"),
            ("scope", "read"),
        ])
        .json();
    assert_eq!(doc["scope"], "read");
    let token = doc["access_token"].as_str().unwrap();
    assert_eq!(s.get("/acme/v1/projects", token).status, 200);
    let r = s.write(
        "POST",
        "/acme/v1/projects",
        token,
        &project_body("Scoped", "501"),
    );
    assert_eq!(r.status, 403);
    assert_eq!(r.body, "");
    assert!(r
        .header("www-authenticate")
        .unwrap()
        .contains(r#"error="insufficient_scope""#));
}

// ---------------------------------------------------------------- 404 / 400 / 406 / 415

#[test]
fn not_found_shapes() {
    let s = Server::start();
    let r = s.get("/acme/v1/projects/999", ADMIN);
    assert_eq!(r.status, 404);
    let e = r.error();
    assert_eq!(
        e["detail"],
        "The record identified by 999 could not be found."
    );
    assert_eq!(e["code"], "404");
    assert_eq!(e["title"], "Record not found");
    let r = s.get("/acme-corp/v1/projects", ADMIN);
    assert_eq!(r.status, 404);
    assert_eq!(
        r.error()["detail"],
        "The record identified by acme-corp could not be found."
    );
    // No slug: Rails' routing error, not JSON:API.
    for path in ["/v1/projects", "/acme/v2/projects", "/"] {
        let r = s.get(path, ADMIN);
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(
            r.json(),
            json!({ "status": 404, "error": "Not Found" }),
            "{path}"
        );
        assert!(r
            .header("content-type")
            .unwrap()
            .starts_with("application/json"));
    }
    assert_eq!(
        s.send("PUT", "/acme/v1/projects/101", &[], None).json()["error"],
        "Not Found"
    );
}

#[test]
fn query_parameter_errors() {
    let s = Server::start();
    let r = s.get("/acme/v1/projects?filter[created-before]=2024-01-01", ADMIN);
    assert_eq!(r.status, 400);
    let e = r.error();
    assert_eq!(e["code"], "102");
    assert_eq!(e["title"], "Filter not allowed");
    assert_eq!(e["detail"], "created-before is not allowed.");
    let r = s.get("/acme/v1/projects?sort=-budget", ADMIN);
    assert_eq!(r.status, 400);
    assert_eq!(r.error()["code"], "114");
    let r = s.get("/acme/v1/projects?include=owner", ADMIN);
    assert_eq!(r.status, 400);
    assert_eq!(r.error()["code"], "112");
    // Allowed ones work.
    let r = s.get("/acme/v1/projects?filter[name]=Initech%20Nothing,Campus%20Network%20Rollout&include=client", ADMIN);
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert_eq!(doc["data"].as_array().unwrap().len(), 1);
    assert_eq!(doc["data"][0]["id"], "102");
    assert_eq!(doc["included"][0]["attributes"]["name"], "Initech");
    let names: Vec<String> = s.get("/acme/v1/projects?sort=-name", ADMIN).json()["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["attributes"]["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Campus Network Rollout", "Branch Office Refresh"]);
}

#[test]
fn accept_header_rules() {
    let s = Server::start();
    let auth = ("Authorization", "Bearer standin-admin-token");
    let r = s.send(
        "GET",
        "/acme/v1/projects",
        &[auth, ("Accept", "application/json")],
        None,
    );
    assert_eq!(r.status, 406);
    let e = r.error();
    assert_eq!(e["code"], "406");
    assert_eq!(
        e["detail"],
        "All requests must use the 'application/vnd.api+json' Accept without media type parameters. This request specified 'application/json'."
    );
    let r = s.send(
        "GET",
        "/v1/me",
        &[auth, ("Accept", "application/vnd.api+json; charset=utf-8")],
        None,
    );
    assert_eq!(r.status, 406);
    for ok in [
        None,
        Some("*/*"),
        Some("text/html, application/vnd.api+json"),
    ] {
        let mut headers = vec![auth];
        if let Some(a) = ok {
            headers.push(("Accept", a));
        }
        assert_eq!(
            s.send("GET", "/acme/v1/projects", &headers, None).status,
            200,
            "{ok:?}"
        );
    }
}

#[test]
fn content_type_rules_on_writes() {
    let s = Server::start();
    let body = project_body("Typed", "501").to_string();
    let auth = ("Authorization", "Bearer standin-admin-token");
    let r = s.send(
        "POST",
        "/acme/v1/projects",
        &[
            auth,
            ("Accept", JSONAPI),
            ("Content-Type", "application/json"),
        ],
        Some(&body),
    );
    assert_eq!(r.status, 415);
    let e = r.error();
    assert_eq!(e["code"], "415");
    assert_eq!(
        e["detail"],
        "All requests that create or update must use the 'application/vnd.api+json' Content-Type. This request specified 'application/json'."
    );
    let r = s.send(
        "PATCH",
        "/acme/v1/projects/101",
        &[auth, ("Accept", JSONAPI)],
        Some(&body),
    );
    assert_eq!(r.status, 415);
    assert!(r.error()["detail"]
        .as_str()
        .unwrap()
        .ends_with("This request specified ''."));
    // Unparseable JSON is refused by Rails before JSON:API sees it.
    let r = s.send(
        "POST",
        "/acme/v1/projects",
        &[auth, ("Accept", JSONAPI), ("Content-Type", JSONAPI)],
        Some("{\"data\": "),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json(), json!({ "status": 400, "error": "Bad Request" }));
}

// ---------------------------------------------------------------- create / update / delete

#[test]
fn project_lifecycle_and_validation() {
    let s = Server::start();
    let r = s.write(
        "POST",
        "/acme/v1/projects",
        ADMIN,
        &project_body("  ", "501"),
    );
    assert_eq!(r.status, 422);
    let e = r.error();
    assert_eq!(
        e,
        json!({ "title": "can't be blank", "detail": "name - can't be blank", "code": "100",
            "source": { "pointer": "/data/attributes/name" }, "status": "422" })
    );
    let r = s.write(
        "POST",
        "/acme/v1/projects",
        ADMIN,
        &project_body("campus network rollout", "501"),
    );
    assert_eq!(r.status, 422);
    assert_eq!(r.error()["detail"], "name - has already been taken");
    // A client of another account cannot be referenced.
    let r = s.write(
        "POST",
        "/acme/v1/projects",
        ADMIN,
        &project_body("Cross", "601"),
    );
    assert_eq!(r.status, 422);
    assert_eq!(r.error()["source"]["pointer"], "/data/relationships/client");
    let r = s.write(
        "POST",
        "/acme/v1/projects",
        ADMIN,
        &json!({ "data": { "type": "projects",
        "attributes": { "name": "X", "budget": 5 },
        "relationships": { "client": { "data": { "type": "clients", "id": "501" } } } } }),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.error()["detail"], "budget is not allowed.");
    let r = s.write(
        "POST",
        "/acme/v1/projects",
        ADMIN,
        &json!({ "name": "no data member" }),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.error()["code"], "106");

    let r = s.write(
        "POST",
        "/acme/v1/projects",
        ADMIN,
        &project_body("Warehouse Wi-Fi", "503"),
    );
    assert_eq!(r.status, 201, "{r:?}");
    let id = r.json()["data"]["id"].as_str().unwrap().to_string();
    let path = format!("/acme/v1/projects/{id}");
    assert_eq!(
        s.get(&path, ADMIN).json()["data"]["attributes"]["name"],
        "Warehouse Wi-Fi"
    );

    let patch = |body: Value| s.write("PATCH", &path, ADMIN, &body);
    let r = patch(
        json!({ "data": { "type": "projects", "id": id, "attributes": { "name": "Warehouse WLAN" } } }),
    );
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.json()["data"]["attributes"]["name"], "Warehouse WLAN");
    let r = patch(
        json!({ "data": { "type": "projects", "id": "101", "attributes": { "name": "Y" } } }),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.error()["code"], "110");
    let r =
        patch(json!({ "data": { "type": "projects", "id": id, "attributes": { "name": "" } } }));
    assert_eq!(r.status, 422);
    assert_eq!(r.error()["title"], "can't be blank");

    let r = s.send(
        "DELETE",
        &path,
        &[("Authorization", "Bearer standin-admin-token")],
        None,
    );
    assert_eq!(r.status, 204);
    assert_eq!(s.get(&path, ADMIN).status, 404);
    assert_eq!(
        s.write("PATCH", "/acme/v1/projects/999", ADMIN, &json!({}))
            .status,
        404
    );
}

#[test]
fn clients_list_and_create() {
    let s = Server::start();
    let doc = s.get("/acme/v1/clients", ADMIN).json();
    let names: Vec<&str> = doc["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["attributes"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Globex Corporation", "Initech", "Umbrella Health"]);
    let body =
        |name: &str| json!({ "data": { "type": "clients", "attributes": { "name": name } } });
    let r = s.write("POST", "/acme/v1/clients", ADMIN, &body("Hooli"));
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["data"]["type"], "clients");
    let r = s.write("POST", "/acme/v1/clients", ADMIN, &body("Initech"));
    assert_eq!(r.status, 422);
    assert_eq!(r.error()["title"], "has already been taken");
    let r = s.write(
        "POST",
        "/acme/v1/clients",
        ADMIN,
        &json!({ "data": { "type": "projects", "attributes": { "name": "Z" } } }),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.error()["code"], "101");
    assert_eq!(
        s.get("/acme/v1/clients", ADMIN).json()["data"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(
        s.get("/acme/v1/clients?filter[created-before]=x", ADMIN)
            .status,
        400
    );
    assert_eq!(s.get("/acme/v1/clients/601", ADMIN).status, 403);
}

// ---------------------------------------------------------------- merge data

#[test]
fn merge_data_v1_times_out_on_large_projects() {
    let s = Server::start();
    let started = Instant::now();
    let r = s.get("/acme/v1/projects/102/merge-data", ADMIN);
    assert!(started.elapsed() >= Duration::from_millis(450));
    assert_eq!(r.status, 504);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert!(r.body.contains("<title>504 Gateway Time-out</title>"));

    let r = s.get("/acme/v1/projects/102/merge-data?version=2", ADMIN);
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert_eq!(doc["data"]["attributes"]["version"], 2);
    assert_eq!(
        doc["data"]["attributes"]["locations"]
            .as_array()
            .unwrap()
            .len(),
        25
    );

    let r = s.get("/acme/v1/projects/101/merge-data", ADMIN);
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["data"]["attributes"]["version"], 1);
    assert_eq!(
        s.get("/acme/v1/projects/999/merge-data?version=2", ADMIN)
            .status,
        404
    );
    assert_eq!(
        s.get("/acme/v1/projects/102/merge-data", "standin-expired-token")
            .status,
        401
    );
}

// ---------------------------------------------------------------- CORS

#[test]
fn cors_for_the_allowed_origin_only() {
    let s = Server::start();
    let preflight = |origin: &str| {
        s.send(
            "OPTIONS",
            "/acme/v1/projects",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                (
                    "Access-Control-Request-Headers",
                    "authorization, content-type",
                ),
            ],
            None,
        )
    };
    let r = preflight(WIDGET);
    assert!(r.status == 204 || r.status == 200);
    assert_eq!(r.header("access-control-allow-origin"), Some(WIDGET));
    let methods = r.header("access-control-allow-methods").unwrap();
    for m in ["GET", "POST", "PATCH", "DELETE", "OPTIONS"] {
        assert!(methods.contains(m), "{methods}");
    }
    let allowed = r.header("access-control-allow-headers").unwrap();
    for h in ["Authorization", "Accept", "Content-Type"] {
        assert!(allowed.contains(h), "{allowed}");
    }
    assert!(
        r.header("access-control-max-age")
            .unwrap()
            .parse::<u32>()
            .unwrap()
            > 0
    );
    let exposed = r.header("access-control-expose-headers").unwrap();
    assert!(exposed.contains("WWW-Authenticate") && exposed.contains("X-Request-Id"));

    let other = preflight("http://127.0.0.1:9999");
    assert!(
        other
            .headers
            .iter()
            .all(|(k, _)| !k.to_ascii_lowercase().starts_with("access-control-")),
        "{other:?}"
    );

    // Real requests: errors carry CORS too, so the page can read WWW-Authenticate.
    let get = |origin: &str, token: &str| {
        s.send(
            "GET",
            "/acme/v1/projects",
            &[
                ("Origin", origin),
                ("Authorization", &format!("Bearer {token}")),
            ],
            None,
        )
    };
    let r = get(WIDGET, "standin-expired-token");
    assert_eq!(r.status, 401);
    assert_eq!(r.header("access-control-allow-origin"), Some(WIDGET));
    assert!(r
        .header("access-control-expose-headers")
        .unwrap()
        .contains("WWW-Authenticate"));
    let r = get("http://127.0.0.1:9999", ADMIN);
    assert_eq!(r.status, 200);
    assert!(r.header("access-control-allow-origin").is_none());
}

#[test]
fn cors_origins_come_from_the_command_line() {
    let s = Server::with(&[
        "--allow-origin",
        "http://localhost:3000/",
        "--allow-origin",
        "http://127.0.0.1:4000",
        "--refuse-origin",
        "http://127.0.0.1:4000",
        "--gateway-without-cors",
    ]);
    let acao = |origin: &str, path: &str| {
        s.send(
            "GET",
            path,
            &[
                ("Origin", origin),
                ("Authorization", "Bearer standin-admin-token"),
            ],
            None,
        )
        .header("access-control-allow-origin")
        .map(str::to_string)
    };
    assert_eq!(
        acao("http://localhost:3000", "/v1/me").as_deref(),
        Some("http://localhost:3000")
    );
    assert_eq!(acao(WIDGET, "/v1/me"), None);
    assert_eq!(acao("http://127.0.0.1:4000", "/v1/me"), None);
    // A real gateway's 504 page has no CORS headers: the browser sees a CORS failure.
    assert_eq!(
        acao("http://localhost:3000", "/acme/v1/projects/102/merge-data"),
        None
    );
    assert!(acao(
        "http://localhost:3000",
        "/acme/v1/projects/102/merge-data?version=2"
    )
    .is_some());
}

// ---------------------------------------------------------------- delays

#[test]
fn delays_provoke_client_timeouts() {
    let s = Server::start();
    let started = Instant::now();
    let r = s.get("/v1/me?delay_ms=300", ADMIN);
    assert_eq!(r.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));

    let r = s.send("GET", "/slow?delay_ms=150", &[], None);
    assert_eq!(r.json(), json!({ "slow": true, "waited_ms": 150 }));

    // A client that gives up after 200 ms never gets an answer from /slow.
    let started = Instant::now();
    let err = send_raw(
        s.port,
        "GET",
        "/slow",
        &[],
        None,
        Some(Duration::from_millis(200)),
    )
    .unwrap_err();
    assert!(
        matches!(
            err.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    // The server itself keeps answering others meanwhile.
    assert_eq!(s.get("/v1/me", ADMIN).status, 200);
}

#[test]
fn me_reports_the_token_owner() {
    let s = Server::start();
    let doc = s.get("/v1/me", "standin-northwind-token").json();
    let a = &doc["data"]["attributes"];
    assert_eq!(a["name"], "Nora North");
    assert_eq!(a["email"], "nora.north@northwind-it.example");
    assert_eq!(a["account-slug"], "northwind-it");
    assert_eq!(a["account-id"], 2002);
    assert_eq!(
        s.get("/v1/me", READER).json()["data"]["attributes"]["account-slug"],
        "acme"
    );
}
