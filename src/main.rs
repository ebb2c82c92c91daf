//! The widget's entry point: Trunk builds this for the browser. A native
//! build (used by `cargo test` and clippy) has nothing to show and says so.

#[cfg(target_arch = "wasm32")]
fn main() {
    scopestack_troubleshooter::widget::embed::start();
}

/// For `static/embed.js`: mount a widget in a custom element's shadow root.
/// Exported from this binary only, so the other modules do not carry the
/// widget.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount_widget(mount: web_sys::Element, host: web_sys::Element, options: String) -> u32 {
    scopestack_troubleshooter::widget::embed::mount(mount, host, &options)
}

/// For `static/embed.js`: the host API's `open({ section, paste })`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn open_widget(handle: u32, options: String) {
    scopestack_troubleshooter::widget::embed::open(handle, &options);
}

/// For the iframe's start-up script: the configured parent has spoken.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn parent_said_hello(handle: u32) {
    scopestack_troubleshooter::widget::embed::parent_said_hello(handle);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The widget runs in a browser: build it with `./x serve`. For the command line, use `diagnose`.");
}
