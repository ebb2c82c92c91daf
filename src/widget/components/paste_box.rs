//! The labelled paste box: a plain textarea, so whatever is pasted stays text.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub value: String,
    pub on_input: Callback<String>,
}

#[function_component(PasteBox)]
pub fn paste_box(props: &Props) -> Html {
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
                on_input.emit(area.value());
            }
        })
    };
    html! {
        <section class="ts-paste">
            <label for="ts-paste-input">{ "Paste the error you got" }</label>
            <textarea
                id="ts-paste-input"
                data-role="paste"
                rows="10"
                spellcheck="false"
                autocomplete="off"
                placeholder="e.g. HTTP/1.1 401 Unauthorized, {\"errors\": [...]}, or curl -v output"
                value={props.value.clone()}
                {oninput}
            />
        </section>
    }
}
