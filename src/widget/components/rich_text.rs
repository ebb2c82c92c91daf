//! The knowledge base marks code with backticks (`Accept: …`); shown as
//! `<code>`; the engine's spans are shown in `<mark>`. Every part stays a
//! text node: nothing is ever parsed as HTML.

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

/// `text` with the byte span `(start, end)` the engine found in a `<mark>`
/// (the failing member, the part of a value that differs). A span that does
/// not fall on the text's characters leaves it unmarked rather than cut.
pub fn marked(text: &str, (start, end): (usize, usize)) -> Html {
    match (text.get(..start), text.get(start..end), text.get(end..)) {
        (Some(before), Some(mark), Some(after)) if !mark.is_empty() => html! {
            <>{ before }<mark>{ mark }</mark>{ after }</>
        },
        _ => html! { { text } },
    }
}
