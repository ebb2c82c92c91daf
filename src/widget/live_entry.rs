//! The live panel's side of the hand-over with the widget. The two are
//! separate WebAssembly modules on one page, side by side (never nested: see
//! `embed::render`), so they talk through a DOM event on the mount element:
//! the panel asks the widget to open a section (`handoff::OPEN_EVENT`, a
//! section id). The panel shows its own diagnosis of a live call; no token
//! or answer crosses over. An entry point: `bin/live-panel.rs` calls it,
//! nothing of the widget imports it.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit, Element};
use yew::prelude::*;

use super::browser::asset_url;
use super::components::live_panel::{LivePanel, Props};
use super::handoff::{MOUNT_FUNCTION, MOUNT_QUEUE, OPEN_EVENT};
use super::worker::worker_backend;

fn emit(target: &Element, name: &str, detail: &str) {
    let init = CustomEventInit::new();
    init.set_detail(&JsValue::from_str(detail));
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}

/// The panel module's start: mount on every queued element, and leave a
/// function for widgets that open their tab later.
pub fn start() {
    let global = js_sys::global();
    let mount_fn = Closure::<dyn Fn(JsValue)>::new(|el: JsValue| {
        if let Ok(el) = el.dyn_into::<Element>() {
            mount(el);
        }
    });
    let _ = js_sys::Reflect::set(
        &global,
        &JsValue::from_str(MOUNT_FUNCTION),
        mount_fn.as_ref().unchecked_ref(),
    );
    mount_fn.forget();
    if let Ok(queue) = js_sys::Reflect::get(&global, &JsValue::from_str(MOUNT_QUEUE)) {
        if let Ok(queue) = queue.dyn_into::<js_sys::Array>() {
            for el in queue.iter() {
                if let Ok(el) = el.dyn_into::<Element>() {
                    mount(el);
                }
            }
        }
    }
}

/// Mount one panel. The widget wrote the origins its host allows on the
/// mount element (`data-allowed-origins`), and those are the only ones.
fn mount(mount: Element) {
    let origins: Vec<String> = mount
        .get_attribute("data-allowed-origins")
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let on_open = {
        let mount = mount.clone();
        Callback::from(move |id: Option<String>| {
            if let Some(id) = id {
                emit(&mount, OPEN_EVENT, &id);
            }
        })
    };
    let props = Props {
        backend: worker_backend(asset_url("engine-worker_loader.js")),
        origins: Rc::new(origins),
        on_open,
    };
    // Its own root, looking like the widget it sits beside (and in the
    // widget's forced theme, if it has one).
    let Some(root) = mount
        .owner_document()
        .and_then(|d| d.create_element("div").ok())
    else {
        return;
    };
    let theme = mount.get_attribute("data-theme").unwrap_or_default();
    root.set_class_name(&format!("troubleshooter ts-live-root {theme}"));
    if mount.append_child(&root).is_ok() {
        yew::Renderer::<LivePanel>::with_root_and_props(root, props).render();
    }
}
