//! What came back from a live call, as the engine gives it to show: status,
//! time, headers and body, every secret already masked (a large body shown
//! in part, with its size), or why nothing came back.

use yew::prelude::*;

use crate::engine::live::Shown;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub shown: Shown,
}

#[function_component(ResponseView)]
pub fn response_view(props: &Props) -> Html {
    match &props.shown {
        Shown::Response {
            status,
            summary,
            headers,
            body,
            note,
        } => html! {
            <section class="ts-response" data-role="response" aria-label="Response">
                <h3>{ "Response" }</h3>
                <p class="ts-status-line">
                    <strong data-role="response-status">{ status }</strong>
                    { summary }
                </p>
                <details>
                    <summary>{ format!("Headers ({})", headers.len()) }</summary>
                    <dl class="ts-headers">
                        { for headers.iter().map(|(k, v)| html! { <><dt>{ k }</dt><dd>{ v }</dd></> }) }
                    </dl>
                </details>
                if body.is_empty() {
                    <p class="ts-hint">{ "The body is empty." }</p>
                } else {
                    if let Some(note) = note {
                        <p class="ts-hint">{ note }</p>
                    }
                    <pre class="ts-body" tabindex="0" aria-label="Response body">{ body }</pre>
                }
            </section>
        },
        Shown::Failure { message } => html! {
            <section class="ts-response" data-role="response" aria-label="Response">
                <h3>{ "No response" }</h3>
                <p data-role="response-status">{ message }</p>
            </section>
        },
    }
}
