//! The widget's conversation with the page that hosts it: options applied at
//! start (section, paste, an override knowledge base), the host API's `open`,
//! and events out (`diagnosed` with a section id and nothing of the paste,
//! `support-requested`) on the host element. In an iframe the host element
//! is the page's `#app`, and the page's start-up script (written by
//! `scripts/postbuild.mjs`) relays those events, the frame's height and the
//! parent's `open` — only with the configured parent origin.

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::engine::api::{WidgetRequest, WidgetResponse};
use crate::widget::backend::WidgetBackend;
use crate::widget::config::{initial_fragment, Config, HostCommand};
use crate::widget::state::{Action, State};

/// Events the widget sends its host, as `CustomEvent`s on the host element.
pub const DIAGNOSED: &str = "diagnosed";
pub const SUPPORT_REQUESTED: &str = "support-requested";

/// Send an event to the host. `section` is the only data it ever carries.
pub fn notify(config: &Config, name: &str, section: Option<&str>) {
    let Some(host) = &config.host else { return };
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &detail,
        &JsValue::from_str("section"),
        &section.map_or(JsValue::NULL, JsValue::from_str),
    );
    let init = CustomEventInit::new();
    init.set_detail(&detail);
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(e) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&e);
    }
}

/// Open a fragment in this widget through the engine (which resolves codes
/// and redacts any paste).
fn open(backend: &WidgetBackend, dispatcher: &UseReducerDispatcher<State>, fragment: String) {
    if fragment.trim_start_matches('#').is_empty() {
        return;
    }
    let d = dispatcher.clone();
    let reply = Callback::from(move |r: WidgetResponse| {
        if let WidgetResponse::Link { state, .. } = r {
            d.dispatch(Action::Link(state));
        }
    });
    backend.send(WidgetRequest::Link { fragment }, reply);
}

#[hook]
pub fn use_host(state: &UseReducerHandle<State>, config: &Rc<Config>, backend: &WidgetBackend) {
    // Start-up: the host's initial section or paste, its knowledge base, and
    // `open` from the host API from now on.
    {
        let dispatcher = state.dispatcher();
        let config = config.clone();
        let backend = backend.clone();
        use_effect_with((), move |_| {
            open(&backend, &dispatcher, initial_fragment(&config.options));
            {
                let backend = backend.clone();
                let dispatcher = dispatcher.clone();
                let support = config.support_after_hello.clone();
                config
                    .commands
                    .listen(Callback::from(move |command| match command {
                        HostCommand::Open(f) => open(&backend, &dispatcher, f),
                        HostCommand::ParentSaidHello => {
                            if let Some(s) = support.clone() {
                                dispatcher.dispatch(Action::Support(s));
                            }
                        }
                    }));
            }
            if let Some(url) = config.options.kb_url.clone() {
                load_knowledge_base(url, backend, dispatcher);
            }
        });
    }
    // Each new diagnosis: tell the host which section, nothing else.
    {
        let config = config.clone();
        let answer = state.answer.clone();
        use_effect_with(answer.as_ref().map(Rc::as_ptr), move |_| {
            if let Some(a) = answer {
                notify(&config, DIAGNOSED, a.diagnosis.primary.as_deref());
            }
        });
    }
}

fn load_knowledge_base(
    url: String,
    backend: WidgetBackend,
    dispatcher: UseReducerDispatcher<State>,
) {
    spawn_local(async move {
        let fail = |reason: String| {
            let message = format!("The help center's knowledge base could not be used ({reason}); the built-in one is shown.");
            web_sys::console::warn_1(&JsValue::from_str(&message));
            dispatcher.dispatch(Action::Notice(message));
        };
        let text = match fetch_text(&url).await {
            Ok(t) => t,
            Err(reason) => return fail(reason),
        };
        let d = dispatcher.clone();
        let reply = Callback::from(move |r: WidgetResponse| match r {
            WidgetResponse::Error { message } => {
                let message = format!("The help center's knowledge base could not be used ({message}); the built-in one is shown.");
                web_sys::console::warn_1(&JsValue::from_str(&message));
                d.dispatch(Action::Notice(message));
            }
            WidgetResponse::KnowledgeBase { .. } => d.dispatch(Action::KnowledgeBaseApplied),
            _ => {}
        });
        backend.send(WidgetRequest::UseKnowledgeBase { json: text }, reply);
    });
}

/// GET `url` as text. The browser's fetch directly rather than gloo-net:
/// this runs in the widget's first load, where every kilobyte counts, and
/// needs nothing but the text.
async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("{url} could not be fetched"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "the answer was not an HTTP response".to_string())?;
    if !response.ok() {
        return Err(format!("{url} answered {}", response.status()));
    }
    let text = response
        .text()
        .map_err(|_| "the answer had no text".to_string())?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "the answer had no text".to_string())
}
