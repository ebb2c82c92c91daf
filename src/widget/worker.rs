//! The engine's Web Worker, started on the first question. Questions asked
//! before it has loaded wait in a queue; answers are matched to questions by
//! id. If the worker cannot be started or dies, every waiting question gets
//! an error answer, so the widget can say so instead of spinning forever,
//! and the next question starts a fresh worker.
//!
//! On the standalone page the start-up script has already started the
//! worker, so the engine downloads and compiles while the widget does; the
//! first question adopts it (`early_engine`). A large text beside a request is
//! posted with it as the browser's string (`[json, text]`), never copied.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};
use yew::Callback;

use super::backend::Backend;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::engine::api::{Envelope, InFamily};

struct Connection<A> {
    worker: Option<Worker>,
    ready: bool,
    failed: Option<String>,
    next_id: u64,
    queue: Vec<JsValue>,
    // Few questions are ever in flight, so a list beats a map here.
    pending: Vec<(u64, Callback<A>)>,
    // Kept alive as long as the worker.
    handlers: Vec<Closure<dyn Fn(JsValue)>>,
}

/// Where a front end's answers come from when the worker cannot give one.
pub trait Failure {
    fn failure(message: String) -> Self;
}

impl Failure for crate::engine::api::WidgetResponse {
    fn failure(message: String) -> Self {
        Self::Error { message }
    }
}

impl Failure for crate::engine::api::LiveResponse {
    fn failure(message: String) -> Self {
        Self::Error { message }
    }
}

/// A backend that runs the engine in a worker loaded from `url` (an
/// absolute URL of Trunk's worker loader).
pub fn worker_backend<Q, A>(url: String) -> Backend<Q, A>
where
    Q: Serialize + InFamily + 'static,
    A: DeserializeOwned + InFamily + Failure + 'static,
{
    let conn = Rc::new(RefCell::new(Connection {
        worker: None,
        ready: false,
        failed: None,
        next_id: 0,
        queue: Vec::new(),
        pending: Vec::new(),
        handlers: Vec::new(),
    }));
    Backend::carrying(move |request, beside, reply| send(&conn, &url, request, beside, reply))
}

fn send<Q: Serialize + InFamily, A: DeserializeOwned + InFamily + Failure + 'static>(
    conn: &Rc<RefCell<Connection<A>>>,
    url: &str,
    request: Q,
    beside: Option<js_sys::JsString>,
    reply: Callback<A>,
) {
    if conn.borrow().worker.is_none() && conn.borrow().failed.is_none() {
        start(conn, url);
    }
    let failed = conn.borrow().failed.clone();
    if let Some(message) = failed {
        reply.emit(A::failure(message));
        return;
    }
    let mut c = conn.borrow_mut();
    c.next_id += 1;
    let id = c.next_id;
    let text = match serde_json::to_string(&Envelope::new(id, request)) {
        Ok(t) => t,
        Err(_) => {
            drop(c);
            reply.emit(A::failure("the question could not be written".into()));
            return;
        }
    };
    c.pending.push((id, reply));
    let text = JsValue::from_str(&text);
    let message = match beside {
        Some(b) => js_sys::Array::of2(&text, &b).into(),
        None => text,
    };
    if c.ready {
        if let Some(w) = &c.worker {
            let _ = w.post_message(&message);
        }
    } else {
        c.queue.push(message);
    }
}

fn start<A: DeserializeOwned + InFamily + Failure + 'static>(
    conn: &Rc<RefCell<Connection<A>>>,
    url: &str,
) {
    let worker = match early_engine().ok().flatten() {
        Some(early) => early,
        None => match new_worker(url) {
            Ok(w) => w,
            Err(_) => {
                conn.borrow_mut().failed = Some(
                    "The diagnosis engine could not be started in this browser (Web Workers are blocked here)."
                        .into(),
                );
                return;
            }
        },
    };
    let on_message = {
        let conn = Rc::downgrade(conn);
        Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
            let Some(conn) = conn.upgrade() else {
                return;
            };
            let data = event
                .dyn_into::<MessageEvent>()
                .ok()
                .and_then(|e| e.data().as_string())
                .unwrap_or_default();
            receive(&conn, &data);
        })
    };
    let on_error = {
        let conn = Rc::downgrade(conn);
        Closure::<dyn Fn(JsValue)>::new(move |_event: JsValue| {
            let Some(conn) = conn.upgrade() else {
                return;
            };
            fail(
                &conn,
                "The diagnosis engine stopped before answering. Edit the paste to try again, or reload the page.",
            );
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let mut c = conn.borrow_mut();
    c.handlers.push(on_message);
    c.handlers.push(on_error);
    c.worker = Some(worker);
}

fn receive<A: DeserializeOwned + InFamily>(conn: &Rc<RefCell<Connection<A>>>, data: &str) {
    if data == "ready" {
        let (worker, queue) = {
            let mut c = conn.borrow_mut();
            c.ready = true;
            (c.worker.clone(), std::mem::take(&mut c.queue))
        };
        if let Some(w) = worker {
            for message in queue {
                let _ = w.post_message(&message);
            }
        }
        return;
    }
    // An answer of another family is not ours, whatever its body looks
    // like (both families have `error` and `diagnosis`).
    let Ok(answer) = serde_json::from_str::<Envelope<A>>(data) else {
        return;
    };
    if answer.family != A::FAMILY {
        return;
    }
    // Take the callback out before calling it: the answer may ask again.
    let reply = {
        let mut c = conn.borrow_mut();
        let at = c.pending.iter().position(|(id, _)| *id == answer.id);
        at.map(|i| c.pending.swap_remove(i).1)
    };
    if let Some(reply) = reply {
        reply.emit(answer.body);
    }
}

fn fail<A: Failure>(conn: &Rc<RefCell<Connection<A>>>, message: &str) {
    let pending: Vec<Callback<A>> = {
        // Forget this worker: the next question starts a fresh one, so one
        // bad input or a flaky load does not break the widget for good.
        let mut c = conn.borrow_mut();
        if let Some(w) = c.worker.take() {
            w.terminate();
        }
        c.ready = false;
        c.queue.clear();
        c.pending.drain(..).map(|(_, r)| r).collect()
    };
    for reply in pending {
        reply.emit(A::failure(message.to_string()));
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The worker the standalone page's start-up script started, once
    /// (`scripts/postbuild.mjs` writes that script; it says "ready" again
    /// for its new owner if it already had). Throws where no such script ran.
    #[wasm_bindgen(catch, js_namespace = globalThis, js_name = scopestackEngine)]
    fn early_engine() -> Result<Option<Worker>, JsValue>;
}

/// A worker from `url`. Browsers only start workers from the page's own
/// origin, so when the widget is served from another origin than the page
/// embedding it, a tiny same-origin bootstrap (a blob) imports the real
/// scripts instead; that needs `worker-src blob:` in the host's CSP.
fn new_worker(url: &str) -> Result<Worker, JsValue> {
    let page_origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    if url.starts_with(&format!("{page_origin}/")) {
        return Worker::new(url);
    }
    let base = url.rsplit_once('/').map_or("", |(b, _)| b);
    let quote = |s: String| serde_json::to_string(&s).unwrap_or_default();
    let script = format!(
        "importScripts({});wasm_bindgen({{module_or_path:{}}});",
        quote(format!("{base}/engine-worker.js")),
        quote(format!("{base}/engine-worker_bg.wasm"))
    );
    let parts = js_sys::Array::of1(&JsValue::from_str(&script));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let blob_url = web_sys::Url::create_object_url_with_blob(&blob)?;
    Worker::new(&blob_url)
}
