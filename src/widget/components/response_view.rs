//! What came back from a live call: status, time, headers and body (JSON
//! indented; a very large body shown in part, with its size), or why
//! nothing came back.

use yew::prelude::*;

use crate::engine::display::pretty_json;
use crate::engine::live::Outcome;

/// Bodies above this are shown in part: the whole body still goes to the
/// engine, but the page stays light.
const SHOWN: usize = 64 * 1024;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub outcome: Outcome,
}

#[function_component(ResponseView)]
pub fn response_view(props: &Props) -> Html {
    match &props.outcome {
        Outcome::Response(r) => {
            let (shown, cut) = if r.body.len() > SHOWN {
                let mut end = SHOWN;
                while !r.body.is_char_boundary(end) {
                    end -= 1;
                }
                (&r.body[..end], true)
            } else {
                (r.body.as_str(), false)
            };
            let body = if shown.trim_start().starts_with(['{', '[']) && !cut {
                pretty_json(shown)
            } else {
                shown.to_string()
            };
            html! {
                <section class="ts-response" data-role="response" aria-label="Response">
                    <h3>{ "Response" }</h3>
                    <p class="ts-status-line">
                        <strong data-role="response-status">{ format!("{} {}", r.status, r.status_text) }</strong>
                        { format!(" · {} ms · {} bytes", r.elapsed_ms, r.body.len()) }
                    </p>
                    <details>
                        <summary>{ format!("Headers ({})", r.headers.len()) }</summary>
                        <dl class="ts-headers">
                            { for r.headers.iter().map(|(k, v)| html! { <><dt>{ k }</dt><dd>{ v }</dd></> }) }
                        </dl>
                    </details>
                    if r.body.is_empty() {
                        <p class="ts-hint">{ "The body is empty." }</p>
                    } else {
                        if cut {
                            <p class="ts-hint">{ format!("Showing the first {} KB of {} KB.", SHOWN / 1024, r.body.len() / 1024) }</p>
                        }
                        <pre class="ts-body" tabindex="0" aria-label="Response body">{ body }</pre>
                    }
                </section>
            }
        }
        Outcome::Failure { message, .. } => html! {
            <section class="ts-response" data-role="response" aria-label="Response">
                <h3>{ "No response" }</h3>
                <p data-role="response-status">{ message }</p>
            </section>
        },
    }
}
