//! Sending one request, and the one place a live call leaves the page: a
//! URL whose origin is not exactly an allowed one is refused here, whoever
//! asked (the request builder, "check my token", the token helper), so no
//! bearer token or client secret can go anywhere else. The abort controller
//! serves both the user's Cancel button and the timeout; which of the two
//! fired decides how a failure is reported.
//!
//! A large response body stays the browser's string ([`send_keeping`]): the
//! panel hands it to the engine's worker beside the request, so 20 MB are
//! never copied into wasm or written into JSON on the page's main thread.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::{Method, RequestBuilder};
use web_sys::AbortController;
use yew::platform::spawn_local;
use yew::platform::time::sleep;

use super::failure::classify;
use crate::engine::live::{refusal, FailureKind, HttpRequest, HttpResponse, Outcome};

/// A request under way: cancel it with [`Sending::cancel`].
#[derive(Clone)]
pub struct Sending {
    controller: Option<AbortController>,
    cancelled: Rc<Cell<bool>>,
}

impl PartialEq for Sending {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.cancelled, &other.cancelled)
    }
}

impl Sending {
    pub fn new() -> Self {
        Sending {
            controller: AbortController::new().ok(),
            cancelled: Rc::new(Cell::new(false)),
        }
    }

    pub fn cancel(&self) {
        self.cancelled.set(true);
        if let Some(c) = &self.controller {
            c.abort();
        }
    }
}

impl Default for Sending {
    fn default() -> Self {
        Self::new()
    }
}

/// Bodies longer than this are kept as the browser's string by
/// [`send_keeping`].
use crate::engine::api::BESIDE_OVER as KEEP;

/// Send `req` if its URL may go out (its origin is one of `allowed`, its
/// path starts with `/`), giving up after `timeout`.
pub async fn send(
    req: &HttpRequest,
    allowed: &[String],
    timeout: Duration,
    sending: &Sending,
) -> Outcome {
    let (mut outcome, kept) = send_keeping(req, allowed, timeout, sending).await;
    if let (Outcome::Response(r), Some(body)) = (&mut outcome, kept) {
        r.body = body.into();
    }
    outcome
}

/// [`send`], but a body over [`KEEP`] comes back beside the outcome, as the
/// browser's string, and the outcome's `body` is empty: for the engine's
/// worker (`Backend::send_beside`), which puts it back.
pub async fn send_keeping(
    req: &HttpRequest,
    allowed: &[String],
    timeout: Duration,
    sending: &Sending,
) -> (Outcome, Option<js_sys::JsString>) {
    if let Some(message) = refusal(&req.url, allowed) {
        return (
            Outcome::Failure {
                kind: FailureKind::NotAllowed,
                message,
            },
            None,
        );
    }
    let method = Method::from_bytes(req.method.as_bytes()).unwrap_or(Method::GET);
    let mut builder = RequestBuilder::new(&req.url)
        .method(method)
        .abort_signal(sending.controller.as_ref().map(|c| c.signal()).as_ref());
    for (name, value) in &req.headers {
        builder = builder.header(name, value);
    }
    let done = Rc::new(Cell::new(false));
    let timed_out = Rc::new(Cell::new(false));
    {
        let done = done.clone();
        let timed_out = timed_out.clone();
        let controller = sending.controller.clone();
        spawn_local(async move {
            sleep(timeout).await;
            if !done.get() {
                timed_out.set(true);
                if let Some(c) = controller {
                    c.abort();
                }
            }
        });
    }
    let started = js_sys::Date::now();
    // Browsers refuse a body on GET and HEAD outright; the engine's lint
    // already warns about it, so the request goes without one.
    let body = req
        .body
        .as_ref()
        .filter(|_| !matches!(req.method.as_str(), "GET" | "HEAD"));
    let result = match body {
        Some(body) => match builder.body(body.as_str()) {
            Ok(request) => request.send().await,
            Err(e) => Err(e),
        },
        None => builder.send().await,
    };
    let mut kept = None;
    let outcome = match result {
        Ok(response) => {
            let status = response.status();
            let status_text = response.status_text();
            let headers: Vec<(String, String)> = response.headers().entries().collect();
            let raw = web_sys::Response::from(response);
            let text = match raw.text() {
                Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise)
                    .await
                    .map(js_sys::JsString::from)
                    .ok(),
                Err(_) => None,
            };
            let body = match text {
                Some(t) if t.length() > KEEP => {
                    kept = Some(t);
                    String::new()
                }
                Some(t) => t.into(),
                None => String::new(),
            };
            Outcome::Response(HttpResponse {
                status,
                status_text,
                headers,
                body,
                elapsed_ms: (js_sys::Date::now() - started).max(0.0) as u32,
            })
        }
        Err(error) => {
            let message = error.to_string();
            if timed_out.get() {
                Outcome::Failure {
                    kind: FailureKind::Timeout,
                    message: format!(
                        "No answer within {} seconds; the request was stopped.",
                        timeout.as_secs()
                    ),
                }
            } else if sending.cancelled.get() {
                Outcome::Failure {
                    kind: FailureKind::Aborted,
                    message: "You cancelled the request.".into(),
                }
            } else {
                let (kind, message) = classify(&req.url, &message).await;
                Outcome::Failure { kind, message }
            }
        }
    };
    done.set(true);
    (outcome, kept)
}
