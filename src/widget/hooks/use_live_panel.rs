//! The live panel is a module of its own (`live-panel`), fetched the first
//! time the user opens its tab. Several widgets may share a page (and live
//! in shadow roots, where ids cannot be looked up), so the widget hands the
//! panel its mount element through a queue on the global object: the panel
//! module mounts what is queued when it starts, and later mounts through the
//! function it leaves there. Its requests to open a section become this
//! widget's actions.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::CustomEvent;
use yew::prelude::*;

use crate::widget::handoff::{MOUNT_FUNCTION, MOUNT_QUEUE, OPEN_EVENT};
use crate::widget::state::{Action, State};

// Loaded relative to this snippet's own URL (it sits two folders below the
// build's root), so it works wherever the widget is served from.
#[wasm_bindgen(
    inline_js = "export function load_live_panel() { return import(new URL('../../live-panel.js', import.meta.url).href).then((m) => m.default({ module_or_path: new URL('../../live-panel_bg.wasm', import.meta.url) })); }"
)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn load_live_panel() -> Result<js_sys::Promise, JsValue>;
}

/// Hand `mount` to the panel module: directly if it is running, else queued
/// for it, loading it if no widget on the page has yet.
fn hand_over(mount: &web_sys::Element) -> Option<js_sys::Promise> {
    let global = js_sys::global();
    let mount_fn = js_sys::Reflect::get(&global, &JsValue::from_str(MOUNT_FUNCTION)).ok();
    if let Some(f) = mount_fn.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
        let _ = f.call1(&JsValue::NULL, mount);
        return None;
    }
    let queue = js_sys::Reflect::get(&global, &JsValue::from_str(MOUNT_QUEUE))
        .ok()
        .and_then(|q| q.dyn_into::<js_sys::Array>().ok());
    match queue {
        Some(q) => {
            // Another widget is already loading the module.
            q.push(mount);
            None
        }
        None => {
            let q = js_sys::Array::of1(mount);
            let _ = js_sys::Reflect::set(&global, &JsValue::from_str(MOUNT_QUEUE), &q);
            load_live_panel().ok()
        }
    }
}

#[hook]
pub fn use_live_panel(
    state: &UseReducerHandle<State>,
    wanted: bool,
    mount: Option<&web_sys::Element>,
) {
    let loaded = use_mut_ref(|| false);
    let dispatcher = state.dispatcher();
    let mount = mount.cloned();
    use_effect_with(wanted, move |wanted| {
        let Some(mount) = mount else { return };
        // Shown on its tab only; it keeps its state in between.
        if *wanted {
            let _ = mount.remove_attribute("hidden");
        } else {
            let _ = mount.set_attribute("hidden", "");
        }
        if !*wanted || *loaded.borrow() {
            return;
        }
        *loaded.borrow_mut() = true;
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
        // The listeners live as long as the page: the panel, once mounted,
        // stays (hidden while its tab is not shown).
        let _ =
            mount.add_event_listener_with_callback(OPEN_EVENT, on_open.as_ref().unchecked_ref());
        on_open.forget();
        if let Some(promise) = hand_over(&mount) {
            let d = dispatcher.clone();
            yew::platform::spawn_local(async move {
                if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() {
                    d.dispatch(Action::Failed(
                        "The live-call panel could not be loaded. Check your connection and reload the page.".into(),
                    ));
                }
            });
        }
    });
}
