//! How a front end reaches the engine: every question is a request and
//! every answer a response of its family (`engine::api`), delivered to a
//! callback. On the page the engine runs in a Web Worker (`worker.rs`);
//! tests plug the engine in directly. Front-end code never calls the
//! engine, which keeps the engine out of the first load and off the page's
//! main thread.

use std::rc::Rc;

use yew::Callback;

use crate::engine::api::{LiveRequest, LiveResponse, WidgetRequest, WidgetResponse};

type Send<Q, A> = dyn Fn(Q, Callback<A>);

/// A way to ask the engine; cheap to clone.
pub struct Backend<Q, A>(Rc<Send<Q, A>>);

/// The widget's questions and answers.
pub type WidgetBackend = Backend<WidgetRequest, WidgetResponse>;
/// The live-call panel's questions and answers.
pub type LiveBackend = Backend<LiveRequest, LiveResponse>;

impl<Q, A> Backend<Q, A> {
    pub fn new(send: impl Fn(Q, Callback<A>) + 'static) -> Self {
        Backend(Rc::new(send))
    }

    pub fn send(&self, request: Q, reply: Callback<A>) {
        (self.0)(request, reply)
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
