//! The reply for the customer, for support agents answering in chat: the
//! engine drafts it (Markdown, from sealed text: nothing secret), and it is
//! shown in full before it is copied, like the support message.

use yew::prelude::*;

use crate::widget::components::copy_button::{copy_button, Copy, Status};

/// The engine's draft, shown and copied. A plain function (see
/// `copy_button`).
pub fn reply_view(reply: &str, status: &Status) -> Html {
    let copy = Copy {
        text: reply.to_string(),
        role: "copy-reply",
        label: "Copy reply",
        done: "Reply copied: paste it into the chat.",
        blocked: "Copying was blocked by the browser: select the reply above and copy it.",
        on_copy: None,
    };
    html! {
        <details class="ts-reply">
            <summary>{ "Support agents: a reply for the customer" }</summary>
            <p id="ts-reply-help">{ "This exact text (Markdown, for a chat) is what will be copied. Secrets are already masked." }</p>
            <pre class="ts-bundle-text" data-role="reply" tabindex="0" aria-describedby="ts-reply-help">{ reply }</pre>
            { copy_button(copy, status) }
        </details>
    }
}
