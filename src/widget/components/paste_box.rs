//! The labelled paste box. A plain textarea, so whatever is pasted stays
//! text; a dropped file (a HAR, a saved response) is read into it.

use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DragEvent, HtmlTextAreaElement};
use yew::platform::spawn_local;
use yew::prelude::*;

/// Files above this are refused with a message rather than read.
const MAX_FILE: f64 = 25.0 * 1024.0 * 1024.0;
/// Pastes above this are not put into the box whole: laying out megabytes
/// of text takes the browser seconds. The box shows the start, read-only,
/// and all of it is diagnosed.
const PREVIEW_OVER: usize = 1024 * 1024;
const PREVIEW: usize = 64 * 1024;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub value: AttrValue,
    pub on_input: Callback<String>,
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
        let on_input = props.on_input.clone();
        Callback::from(move |e: Event| {
            let text = e
                .dyn_ref::<ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
                .and_then(|d| d.get_data("text").ok());
            if let Some(text) = text.filter(|t| t.len() > PREVIEW_OVER) {
                e.prevent_default();
                on_input.emit(text);
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
            let notice = notice.clone();
            spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(text) => {
                        notice.set(None);
                        on_input.emit(text.as_string().unwrap_or_default());
                    }
                    Err(_) => {
                        notice.set(Some(format!("{} could not be read as text.", file.name())))
                    }
                }
            });
        })
    };
    let size = props.value.len();
    let large = size > PREVIEW_OVER;
    let shown: AttrValue = if large {
        let mut end = PREVIEW;
        while !props.value.is_char_boundary(end) {
            end -= 1;
        }
        format!(
            "{}\n\n… {} MB pasted: all of it is diagnosed. Clear the box to paste something else.",
            &props.value[..end],
            megabytes(size)
        )
        .into()
    } else {
        props.value.clone()
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

/// Megabytes with one decimal, without pulling float formatting into the
/// widget's download.
fn megabytes(bytes: usize) -> String {
    let tenths = (bytes + 52_428) / 104_858;
    format!("{}.{}", tenths / 10, tenths % 10)
}
