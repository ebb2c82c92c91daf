//! How the widget reaches the engine: every question is a [`Request`] and
//! every answer a [`Response`], delivered to a callback. On the page the
//! engine runs in a Web Worker (`worker.rs`); tests plug the engine in
//! directly. The widget's own code never calls the engine, which keeps the
//! engine out of the widget's first load and off the page's main thread.

use std::rc::Rc;

use yew::Callback;

use crate::engine::api::{Request, Response};

type Send = dyn Fn(Request, Callback<Response>);

/// A way to ask the engine; cheap to clone.
#[derive(Clone)]
pub struct Backend(Rc<Send>);

impl Backend {
    pub fn new(send: impl Fn(Request, Callback<Response>) + 'static) -> Self {
        Backend(Rc::new(send))
    }

    pub fn send(&self, request: Request, reply: Callback<Response>) {
        (self.0)(request, reply)
    }
}

impl PartialEq for Backend {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
