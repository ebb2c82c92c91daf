//! "Save sanitized HAR": the HAR that was pasted or dropped, as the engine
//! returns it with every secret masked (auth headers, cookies, tokens in
//! URLs and bodies), saved as a file ready to attach to a ticket. The file
//! is made in the browser from the engine's text; nothing is sent anywhere.

use wasm_bindgen::JsValue;
use web_sys::{Blob, BlobPropertyBag, Element, Url};
use yew::prelude::*;

/// The saved file's name.
const FILE_NAME: &str = "scopestack-request-sanitized.har";

/// A download link for the engine's sanitized HAR (JSON). The file is made
/// when the link is clicked, before the browser follows it: its object URL
/// becomes the link's address, and the one made for the click before is
/// freed then (freeing it at once could cut its download short). A plain
/// function, not a component (see `copy_button`).
pub fn har_save(har: &str) -> Html {
    let onclick = {
        let har = AttrValue::from(har.to_string());
        Callback::from(move |e: MouseEvent| {
            let Some(link) = e.target_dyn_into::<Element>() else {
                return e.prevent_default();
            };
            if let Some(old) = link
                .get_attribute("href")
                .filter(|h| h.starts_with("blob:"))
            {
                let _ = Url::revoke_object_url(&old);
            }
            match object_url(&har) {
                Ok(url) => {
                    let _ = link.set_attribute("href", &url);
                }
                Err(_) => e.prevent_default(),
            }
        })
    };
    html! {
        <p class="ts-har">
            <a href="#" download={FILE_NAME} data-role="save-har" {onclick}>{ "Save sanitized HAR" }</a>
            <span class="ts-help">{ " The same HAR with every secret masked, ready to attach to a ticket." }</span>
        </p>
    }
}

/// An object URL for `text` as a JSON file.
fn object_url(text: &str) -> Result<String, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    Url::create_object_url_with_blob(&blob)
}
