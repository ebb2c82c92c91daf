//! The "run it live" tab: the token helper and the request builder side by
//! side, sharing the token. The token lives in this component's memory only,
//! unless the user opts in to keeping it for the tab (session storage).

use std::rc::Rc;

use yew::prelude::*;

use crate::widget::backend::LiveBackend as Backend;
use crate::widget::browser::{session_get, session_remove, session_set};
use crate::widget::components::live_call::LiveCall;
use crate::widget::components::token_helper::TokenHelper;
use crate::widget::state::Answer;

const KEY: &str = "scopestack-troubleshooter.token";

#[derive(Properties, PartialEq)]
pub struct Props {
    pub backend: Backend,
    pub origins: Rc<Vec<String>>,
    pub on_answer: Callback<Rc<Answer>>,
    pub on_open: Callback<Option<String>>,
}

#[function_component(LivePanel)]
pub fn live_panel(props: &Props) -> Html {
    let remembered = session_get(KEY);
    let keep = use_state(|| remembered.is_some());
    let token = use_state(|| remembered.unwrap_or_default());
    let handed_over = use_state(|| false);
    let on_token = {
        let token = token.clone();
        let keep = keep.clone();
        let handed_over = handed_over.clone();
        Callback::from(move |t: String| {
            if *keep {
                session_set(KEY, &t);
            }
            handed_over.set(false);
            token.set(t);
        })
    };
    let on_handover = {
        let on_token = on_token.clone();
        let handed_over = handed_over.clone();
        Callback::from(move |t: String| {
            on_token.emit(t);
            handed_over.set(true);
        })
    };
    let on_keep = {
        let keep = keep.clone();
        let token = token.clone();
        Callback::from(move |_: Event| {
            let now = !*keep;
            if now {
                session_set(KEY, &token);
            } else {
                session_remove(KEY);
            }
            keep.set(now);
        })
    };
    html! {
        <div class="ts-live-panel">
            <TokenHelper backend={props.backend.clone()} origins={props.origins.clone()}
                on_token={on_handover} on_answer={props.on_answer.clone()} />
            if *handed_over {
                <p class="ts-ok" role="status">{ "The access token was put into the request below (hidden)." }</p>
            }
            <LiveCall backend={props.backend.clone()} origins={props.origins.clone()}
                token={AttrValue::from((*token).clone())} {on_token}
                on_answer={props.on_answer.clone()} on_open={props.on_open.clone()} />
            <p class="ts-field">
                <input type="checkbox" id="ts-keep-token" checked={*keep} onchange={on_keep} />
                <label for="ts-keep-token">{ "Keep my token in this browser tab until I close it (session storage)" }</label>
            </p>
        </div>
    }
}
