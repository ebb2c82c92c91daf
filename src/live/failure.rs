//! Why no response arrived. A browser hides the reason behind one
//! "Failed to fetch", so we ask around: is the browser offline? does the
//! host answer a `no-cors` request (opaque, so CORS cannot block it)? If it
//! does, the host is up and refused us by CORS policy; if not, it could not
//! be reached at all.

use std::time::Duration;

use gloo_net::http::RequestBuilder;
use web_sys::{AbortController, RequestMode};
use yew::platform::spawn_local;
use yew::platform::time::sleep;

use crate::engine::live::FailureKind;
use crate::engine::util::url::origin_of;

/// How long the reachability probe may take.
const PROBE_TIMEOUT: Duration = Duration::from_secs(8);

pub async fn classify(url: &str, browser_message: &str) -> (FailureKind, String) {
    let online = web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true);
    if !online {
        return (
            FailureKind::Offline,
            format!("The browser is offline ({browser_message})."),
        );
    }
    let origin = origin_of(url).unwrap_or_else(|| url.to_string());
    if probe(&origin).await {
        (
            FailureKind::Cors,
            format!(
                "{origin} answered a plain request but the browser withheld the API's answer: the server's CORS policy does not allow this page's origin ({browser_message})."
            ),
        )
    } else {
        (
            FailureKind::Dns,
            format!(
                "{origin} could not be reached: its name did not resolve or it refused the connection (a browser cannot tell which) ({browser_message})."
            ),
        )
    }
}

async fn probe(origin: &str) -> bool {
    let controller = AbortController::new().ok();
    if let Some(c) = controller.clone() {
        spawn_local(async move {
            sleep(PROBE_TIMEOUT).await;
            c.abort();
        });
    }
    RequestBuilder::new(&format!("{origin}/"))
        .mode(RequestMode::NoCors)
        .abort_signal(controller.map(|c| c.signal()).as_ref())
        .send()
        .await
        .is_ok()
}
