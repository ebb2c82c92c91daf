//! The exchange as a `curl -v`-like transcript, and the words for a call
//! that got no answer.

use super::call::{FailureKind, HttpRequest, HttpResponse, Outcome};

pub(super) fn status_line(r: &HttpResponse) -> String {
    let text = r.status_text.trim();
    let text = if text.is_empty() {
        reason_phrase(r.status)
    } else {
        text
    };
    format!("HTTP/1.1 {} {text}", r.status)
        .trim_end()
        .to_string()
}

/// The standard reason phrase: fetch reports none over HTTP/2.
fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        423 => "Locked",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// How much of a response body the transcript keeps.
const TRANSCRIPT_BODY: usize = 256 * 1024;

/// The exchange as a `curl -v`-like transcript: what `redacted` shows once
/// its secrets are masked.
pub(super) fn transcript(req: &HttpRequest, outcome: &Outcome) -> String {
    let mut t = format!(
        "> {} {}\n",
        req.method.trim().to_ascii_uppercase(),
        req.url.trim()
    );
    for (k, v) in &req.headers {
        t.push_str(&format!("> {k}: {v}\n"));
    }
    if let Some(body) = req.body.as_deref().filter(|b| !b.is_empty()) {
        t.push_str(">\n");
        for line in body.lines() {
            t.push_str(&format!("> {line}\n"));
        }
    }
    t.push('\n');
    match outcome {
        Outcome::Response(r) => {
            t.push_str(&format!("< {}\n", status_line(r)));
            for (k, v) in &r.headers {
                t.push_str(&format!("< {k}: {v}\n"));
            }
            t.push_str(&format!("* answered in {} ms\n", r.elapsed_ms));
            if !r.body.is_empty() {
                // The diagnosis reads the whole body; the transcript, which
                // travels back to the page and into support messages, keeps
                // the start of a large one.
                let mut end = r.body.len().min(TRANSCRIPT_BODY);
                while !r.body.is_char_boundary(end) {
                    end -= 1;
                }
                t.push('\n');
                t.push_str(&r.body[..end]);
                if !t.ends_with('\n') {
                    t.push('\n');
                }
                if end < r.body.len() {
                    t.push_str(&format!(
                        "* … {} more bytes of the body not shown\n",
                        r.body.len() - end
                    ));
                }
            }
        }
        Outcome::Failure { kind, message } => {
            t.push_str(&format!(
                "* no response: {}: {}\n",
                failure_words(*kind),
                failure_message(*kind, message)
            ));
        }
    }
    t
}
/// What a failure is called when the browser gave no message of its own.
fn failure_words(kind: FailureKind) -> &'static str {
    match kind {
        FailureKind::Cors => "the browser blocked the response (CORS)",
        FailureKind::Offline => "the browser is offline",
        FailureKind::Dns => "the host name could not be resolved",
        FailureKind::Refused => "the connection was refused",
        FailureKind::Timeout => "no answer before the time limit",
        FailureKind::Aborted => "the request was aborted",
        FailureKind::NotAllowed => "not sent: the URL's host is not on the allow-list",
        FailureKind::Unknown => "Failed to fetch",
    }
}

pub(super) fn failure_message(kind: FailureKind, message: &str) -> String {
    let m = message.trim();
    if m.is_empty() {
        failure_words(kind).to_string()
    } else {
        m.to_string()
    }
}
