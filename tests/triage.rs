//! `diagnose --jsonl` and `--reply` end to end: files, a directory walked in
//! order, CSV and JSON exports (quoted line breaks included), clear errors
//! for bad input, and no planted secret in anything printed.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

const SECRET: &str = "PLANTEDsecretTOKENvalue0123456789abcdef";

fn diagnose(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_diagnose"))
        .args(args)
        .output()
        .expect("diagnose runs")
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("triage-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn expired() -> String {
    format!("curl -v https://api.scopestack.io/acme/v1/projects -H 'Authorization: Bearer {SECRET}'\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"The access token expired\"\n")
}

#[test]
fn a_directory_is_walked_in_order() {
    let dir = scratch("dir");
    fs::create_dir_all(dir.join("b/inner")).unwrap_or_default();
    fs::write(dir.join("a.txt"), expired()).unwrap_or_default();
    fs::write(dir.join("b/inner/c.txt"), "HTTP/1.1 504 Gateway Time-out").unwrap_or_default();
    fs::write(dir.join("b/z.txt"), "nothing to see").unwrap_or_default();
    let out = diagnose(&["--jsonl", dir.to_str().unwrap_or_default()]);
    assert!(out.status.success());
    let got = lines(&out);
    let files: Vec<_> = got.iter().filter_map(|l| l["file"].as_str()).collect();
    assert_eq!(files.len(), 3);
    assert!(
        files[0].ends_with("a.txt") && files[1].ends_with("c.txt") && files[2].ends_with("z.txt"),
        "{files:?}"
    );
    assert_eq!(got[0]["primary"], "401-unauthorized");
    assert!(got[0]["flagged"]
        .as_array()
        .is_some_and(|f| f.iter().any(|c| c == "401-unauthorized/token-expired")));
    assert_eq!(got[0]["checks"][0]["state"], "confirmed");
    assert_eq!(got[2]["primary"], serde_json::Value::Null);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1\t401-unauthorized")
            && err.contains("1\tnone")
            && err.contains("3\ttickets"),
        "{err}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains(SECRET));
}

#[test]
fn a_csv_export_with_quoted_line_breaks() {
    let dir = scratch("csv");
    let ticket = expired().replace('"', "\"\"");
    let csv = format!("id,subject,body\r\n1,\"Token, again\",\"{ticket}\"\r\n2,Timeout,\"HTTP/1.1 504 Gateway Time-out\nmerge-data\"\r\n3,empty,\r\n4,Slow,504\r\n");
    let path = dir.join("tickets.csv");
    fs::write(&path, csv).unwrap_or_default();
    let out = diagnose(&[
        "--jsonl",
        "--column",
        "body",
        path.to_str().unwrap_or_default(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out);
    let rows: Vec<_> = got
        .iter()
        .map(|l| (l["row"].as_u64(), l["primary"].as_str()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (Some(1), Some("401-unauthorized")),
            (Some(2), Some("504-gateway-timeout")),
            (Some(4), Some("504-gateway-timeout"))
        ]
    );
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.contains(SECRET), "{all}");
    assert!(all.contains("2\t504-gateway-timeout"));
}

#[test]
fn a_json_export() {
    let dir = scratch("json");
    let path = dir.join("tickets.json");
    let export =
        serde_json::json!([{"text": expired()}, {"other": 1}, {"text": "HTTP/1.1 403 Forbidden"}]);
    fs::write(&path, export.to_string()).unwrap_or_default();
    let out = diagnose(&[
        "--jsonl",
        "--column",
        "text",
        path.to_str().unwrap_or_default(),
    ]);
    let got = lines(&out);
    assert_eq!(got.len(), 2);
    assert_eq!(
        (got[0]["row"].as_u64(), got[1]["row"].as_u64()),
        (Some(1), Some(3))
    );
    assert_eq!(got[1]["primary"], "403-forbidden");
    assert!(!String::from_utf8_lossy(&out.stdout).contains(SECRET));
}

#[test]
fn bad_input_gets_a_clear_message() {
    let dir = scratch("bad");
    let csv = dir.join("a.csv");
    fs::write(&csv, "id,body\n1,\"never closed\n").unwrap_or_default();
    let good = dir.join("b.csv");
    fs::write(&good, "id,body\n1,401\n").unwrap_or_default();
    let missing = dir.join("nope.txt");
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "--jsonl",
                "--column",
                "body",
                csv.to_str().unwrap_or_default(),
            ],
            "never closed",
        ),
        (
            &[
                "--jsonl",
                "--column",
                "text",
                good.to_str().unwrap_or_default(),
            ],
            "no column \"text\"",
        ),
        (
            &["--jsonl", missing.to_str().unwrap_or_default()],
            "does not exist",
        ),
        (&["--jsonl"], "needs at least one PATH"),
        (&["--jsonl", "--column"], "needs a NAME"),
    ];
    for (args, message) in cases {
        let out = diagnose(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn the_reply_is_markdown_without_secrets() {
    let dir = scratch("reply");
    let path = dir.join("t.txt");
    fs::write(&path, expired()).unwrap_or_default();
    let out = diagnose(&["--reply", path.to_str().unwrap_or_default()]);
    assert!(out.status.success());
    let reply = String::from_utf8_lossy(&out.stdout);
    assert!(reply.contains("**What to do:**\n1. "), "{reply}");
    assert!(reply.contains("](https://docs.scopestack.io/"), "{reply}");
    assert!(!reply.contains(SECRET));
}
