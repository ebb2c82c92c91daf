//! A link to this diagnosis for a chat or a ticket. The paste goes in only
//! when the user ticks the box, and then only as the engine redacted it; the
//! link is shown in full before it is copied.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::engine::link::{fragment, MAX_LINK_PASTE};
use crate::widget::browser::{copy_text, share_base_url};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub section: Option<String>,
    /// The paste as the engine redacted it; never the raw paste.
    pub redacted: Option<String>,
    pub ticked: Vec<String>,
}

#[function_component(ShareLink)]
pub fn share_link(props: &Props) -> Html {
    let include_paste = use_state(|| false);
    let status = use_state(String::new);
    let ticked: Vec<&str> = props.ticked.iter().map(String::as_str).collect();
    let paste = props.redacted.as_deref().filter(|_| *include_paste);
    let link = format!(
        "{}{}",
        share_base_url(),
        fragment(props.section.as_deref(), &ticked, paste, false)
    );
    let toggle = {
        let include_paste = include_paste.clone();
        Callback::from(move |_: Event| include_paste.set(!*include_paste))
    };
    let copy = {
        let link = link.clone();
        let status = status.clone();
        Callback::from(move |_| {
            let link = link.clone();
            let status = status.clone();
            spawn_local(async move {
                status.set(if copy_text(&link).await {
                    "Link copied.".into()
                } else {
                    "Copying was blocked by the browser: select the link above and copy it.".into()
                });
            });
        })
    };
    html! {
        <section class="ts-share" aria-labelledby="ts-share-title">
            <h3 id="ts-share-title">{ "Share this diagnosis" }</h3>
            if props.redacted.as_deref().is_some_and(|p| !p.trim().is_empty()) {
                <p>
                    <input type="checkbox" id="ts-share-paste" checked={*include_paste} onchange={toggle} />
                    <label for="ts-share-paste">
                        { format!("Include my paste, with secrets masked (up to {MAX_LINK_PASTE} characters)") }
                    </label>
                </p>
            }
            <label for="ts-share-url" class="ts-visually-hidden">{ "Share link" }</label>
            <input id="ts-share-url" data-role="share-link" class="ts-share-url" type="text" readonly=true value={link} />
            <button type="button" data-role="copy-link" onclick={copy}>{ "Copy link" }</button>
            <p class="ts-status" role="status" aria-live="polite">{ (*status).clone() }</p>
        </section>
    }
}
