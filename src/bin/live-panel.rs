//! The "run a live call" panel as its own module: the widget loads it only
//! when the user opens that tab, so the request builder and the HTTP client
//! are not part of the first load. It mounts itself where the widget left
//! room for it.

#[cfg(target_arch = "wasm32")]
fn main() {
    scopestack_troubleshooter::widget::live_entry::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("live-panel runs inside the browser, loaded by the widget.");
}
