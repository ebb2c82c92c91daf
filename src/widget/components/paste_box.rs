//! The labelled paste box. A plain textarea, so whatever is pasted stays
//! text; a dropped file (a HAR, a saved response) is read into it. A paste
//! or file too large to lay out or copy stays the browser's string: the box
//! shows its start, and the whole goes to the engine's worker as it is.

use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DragEvent, HtmlTextAreaElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::engine::display::megabytes;
use crate::widget::state::Large;

#[wasm_bindgen]
extern "C" {
    /// A `DataTransfer` whose `getData` leaves the text the browser's
    /// string (web-sys's copies it into wasm).
    type AsIs;
    #[wasm_bindgen(method, js_name = getData)]
    fn get_data(this: &AsIs, format: &str) -> JsValue;
}

/// Files above this are refused with a message rather than read.
const MAX_FILE: f64 = 25.0 * 1024.0 * 1024.0;
/// Pastes above this are not put into the box whole: laying out a megabyte
/// of text, or copying it into wasm, blocks the page for long. The box
/// shows the start, read-only; the whole is diagnosed.
use crate::engine::api::BESIDE_OVER as PREVIEW_OVER;
const PREVIEW: u32 = 16 * 1024;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub value: AttrValue,
    /// The length of the whole paste when `value` is only its start.
    pub large: Option<usize>,
    pub on_input: Callback<String>,
    /// A paste too large to copy, and its start to show.
    pub on_large: Callback<(Large, String)>,
    pub busy: bool,
}

#[function_component(PasteBox)]
pub fn paste_box(props: &Props) -> Html {
    let notice = use_state(|| None::<String>);
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
                on_input.emit(area.value());
            }
        })
    };
    let onpaste = {
        let on_large = props.on_large.clone();
        Callback::from(move |e: Event| {
            let text = e
                .dyn_ref::<ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
                .map(|d| d.unchecked_ref::<AsIs>().get_data("text"));
            if let Some(large) = text.and_then(|t| large(t.into())) {
                e.prevent_default();
                on_large.emit(large);
            }
        })
    };
    let on_clear = {
        let on_input = props.on_input.clone();
        Callback::from(move |_| on_input.emit(String::new()))
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let on_input = props.on_input.clone();
        let on_large = props.on_large.clone();
        let notice = notice.clone();
        Callback::from(move |e: DragEvent| {
            let file = e
                .data_transfer()
                .and_then(|dt| dt.files())
                .and_then(|files| files.get(0));
            let Some(file) = file else { return };
            e.prevent_default();
            if file.size() > MAX_FILE {
                notice.set(Some(format!(
                    "{} is {} MB; files up to 25 MB can be read. Paste the part with the error instead.",
                    file.name(),
                    megabytes(file.size() as usize)
                )));
                return;
            }
            let on_input = on_input.clone();
            let on_large = on_large.clone();
            let notice = notice.clone();
            spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(text) => {
                        notice.set(None);
                        match large(text.clone().into()) {
                            Some(large) => on_large.emit(large),
                            None => on_input.emit(text.as_string().unwrap_or_default()),
                        }
                    }
                    Err(_) => {
                        notice.set(Some(format!("{} could not be read as text.", file.name())))
                    }
                }
            });
        })
    };
    let size = props.large.unwrap_or(props.value.len());
    let large = props.large.is_some();
    let shown: AttrValue = match props.large {
        Some(len) => format!(
            "{}\n\n… {} MB pasted; only its start is shown here. Clear the box to paste something else.",
            props.value,
            megabytes(len)
        )
        .into(),
        None => props.value.clone(),
    };
    html! {
        <section class="ts-paste">
            <label for="ts-paste-input">{ "Paste the error you got" }</label>
            <p id="ts-paste-help" class="ts-help">
                { "Anything works: a JSON error body, a raw response, curl -v output, a Postman console dump, a HAR file, a Workato or Zapier error, a traceback, a browser message, or just a status code. You can also drop a file here. Nothing leaves this page." }
            </p>
            <textarea
                id="ts-paste-input"
                data-role="paste"
                rows="10"
                spellcheck="false"
                autocomplete="off"
                aria-describedby="ts-paste-help"
                placeholder="e.g. HTTP/1.1 401 Unauthorized"
                value={shown}
                readonly={large}
                {oninput}
                {onpaste}
                {ondragover}
                {ondrop}
            />
            if large {
                <p><button type="button" data-role="clear-paste" onclick={on_clear}>{ "Clear the box" }</button></p>
            }
            if props.busy {
                <p class="ts-progress" role="status">
                    { format!("Reading {} MB…", megabytes(size)) }
                </p>
            }
            if let Some(n) = &*notice {
                <p class="ts-notice" role="alert">{ n }</p>
            }
        </section>
    }
}

/// `text` as a paste too large to copy, with its start, if it is one.
fn large(text: JsString) -> Option<(Large, String)> {
    let len = text.length();
    (len > PREVIEW_OVER).then(|| {
        let start = String::from(text.slice(0, PREVIEW));
        (
            Large {
                text,
                len: len as usize,
            },
            start,
        )
    })
}
