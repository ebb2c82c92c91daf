//! Live calls from the browser: send a request the user built (gloo-net),
//! with a timeout and a way to cancel, and when no response arrives, tell
//! the cases apart as far as a browser can. The result is an engine
//! [`Outcome`](crate::engine::live::Outcome); the engine judges it.

pub mod failure;
pub mod send;

pub use send::{send, send_keeping, Sending};
