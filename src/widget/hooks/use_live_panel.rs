//! The live panel is a module of its own (`live-panel`), fetched the first
//! time the user opens its tab; this hook loads it once and turns its DOM
//! events into actions.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::CustomEvent;
use yew::prelude::*;

use crate::engine::api::WidgetResponse as Response;
use crate::widget::live_entry::{ANSWER_EVENT, MOUNT_ID, OPEN_EVENT};
use crate::widget::state::{Action, Answer, State};

// Loaded relative to this snippet's own URL (it sits two folders below the
// build's root), so it works wherever the widget is served from.
#[wasm_bindgen(
    inline_js = "export function load_live_panel() { return import(new URL('../../live-panel.js', import.meta.url).href).then((m) => m.default()); }"
)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn load_live_panel() -> Result<js_sys::Promise, JsValue>;
}

#[hook]
pub fn use_live_panel(state: &UseReducerHandle<State>, wanted: bool) {
    let loaded = use_mut_ref(|| false);
    let dispatcher = state.dispatcher();
    use_effect_with(wanted, move |wanted| {
        if *wanted && !*loaded.borrow() {
            *loaded.borrow_mut() = true;
            let mount = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(MOUNT_ID));
            if let Some(mount) = mount {
                let d = dispatcher.clone();
                let on_answer = Closure::<dyn Fn(JsValue)>::new(move |e: JsValue| {
                    let detail = e
                        .dyn_into::<CustomEvent>()
                        .ok()
                        .and_then(|e| e.detail().as_string());
                    if let Some(Ok(Response::Diagnosis {
                        diagnosis,
                        sections,
                    })) = detail.map(|json| serde_json::from_str::<Response>(&json))
                    {
                        d.dispatch(Action::LiveAnswered(Rc::new(Answer {
                            diagnosis: Rc::new(diagnosis),
                            sections,
                        })));
                    }
                });
                let d = dispatcher.clone();
                let on_open = Closure::<dyn Fn(JsValue)>::new(move |e: JsValue| {
                    if let Some(id) = e
                        .dyn_into::<CustomEvent>()
                        .ok()
                        .and_then(|e| e.detail().as_string())
                    {
                        d.dispatch(Action::Select(Some(id)));
                    }
                });
                // The listeners live as long as the page: the panel, once
                // loaded, stays mounted (hidden while its tab is not shown).
                for (name, closure) in [(ANSWER_EVENT, on_answer), (OPEN_EVENT, on_open)] {
                    let _ = mount
                        .add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
                    closure.forget();
                }
                let d = dispatcher.clone();
                match load_live_panel() {
                    Ok(promise) => yew::platform::spawn_local(async move {
                        if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() {
                            d.dispatch(Action::Failed(
                                "The live-call panel could not be loaded. Check your connection and reload the page.".into(),
                            ));
                        }
                    }),
                    Err(_) => d.dispatch(Action::Failed(
                        "The live-call panel could not be loaded in this browser.".into(),
                    )),
                }
            }
        }
    });
}
