//! A link to this diagnosis for a chat or a ticket. The paste goes in only
//! when the user ticks the box, and then only as the engine redacted it; the
//! link is shown in full before it is copied.

use yew::prelude::*;

use crate::engine::link::{fragment, MAX_LINK_PASTE};
use crate::widget::browser::share_base_url;
use crate::widget::components::copy_button::{copy_button, Copy, Status};

/// The link to `section` with the `ticked` checks, and the paste only when
/// `include_paste` is ticked, and then as the engine redacted it (with no
/// `include_paste`, no box and no paste). A plain
/// function: the view showing it keeps the box's state (see `copy_button`).
pub fn share_link(
    section: Option<&str>,
    redacted: Option<&str>,
    ticked: &[String],
    include_paste: Option<&UseStateHandle<bool>>,
    status: &Status,
) -> Html {
    let ticked: Vec<&str> = ticked.iter().map(String::as_str).collect();
    let include = include_paste.filter(|_| redacted.is_some_and(|p| !p.trim().is_empty()));
    let paste = redacted.filter(|_| include.is_some_and(|i| **i));
    let link = format!(
        "{}{}",
        share_base_url(),
        fragment(section, &ticked, paste, false)
    );
    let copy = Copy {
        text: link.clone(),
        role: "copy-link",
        label: "Copy link",
        done: "Link copied.",
        blocked: "Copying was blocked by the browser: select the link above and copy it.",
        on_copy: None,
    };
    html! {
        <section class="ts-share" aria-labelledby="ts-share-title">
            <h3 id="ts-share-title">{ "Share this diagnosis" }</h3>
            if let Some(include) = include.cloned() {
                <p>
                    <input type="checkbox" id="ts-share-paste" checked={*include}
                        onchange={Callback::from(move |_: Event| include.set(!*include))} />
                    <label for="ts-share-paste">
                        { format!("Include my paste, with secrets masked (up to {MAX_LINK_PASTE} characters)") }
                    </label>
                </p>
            }
            <label for="ts-share-url" class="ts-visually-hidden">{ "Share link" }</label>
            <input id="ts-share-url" data-role="share-link" class="ts-share-url" type="text" readonly=true value={link} />
            { copy_button(copy, status) }
        </section>
    }
}
