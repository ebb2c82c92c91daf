//! The root component: the paste box and the result area.

use yew::prelude::*;

use super::components::paste_box::PasteBox;
use super::components::result::ResultArea;

#[function_component(App)]
pub fn app() -> Html {
    let paste = use_state(String::new);
    let on_input = {
        let paste = paste.clone();
        Callback::from(move |text: String| paste.set(text))
    };
    html! {
        <main class="troubleshooter" data-ready="true">
            <header class="ts-header">
                <h1>{ "ScopeStack API Troubleshooter" }</h1>
                <p class="ts-lede">
                    { "Paste an API error — a JSON body, a raw response, curl -v output, a HAR file, a Workato or Zapier job error, or just a status code — and see which part of the API Error Codes article applies." }
                </p>
            </header>
            <PasteBox value={(*paste).clone()} {on_input} />
            <ResultArea paste={(*paste).clone()} />
        </main>
    }
}
