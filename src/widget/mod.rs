//! The widget: Yew components that feed the engine what the user pasted and
//! render the `Diagnosis` it returns. No rules live here.
//!
//! Entry points at the top, imported by nothing of the widget: `embed` (the
//! page, the iframe and the custom element; `main.rs` calls it) and
//! `live_entry` (the live panel; `bin/live-panel.rs` calls it). Below them
//! `app` and `components`, then `hooks`, `state`, `backend`/`worker`, and
//! the leaves `config`, `browser` and `handoff`.

pub mod app;
pub mod backend;
pub mod browser;
pub mod components;
pub mod config;
pub mod embed;
pub mod handoff;
pub mod hooks;
pub mod live_entry;
pub mod state;
pub mod worker;

pub use app::App;
