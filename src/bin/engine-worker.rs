//! The engine in a Web Worker: the widget posts an enveloped request as a
//! JSON string (with a large paste beside it, as its own string) and gets
//! the enveloped response back as JSON. Trunk
//! builds this as the page's worker; all it does is carry messages.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        // A request as JSON, or `[json, text]` when a large text travels
        // beside it (`engine::api::handle_with`).
        let data = event.data();
        let (request, beside) = match data.dyn_ref::<js_sys::Array>() {
            Some(parts) => (parts.get(0).as_string(), parts.get(1).as_string()),
            None => (data.as_string(), None),
        };
        let answer = scopestack_troubleshooter::engine::api::handle_with(
            &request.unwrap_or_default(),
            beside,
        );
        let _ = reply_to.post_message(&JsValue::from_str(&answer));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Tell the page the engine is loaded, so requests sent meanwhile can go.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("engine-worker runs inside the browser; for the command line, use `diagnose`.");
}
