//! Links open the widget where they point: on load and whenever the
//! fragment changes (a support agent's link clicked inside the page).

use yew::prelude::*;

use crate::engine::api::{WidgetRequest as Request, WidgetResponse as Response};
use crate::widget::backend::WidgetBackend as Backend;
use crate::widget::browser::location_hash;
use crate::widget::state::{Action, State};

#[hook]
pub fn use_fragment(state: &UseReducerHandle<State>, backend: &Backend) {
    let dispatcher = state.dispatcher();
    let backend = backend.clone();
    use_effect_with((), move |_| {
        let apply = move || {
            let fragment = location_hash();
            if fragment.trim_start_matches('#').is_empty() {
                return;
            }
            let dispatcher = dispatcher.clone();
            let reply = Callback::from(move |response: Response| {
                if let Response::Link { state, rewrite } = response {
                    // A raw secret in a hand-made link leaves the address
                    // bar and the history at once.
                    if let Some(masked) = rewrite {
                        crate::widget::browser::replace_hash(&masked);
                    }
                    if state != Default::default() {
                        dispatcher.dispatch(Action::Link(state));
                    }
                }
                // Read, whether or not it pointed anywhere in the widget (a
                // host page's own anchor): what a page test waits for.
                crate::widget::browser::mark("scopestack:link-read");
            });
            backend.send(Request::Link { fragment }, reply);
        };
        apply();
        let listener = web_sys::window().and_then(|w| listen_hashchange(&w, apply));
        move || drop(listener)
    });
}

/// Listen to `hashchange` until the returned guard is dropped.
fn listen_hashchange(window: &web_sys::Window, f: impl Fn() + 'static) -> Option<HashListener> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let closure = Closure::<dyn Fn()>::new(f);
    window
        .add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref())
        .ok()?;
    Some(HashListener {
        window: window.clone(),
        closure,
    })
}

pub struct HashListener {
    window: web_sys::Window,
    closure: wasm_bindgen::closure::Closure<dyn Fn()>,
}

impl Drop for HashListener {
    fn drop(&mut self) {
        use wasm_bindgen::JsCast;
        let _ = self.window.remove_event_listener_with_callback(
            "hashchange",
            self.closure.as_ref().unchecked_ref(),
        );
    }
}
