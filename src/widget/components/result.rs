//! The result area, announced to screen readers as it changes.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub paste: String,
}

#[function_component(ResultArea)]
pub fn result_area(props: &Props) -> Html {
    let empty = props.paste.trim().is_empty();
    html! {
        <section class="ts-result" data-role="result" aria-live="polite" aria-label="Diagnosis">
            if empty {
                <p class="ts-hint">{ "The matching section of the article and a checklist will appear here." }</p>
            }
        </section>
    }
}
