//! The "run it live" tab: the token helper and the request builder side by
//! side, sharing the token, and the diagnosis of the last call below them
//! (with what the change did, when the call was sent again).
//! The token lives in this component's memory only, unless the user opts in
//! to keeping it for the tab (session storage).

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::engine::api::{LiveRequest, Previous, SectionInfo};
use crate::engine::bundle::Client as Caller;
use crate::engine::diagnosis::Diagnosis;
use crate::engine::live::{HttpRequest, Outcome};
use crate::engine::verify::Verification;
use crate::widget::backend::LiveBackend as Backend;
use crate::widget::browser::{session_get, session_remove, session_set};
use crate::widget::components::diagnosis_view::DiagnosisView;
use crate::widget::components::live_call::LiveCall;
use crate::widget::components::token_helper::TokenHelper;
use crate::widget::components::verify_view::VerifyView;
use crate::widget::state::Answer;

/// A live call's answer: its diagnosis, and what the change did when the
/// call was sent again.
pub type LiveAnswer = (Rc<Answer>, Option<Rc<Verification>>);

/// The panel's answer from the engine's parts.
pub fn live_answer(
    diagnosis: Diagnosis,
    sections: Vec<SectionInfo>,
    verification: Option<Verification>,
) -> LiveAnswer {
    let answer = Answer {
        diagnosis: Rc::new(diagnosis),
        sections,
    };
    (Rc::new(answer), verification.map(Rc::new))
}

/// The engine's question about a call just made, sent with the call made
/// before it (`last`), which this call then replaces.
pub fn exchange(
    last: &RefCell<Option<Previous>>,
    request: HttpRequest,
    outcome: Outcome,
    token_account: Option<String>,
) -> LiveRequest {
    let previous = last.borrow_mut().replace(Previous {
        request: request.clone(),
        outcome: outcome.clone(),
        token_account: token_account.clone(),
    });
    LiveRequest::Exchange {
        request,
        outcome,
        token_account,
        previous,
    }
}

const KEY: &str = "scopestack-troubleshooter.token";

#[derive(Properties, PartialEq)]
pub struct Props {
    pub backend: Backend,
    pub origins: Rc<Vec<String>>,
    /// Ask the widget to open a section (on its Diagnose tab).
    pub on_open: Callback<Option<String>>,
}

#[function_component(LivePanel)]
pub fn live_panel(props: &Props) -> Html {
    let remembered = session_get(KEY);
    let keep = use_state(|| remembered.is_some());
    let token = use_state(|| remembered.unwrap_or_default());
    let handed_over = use_state(|| false);
    // The last call's diagnosis, and what the user does with its checklist.
    let answer = use_state(|| None::<Rc<Answer>>);
    let verification = use_state(|| None::<Rc<Verification>>);
    // How many answers were shown: a hook for tests and tooling, no content.
    let answers = use_state(|| 0u32);
    let selected = use_state(|| None::<String>);
    let ticked = use_state(Vec::<String>::new);
    let caller = use_state(|| Caller::CustomCode);
    let on_answer = {
        let answer = answer.clone();
        let verification = verification.clone();
        let answers = answers.clone();
        let selected = selected.clone();
        Callback::from(move |(a, v): LiveAnswer| {
            selected.set(a.diagnosis.primary.clone());
            verification.set(v);
            answer.set(Some(a));
            answers.set(*answers + 1);
        })
    };
    let on_toggle = {
        let ticked = ticked.clone();
        Callback::from(move |id: String| {
            let mut t = (*ticked).clone();
            match t.iter().position(|x| *x == id) {
                Some(i) => {
                    t.remove(i);
                }
                None => t.push(id),
            }
            ticked.set(t);
        })
    };
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |id: Option<String>| selected.set(id))
    };
    let on_caller = {
        let caller = caller.clone();
        Callback::from(move |c: Caller| caller.set(c))
    };
    let on_reference = {
        let on_open = props.on_open.clone();
        Callback::from(move |_: ()| on_open.emit(Some("quick-reference".into())))
    };
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
        // The tab's panel; its mount element is the landmark around it
        // (`embed::render`), beside the widget's <main> (two apps).
        <div class="ts-live-panel" role="tabpanel" aria-labelledby="ts-tab-live">
            <TokenHelper backend={props.backend.clone()} origins={props.origins.clone()}
                on_token={on_handover} on_answer={on_answer.clone()} on_open={props.on_open.clone()} />
            if *handed_over {
                <p class="ts-ok" role="status">{ "The access token was put into the request below (hidden)." }</p>
            }
            <LiveCall backend={props.backend.clone()} origins={props.origins.clone()}
                token={AttrValue::from((*token).clone())} {on_token}
                on_answer={on_answer} on_open={props.on_open.clone()} />
            <p class="ts-field">
                <input type="checkbox" id="ts-keep-token" checked={*keep} onchange={on_keep} />
                <label for="ts-keep-token">{ "Keep my token in this browser tab until I close it (session storage)" }</label>
            </p>
            <div class="ts-result" data-role="live-result" data-answers={answers.to_string()} aria-live="polite">
                if let Some(v) = &*verification {
                    <VerifyView verification={v.clone()} />
                }
                <DiagnosisView answer={(*answer).clone()} selected={(*selected).clone()}
                    browsed={None::<Rc<crate::widget::state::Browsed>>} ticked={(*ticked).clone()}
                    caller={*caller} error={None::<String>} support={None::<String>}
                    {on_toggle} {on_select} {on_caller} {on_reference} on_support={Callback::noop()} />
            </div>
        </div>
    }
}
