//! The one Copy button: the text it copies is on screen above it (what is
//! copied is what the person read), and a polite status line says whether
//! the browser let it through. The share link, the support message and the
//! reply for the customer all copy through here, so the clipboard's code is
//! in the widget once. A plain function, not a component: the view holding
//! the buttons keeps one [`Status`] for all of them (every component costs
//! the first load its own share of Yew's machinery).

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::widget::browser::copy_text;

/// The button last used (its `data-role`) and what came of it.
pub type Status = UseStateHandle<(&'static str, &'static str)>;

/// One button.
pub struct Copy<'a> {
    /// Exactly what is copied (already shown in full above the button).
    pub text: String,
    /// The button's `data-role`, for tests and hosts.
    pub role: &'static str,
    pub label: &'static str,
    /// Said once the text is on the clipboard.
    pub done: &'static str,
    /// Said when the browser refused ("…select the link above and copy it").
    pub blocked: &'static str,
    /// Told before copying (the support message tells the host).
    pub on_copy: Option<&'a Callback<()>>,
}

pub fn copy_button(c: Copy, status: &Status) -> Html {
    let Copy {
        text,
        role,
        label,
        done,
        blocked,
        on_copy,
    } = c;
    let onclick = {
        let (status, on_copy) = (status.clone(), on_copy.cloned());
        Callback::from(move |_| {
            if let Some(cb) = &on_copy {
                cb.emit(());
            }
            let (text, status) = (text.clone(), status.clone());
            spawn_local(async move {
                let said = if copy_text(&text).await {
                    done
                } else {
                    blocked
                };
                status.set((role, said));
            });
        })
    };
    let said = if status.0 == role { status.1 } else { "" };
    html! {
        <>
            <button type="button" data-role={role} {onclick}>{ label }</button>
            <p class="ts-status" role="status" aria-live="polite">{ said }</p>
        </>
    }
}
