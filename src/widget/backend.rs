//! How a front end reaches the engine: every question is a request and
//! every answer a response of its family (`engine::api`), delivered to a
//! callback. On the page the engine runs in a Web Worker (`worker.rs`);
//! tests plug the engine in directly. Front-end code never calls the
//! engine, which keeps the engine out of the first load and off the page's
//! main thread.
//!
//! A request may carry a large text beside it, as the browser's string (a
//! 10 MB paste): the worker gets it as it is, so the page never copies it
//! into its own memory or into JSON.

use std::rc::Rc;

use js_sys::JsString;
use yew::Callback;

use crate::engine::api::{Beside, LiveRequest, LiveResponse, WidgetRequest, WidgetResponse};

type Send<Q, A> = dyn Fn(Q, Option<JsString>, Callback<A>);

/// A way to ask the engine; cheap to clone.
pub struct Backend<Q, A>(Rc<Send<Q, A>>);

/// The widget's questions and answers.
pub type WidgetBackend = Backend<WidgetRequest, WidgetResponse>;
/// The live-call panel's questions and answers.
pub type LiveBackend = Backend<LiveRequest, LiveResponse>;

impl<Q: Beside + 'static, A> Backend<Q, A> {
    /// A backend that takes requests whole (the engine called in place, in
    /// tests): text beside a request is put into it first.
    pub fn new(send: impl Fn(Q, Callback<A>) + 'static) -> Self {
        Backend(Rc::new(
            move |mut request: Q, beside: Option<JsString>, reply| {
                if let Some(text) = beside {
                    request.put_beside(text.into());
                }
                send(request, reply)
            },
        ))
    }
}

impl<Q, A> Backend<Q, A> {
    /// A backend that carries text beside a request itself (the worker).
    pub fn carrying(send: impl Fn(Q, Option<JsString>, Callback<A>) + 'static) -> Self {
        Backend(Rc::new(send))
    }

    pub fn send(&self, request: Q, reply: Callback<A>) {
        (self.0)(request, None, reply)
    }

    /// Send `request` with `text` beside it (see the module's doc).
    pub fn send_beside(&self, request: Q, text: JsString, reply: Callback<A>) {
        (self.0)(request, Some(text), reply)
    }
}

impl<Q, A> Clone for Backend<Q, A> {
    fn clone(&self) -> Self {
        Backend(self.0.clone())
    }
}

impl<Q, A> PartialEq for Backend<Q, A> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
