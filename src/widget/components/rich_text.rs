//! The knowledge base marks code with backticks (`Accept: …`); shown as
//! `<code>`. Every part stays a text node: nothing is ever parsed as HTML.

use yew::prelude::*;

pub fn rich_text(text: &str) -> Html {
    html! {
        <>
            { for text.split('`').enumerate().map(|(i, part)| {
                if i % 2 == 1 {
                    html! { <code>{ part }</code> }
                } else {
                    html! { { part } }
                }
            }) }
        </>
    }
}
