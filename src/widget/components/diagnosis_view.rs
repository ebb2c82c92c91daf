//! The answer for a paste: the section on screen with its checklist, where
//! the error points in the body and what was sent next to what was
//! expected, the other candidates, what was masked, and the ways to pass it
//! on (a share link, a reply for the customer, a sanitized HAR, a message
//! for ScopeStack support).

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::bundle::Client as Caller;
use crate::widget::components::candidates::candidates;
use crate::widget::components::har_save::har_save;
use crate::widget::components::pinpoint_view::pinpoint_view;
use crate::widget::components::reply_view::reply_view;
use crate::widget::components::section_view::section_view;
use crate::widget::components::sent_expected_view::sent_expected_view;
use crate::widget::components::share_link::share_link;
use crate::widget::components::support_bundle::{support_bundle_view, Props as Bundle};
use crate::widget::state::{section_info, Answer, Browsed};

#[derive(Properties)]
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

/// The answer and the section are compared by identity: the state replaces
/// them whenever they change (and a deep comparison of a diagnosis costs
/// the first load more code than it saves renders).
impl PartialEq for Props {
    fn eq(&self, o: &Self) -> bool {
        fn same<T>(a: &Option<Rc<T>>, b: &Option<Rc<T>>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
        }
        same(&self.answer, &o.answer)
            && same(&self.browsed, &o.browsed)
            && self.selected == o.selected
            && self.ticked == o.ticked
            && self.caller == o.caller
            && self.error == o.error
            && self.support == o.support
            && self.on_toggle == o.on_toggle
            && self.on_select == o.on_select
            && self.on_caller == o.on_caller
            && self.on_reference == o.on_reference
            && self.on_support == o.on_support
    }
}

#[function_component(DiagnosisView)]
pub fn diagnosis_view(props: &Props) -> Html {
    let state = props;
    // The share link's box and the copy buttons' status: the state of the
    // views below, which are plain functions (see `copy_button`).
    let include_paste = use_state(|| false);
    let copied = use_state(|| ("", ""));
    let d = state.answer.as_ref().map(|a| a.diagnosis.clone());
    let no_error = d.as_ref().is_some_and(|d| d.primary.is_none());
    let browse = {
        let cb = props.on_reference.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let section = state
        .selected
        .as_deref()
        .and_then(|id| section_info(state.answer.as_deref(), state.browsed.as_deref(), id));
    let browsed = state
        .browsed
        .as_deref()
        .filter(|b| Some(&b.section.id) == state.selected.as_ref())
        .map(|b| b.checklist.as_slice());
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
                <p class="ts-redaction" role="note">{ "For your safety: " }{ note }{ ". Masked values never leave this page." }</p>
            }
            if let Some(section) = section {
                { section_view(section, d.as_deref(), browsed, &state.ticked, &props.on_toggle) }
            }
            if let Some(p) = d.as_ref().and_then(|d| d.pinpoint.as_deref()) {
                { pinpoint_view(p) }
            }
            if let Some(d) = d.as_ref().filter(|d| !d.sent_vs_expected.is_empty()) {
                { sent_expected_view(&d.sent_vs_expected) }
            }
            if let Some(d) = d.as_deref() {
                { candidates(d, state.selected.as_deref(), &props.on_select) }
            }
            if state.selected.is_some() || d.is_some() {
                { share_link(state.selected.as_deref(), d.as_ref().map(|d| d.redacted.as_str()),
                    &state.ticked, Some(&include_paste), &copied) }
            }
            if let Some(d) = d.as_ref().filter(|d| !d.reply.is_empty()) {
                { reply_view(&d.reply, &copied) }
            }
            if let Some(har) = d.as_ref().and_then(|d| d.sanitized_har.as_deref()) {
                { har_save(har) }
            }
            if let Some(d) = d.as_deref() {
                { support_bundle_view(Bundle { diagnosis: d, ticked: &state.ticked, caller: state.caller,
                    support: props.support.as_deref(), on_caller: &props.on_caller, on_support: &props.on_support, status: &copied }) }
            }
        </>
    }
}

fn no_error_text(status: Option<u16>) -> Html {
    match status {
        Some(s) if s < 400 => html! { <>
            { "The paste shows a successful " }{ s }
            { " response. If something still looks wrong, paste the failing response instead." }
        </> },
        _ => {
            html! { "Nothing in the paste matches a known API error. Paste the whole response (status line, headers and body) or the message your tool showed." }
        }
    }
}
