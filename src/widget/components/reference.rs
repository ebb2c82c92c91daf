//! The quick reference: every status and OAuth error without pasting
//! anything, searchable by code, word or message text. The engine does the
//! searching; this renders its list.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::widget::components::share_link::share_link;
use crate::widget::state::Results;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub query: String,
    pub results: Option<Rc<Results>>,
    pub on_query: Callback<String>,
    pub on_open: Callback<Option<String>>,
}

#[function_component(Reference)]
pub fn reference(props: &Props) -> Html {
    let oninput = {
        let on_query = props.on_query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                on_query.emit(input.value());
            }
        })
    };
    // The link builder for support agents: a section, and a link to it.
    let linked = use_state(|| None::<String>);
    let copied = use_state(|| ("", ""));
    let on_pick = {
        let linked = linked.clone();
        let ids: Vec<String> = props
            .results
            .as_ref()
            .map(|r| r.sections.iter().map(|s| s.id.clone()).collect())
            .unwrap_or_default();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                linked.set(ids.get(select.selected_index().max(0) as usize).cloned());
            }
        })
    };
    let status = match &props.results {
        Some(r) if r.query.trim().is_empty() => format!("All {} sections", r.total),
        Some(r) => format!(
            "{} of {} sections match “{}”",
            r.sections.len(),
            r.total,
            r.query.trim()
        ),
        None => "Loading the sections…".to_string(),
    };
    html! {
        <section class="ts-reference" data-role="reference" aria-labelledby="ts-reference-title">
            <h2 id="ts-reference-title">{ "Every API error at a glance" }</h2>
            <label for="ts-search">{ "Search by code, word or message" }</label>
            <input id="ts-search" type="search" data-role="search" value={props.query.clone()}
                placeholder="e.g. 422, invalid_grant, can't be blank" {oninput} />
            <p class="ts-status" role="status" aria-live="polite">{ status }</p>
            if let Some(r) = &props.results {
                <details class="ts-link-builder" data-role="link-builder">
                    <summary>{ "Make a link for a support chat" }</summary>
                    <p class="ts-field">
                        <label for="ts-link-section">{ "Section to open" }</label>
                        <select id="ts-link-section" onchange={on_pick}>
                            { for r.sections.iter().map(|s| html! {
                                <option selected={linked.as_deref() == Some(s.id.as_str())}>{ format!("{} — {}", s.code, s.title) }</option>
                            }) }
                        </select>
                    </p>
                    { share_link(linked.as_deref().or_else(|| r.sections.first().map(|s| s.id.as_str())),
                        None, &[], None, &copied) }
                    <p class="ts-help">{ "To send an error with the link, paste it on the Diagnose tab and tick “Include my paste” there: secrets are masked first." }</p>
                </details>
                <table class="ts-table">
                    <caption class="ts-visually-hidden">{ "Sections of the API Error Codes article" }</caption>
                    <thead><tr><th scope="col">{ "Code" }</th><th scope="col">{ "Section" }</th><th scope="col">{ "Category" }</th></tr></thead>
                    <tbody>
                        { for r.sections.iter().map(|s| {
                            let onclick = {
                                let on_open = props.on_open.clone();
                                let id = s.id.clone();
                                Callback::from(move |_| on_open.emit(Some(id.clone())))
                            };
                            html! {
                                <tr data-reference-section={s.id.clone()}>
                                    <td class="ts-code-cell">{ &s.code }</td>
                                    <td><button type="button" class="ts-link-button" {onclick}>{ &s.title }</button></td>
                                    <td>{ &s.category }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
