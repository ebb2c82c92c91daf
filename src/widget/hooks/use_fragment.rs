//! Links open the widget where they point: on load and whenever the
//! fragment changes (a support agent's link clicked inside the page).

use yew::prelude::*;

use crate::engine::knowledge_base;
use crate::engine::link::from_fragment;
use crate::widget::browser::location_hash;
use crate::widget::state::{Action, State};

#[hook]
pub fn use_fragment(state: &UseReducerHandle<State>) {
    let dispatcher = state.dispatcher();
    use_effect_with((), move |_| {
        let apply = {
            let dispatcher = dispatcher.clone();
            move || {
                let link = from_fragment(knowledge_base(), &location_hash());
                if link != Default::default() {
                    dispatcher.dispatch(Action::Link(link));
                }
            }
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
