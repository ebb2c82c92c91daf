//! What the live panel shows of an answer: every header and the body masked
//! as a paste is (a token endpoint's fresh access_token and refresh_token
//! too), then scrubbed of the call's known secrets; JSON indented, and a
//! very large body cut (the whole body is still diagnosed). The widget
//! renders this and never the raw outcome.

use serde::{Deserialize, Serialize};

use super::call::Outcome;
use crate::engine::display::pretty_json;
use crate::engine::redact::known::Known;

/// Bodies above this are shown in part, so the page stays light.
pub const SHOWN_BYTES: usize = 64 * 1024;

/// An answer as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shown {
    Response {
        /// `401 Unauthorized`.
        status: String,
        /// ` · 120 ms · 512 bytes` (the size received, before masking).
        summary: String,
        headers: Vec<(String, String)>,
        /// Empty when the answer had none.
        body: String,
        /// Set when the body is shown in part.
        note: Option<String>,
    },
    Failure {
        message: String,
    },
}

/// The answer to show for `outcome`, masked with the call's `known` secrets.
pub(super) fn show(outcome: &Outcome, known: &Known) -> Shown {
    let mask = |text: &str| masked(text, known);
    match outcome {
        Outcome::Response(r) => {
            // A header is masked as the line a paste would show, so its
            // name (Set-Cookie, Authorization, …) counts as in a paste.
            let headers = r
                .headers
                .iter()
                .map(|(name, value)| {
                    let line = mask(&format!("{name}: {value}"));
                    let value = line
                        .strip_prefix(&format!("{name}: "))
                        .map_or_else(|| line.clone(), str::to_string);
                    (name.clone(), value)
                })
                .collect();
            let body = mask(&r.body);
            let cut = body.len() > SHOWN_BYTES;
            let body = if cut {
                let mut end = SHOWN_BYTES;
                while !body.is_char_boundary(end) {
                    end -= 1;
                }
                body[..end].to_string()
            } else if body.trim_start().starts_with(['{', '[']) {
                pretty_json(&body)
            } else {
                body
            };
            Shown::Response {
                status: format!("{} {}", r.status, r.status_text).trim().to_string(),
                summary: format!(" · {} ms · {} bytes", r.elapsed_ms, r.body.len()),
                headers,
                body,
                note: cut.then(|| {
                    format!(
                        "Showing the first {} KB of {} KB.",
                        SHOWN_BYTES / 1024,
                        r.body.len() / 1024
                    )
                }),
            }
        }
        Outcome::Failure { message, .. } => Shown::Failure {
            message: mask(message),
        },
    }
}

/// `text` masked as a paste, then scrubbed of the known secrets.
fn masked(text: &str, known: &Known) -> String {
    known.clean(text)
}
