//! The answer for a paste: the section on screen with its checklist, the
//! other candidates, what was masked, and the ways to pass it on.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::engine::bundle::Client;
use crate::engine::Diagnosis;
use crate::widget::components::candidates::Candidates;
use crate::widget::components::section_view::SectionView;
use crate::widget::components::share_link::ShareLink;
use crate::widget::components::support_bundle::SupportBundle;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub diagnosis: Option<Rc<Diagnosis>>,
    pub selected: Option<String>,
    pub paste: String,
    pub ticked: BTreeSet<String>,
    pub client: Client,
    pub on_toggle: Callback<String>,
    pub on_select: Callback<Option<String>>,
    pub on_client: Callback<Client>,
    pub on_reference: Callback<()>,
}

#[function_component(DiagnosisView)]
pub fn diagnosis_view(props: &Props) -> Html {
    let d = props.diagnosis.clone();
    let no_error = d.as_ref().is_some_and(|d| d.primary.is_none());
    let browse = {
        let cb = props.on_reference.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <>
            if let Some(d) = d.as_ref().filter(|_| no_error && props.selected.is_none()) {
                <section class="ts-no-error" data-role="no-error">
                    <h2>{ "No API error found" }</h2>
                    <p>{ no_error_text(d) }</p>
                    <p>
                        <button type="button" class="ts-link-button" onclick={browse}>
                            { "Browse every error in the quick reference" }
                        </button>
                    </p>
                </section>
            }
            if let Some(note) = d.as_ref().and_then(|d| d.redaction_summary.clone()) {
                <p class="ts-redaction" role="note">{ format!("For your safety: {note}. Masked values never leave this page.") }</p>
            }
            if let Some(id) = props.selected.clone() {
                <SectionView id={id} diagnosis={d.clone()} ticked={props.ticked.clone()} on_toggle={props.on_toggle.clone()} />
            }
            if let Some(d) = d.clone() {
                <Candidates diagnosis={d} selected={props.selected.clone()} on_select={props.on_select.clone()} />
            }
            if props.selected.is_some() || d.is_some() {
                <ShareLink section={props.selected.clone()} paste={props.paste.clone()} ticked={props.ticked.clone()} />
            }
            if let Some(d) = d {
                <SupportBundle diagnosis={d} ticked={props.ticked.clone()} client={props.client} on_client={props.on_client.clone()} />
            }
        </>
    }
}

fn no_error_text(d: &Diagnosis) -> String {
    match d.facts.status {
        Some(s) if s < 400 => format!(
            "The paste shows a successful {s} response. If something still looks wrong, paste the failing response instead."
        ),
        _ => "Nothing in the paste matches a known API error. Paste the whole response (status line, headers and body) or the message your tool showed.".to_string(),
    }
}
