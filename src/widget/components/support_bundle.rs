//! The support bundle: the message to send ScopeStack support, shown in full
//! before it is copied, with every secret masked by the engine.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::engine::bundle::{support_bundle, Client as Caller};
use crate::engine::Diagnosis;
use crate::widget::components::copy_button::{copy_button, Copy, Status};

/// What the message is made of. A plain function, not a component: the
/// copy button holds the only state, and every component costs the first
/// load its own share of Yew's machinery.
pub struct Props<'a> {
    pub diagnosis: &'a Diagnosis,
    pub ticked: &'a [String],
    pub caller: Caller,
    /// Where to send it: a chat URL or an e-mail address from the host.
    pub support: Option<&'a str>,
    pub on_caller: &'a Callback<Caller>,
    pub on_support: &'a Callback<()>,
    pub status: &'a Status,
}

pub fn support_bundle_view(props: Props) -> Html {
    let text = support_bundle(props.diagnosis, props.caller, props.ticked);
    let onchange = {
        let on_caller = props.on_caller.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                let index = select.selected_index().max(0) as usize;
                if let Some(c) = Caller::ALL.get(index) {
                    on_caller.emit(*c);
                }
            }
        })
    };
    let copy = Copy {
        text: text.clone(),
        role: "copy-bundle",
        label: "Copy message",
        done: "Message copied: paste it into the support chat or an e-mail.",
        blocked: "Copying was blocked by the browser: select the message above and copy it.",
        on_copy: Some(props.on_support),
    };
    html! {
        <details class="ts-bundle">
            <summary>{ "Still stuck? Prepare a message for ScopeStack support" }</summary>
            <label for="ts-client">{ "What are you calling the API from?" }</label>
            <select id="ts-client" {onchange}>
                { for Caller::ALL.iter().map(|c| html! {
                    <option selected={*c == props.caller}>{ c.label() }</option>
                }) }
            </select>
            <p id="ts-bundle-help">{ "This exact text is what will be copied. Secrets are already masked." }</p>
            <pre class="ts-bundle-text" data-role="support-bundle" tabindex="0" aria-describedby="ts-bundle-help">{ text }</pre>
            { copy_button(copy, props.status) }
            if let Some(href) = props.support.and_then(contact_link) {
                { " " }<a href={href.clone()} target="_blank" rel="noopener noreferrer" data-role="contact-support">
                    { if href.starts_with("mailto:") { "E-mail ScopeStack support" } else { "Open the support chat" } }
                </a>
            }
        </details>
    }
}

/// A contact the host configured, as a link: an e-mail address or an https
/// URL; anything else is ignored rather than turned into a link.
fn contact_link(support: &str) -> Option<String> {
    let s = support.trim();
    if s.starts_with("https://") && !s.contains(char::is_whitespace) {
        Some(s.to_string())
    } else if crate::widget::config::is_email(s) {
        Some(format!("mailto:{s}?subject=ScopeStack%20API%20error"))
    } else {
        None
    }
}
