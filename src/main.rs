//! The widget's entry point: Trunk builds this for the browser. A native
//! build (used by `cargo test` and clippy) has nothing to show and says so.

#[cfg(target_arch = "wasm32")]
fn main() {
    scopestack_troubleshooter::widget::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The widget runs in a browser: build it with `./x serve`. For the command line, use `diagnose`.");
}
