//! ScopeStack API Troubleshooter.
//!
//! Two houses: [`engine`] is pure Rust (evidence in, diagnosis out) and builds
//! and tests natively; `widget` is the Yew front end, compiled for the browser
//! only, which renders what the engine returns and holds no rules of its own.

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod live;
#[cfg(target_arch = "wasm32")]
pub mod widget;
