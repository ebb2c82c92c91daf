//! The widget: Yew components that feed the engine what the user pasted and
//! render the `Diagnosis` it returns. No rules live here.

pub mod app;
pub mod browser;
pub mod components;
pub mod hooks;
pub mod state;

pub use app::App;

/// Mount the widget on the page's `#app` element (or the body).
pub fn start() {
    let document = web_sys::window().and_then(|w| w.document());
    match document.and_then(|d| d.get_element_by_id("app")) {
        Some(root) => {
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
