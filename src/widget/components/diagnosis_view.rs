//! The answer for a paste: the section on screen with its checklist, the
//! other candidates, what was masked, and the ways to pass it on.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::bundle::Client as Caller;
use crate::widget::components::candidates::Candidates;
use crate::widget::components::section_view::SectionView;
use crate::widget::components::share_link::ShareLink;
use crate::widget::components::support_bundle::SupportBundle;
use crate::widget::state::{section_info, Answer, Browsed};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub answer: Option<Rc<Answer>>,
    pub selected: Option<String>,
    pub browsed: Option<Rc<Browsed>>,
    pub ticked: Vec<String>,
    pub caller: Caller,
    pub error: Option<String>,
    /// The host's support contact (chat URL or e-mail), if it gave one.
    pub support: Option<String>,
    pub on_toggle: Callback<String>,
    pub on_select: Callback<Option<String>>,
    pub on_caller: Callback<Caller>,
    pub on_reference: Callback<()>,
    /// The user is preparing to contact support.
    pub on_support: Callback<()>,
}

#[function_component(DiagnosisView)]
pub fn diagnosis_view(props: &Props) -> Html {
    let state = props;
    let d = state.answer.as_ref().map(|a| a.diagnosis.clone());
    let no_error = d.as_ref().is_some_and(|d| d.primary.is_none());
    let browse = {
        let cb = props.on_reference.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let section = state
        .selected
        .as_deref()
        .and_then(|id| section_info(state.answer.as_deref(), state.browsed.as_deref(), id))
        .cloned();
    let browsed_items = state
        .browsed
        .as_ref()
        .filter(|b| Some(&b.section.id) == state.selected.as_ref())
        .map(|b| Rc::new(b.checklist.clone()));
    let redacted = d.as_ref().map(|d| d.redacted.clone());
    html! {
        <>
            if let Some(message) = &state.error {
                <p class="ts-notice" role="alert">{ message }</p>
            }
            if let Some(d) = d.as_ref().filter(|_| no_error && state.selected.is_none()) {
                <section class="ts-no-error" data-role="no-error">
                    <h2>{ "No API error found" }</h2>
                    <p>{ no_error_text(d.facts.status) }</p>
                    <p>
                        <button type="button" class="ts-link-button" onclick={browse}>
                            { "Browse every error in the quick reference" }
                        </button>
                    </p>
                </section>
            }
            if let Some(notice) = d.as_ref().and_then(|d| d.notice.clone()) {
                <p class="ts-notice" role="status" data-role="read-notice">{ notice }</p>
            }
            if let Some(note) = d.as_ref().and_then(|d| d.redaction_summary.clone()) {
                <p class="ts-redaction" role="note">{ format!("For your safety: {note}. Masked values never leave this page.") }</p>
            }
            if let Some(section) = section {
                <SectionView {section} diagnosis={d.clone()} {browsed_items}
                    ticked={state.ticked.clone()} on_toggle={props.on_toggle.clone()} />
            }
            if let Some(d) = d.clone() {
                <Candidates diagnosis={d} selected={state.selected.clone()} on_select={props.on_select.clone()} />
            }
            if state.selected.is_some() || d.is_some() {
                <ShareLink section={state.selected.clone()} {redacted} ticked={state.ticked.clone()} />
            }
            if let Some(d) = d {
                <SupportBundle diagnosis={d} ticked={state.ticked.clone()} caller={state.caller}
                    support={props.support.clone()} on_caller={props.on_caller.clone()} on_support={props.on_support.clone()} />
            }
        </>
    }
}

fn no_error_text(status: Option<u16>) -> String {
    match status {
        Some(s) if s < 400 => format!(
            "The paste shows a successful {s} response. If something still looks wrong, paste the failing response instead."
        ),
        _ => "Nothing in the paste matches a known API error. Paste the whole response (status line, headers and body) or the message your tool showed.".to_string(),
    }
}
