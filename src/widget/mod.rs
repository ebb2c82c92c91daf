//! The widget: Yew components that feed the engine what the user pasted and
//! render the `Diagnosis` it returns. No rules live here.

pub mod app;
pub mod backend;
pub mod browser;
pub mod components;
pub mod hooks;
pub mod live_entry;
pub mod state;
pub mod worker;

pub use app::App;

/// Mount the widget on the page's `#app` element (or the body), with the
/// engine in its worker.
pub fn start() {
    let props = app::Props {
        backend: worker::worker_backend(worker::WORKER_URL),
    };
    let document = web_sys::window().and_then(|w| w.document());
    match document.and_then(|d| d.get_element_by_id("app")) {
        Some(root) => {
            yew::Renderer::<App>::with_root_and_props(root, props).render();
        }
        None => {
            yew::Renderer::<App>::with_props(props).render();
        }
    }
}
