//! The widget: Yew components that feed the engine what the user pasted and
//! render the `Diagnosis` it returns. No rules live here.

pub mod app;
pub mod backend;
pub mod browser;
pub mod components;
pub mod config;
pub mod embed;
pub mod hooks;
pub mod live_entry;
pub mod state;
pub mod worker;

pub use app::App;

/// Mount the standalone page's widget (or the iframe's).
pub fn start() {
    embed::start();
}
