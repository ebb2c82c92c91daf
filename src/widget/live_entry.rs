//! The live panel's side of the hand-over with the widget. The two are
//! separate WebAssembly modules on one page, so they talk through DOM events
//! on the mount element: the panel reports the engine's answer for a live
//! call ([`ANSWER_EVENT`], the engine's `Response` as JSON) and asks to open
//! a section ([`OPEN_EVENT`], a section id). Tokens never cross: the answer
//! is the engine's redacted diagnosis.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};
use yew::prelude::*;

use super::browser::page_allowed_origins;
use super::components::live_panel::{LivePanel, Props};
use super::worker::{worker_backend, WORKER_URL};
use crate::engine::api::WidgetResponse as Response;

/// The element the widget renders for the panel to mount on.
pub const MOUNT_ID: &str = "ts-live-mount";
pub const ANSWER_EVENT: &str = "scopestack-live-answer";
pub const OPEN_EVENT: &str = "scopestack-open-section";

fn emit(target: &Element, name: &str, detail: &str) {
    let init = CustomEventInit::new();
    init.set_detail(&JsValue::from_str(detail));
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}

/// Mount the panel on the widget's mount element (nothing happens without one).
pub fn start() {
    let Some(mount) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(MOUNT_ID))
    else {
        return;
    };
    let mut origins: Vec<String> = crate::engine::live::DEFAULT_ORIGINS
        .iter()
        .map(|o| o.to_string())
        .collect();
    origins.extend(page_allowed_origins());
    let on_answer = {
        let mount = mount.clone();
        Callback::from(move |answer: Rc<super::state::Answer>| {
            let response = Response::Diagnosis {
                diagnosis: (*answer.diagnosis).clone(),
                sections: answer.sections.clone(),
            };
            if let Ok(json) = serde_json::to_string(&response) {
                emit(&mount, ANSWER_EVENT, &json);
            }
        })
    };
    let on_open = {
        let mount = mount.clone();
        Callback::from(move |id: Option<String>| {
            if let Some(id) = id {
                emit(&mount, OPEN_EVENT, &id);
            }
        })
    };
    let props = Props {
        backend: worker_backend(WORKER_URL),
        origins: Rc::new(origins),
        on_answer,
        on_open,
    };
    yew::Renderer::<LivePanel>::with_root_and_props(mount, props).render();
}
