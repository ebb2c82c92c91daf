//! The checklist: each check with its state in words (never colour alone),
//! the evidence that set it, the fix, and a box to tick once tried.

use std::rc::Rc;

use yew::prelude::*;

use super::rich_text::rich_text;
use crate::engine::{CheckState, ChecklistItem};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub items: Rc<Vec<ChecklistItem>>,
    pub ticked: Vec<String>,
    pub on_toggle: Callback<String>,
}

/// What the evidence said something about comes first, in the engine's
/// order; the checks it said nothing about are folded behind one click, so
/// a confirmed check is not lost under a wall of "Not known yet" (unless
/// nothing is known, as for a section opened by a link: then all show).
#[function_component(Checklist)]
pub fn checklist(props: &Props) -> Html {
    let row = |item: &ChecklistItem| row(item, props.ticked.contains(&item.id), &props.on_toggle);
    let (flagged, unknown): (Vec<&ChecklistItem>, Vec<&ChecklistItem>) = props
        .items
        .iter()
        .partition(|i| i.state != CheckState::Unknown);
    if flagged.is_empty() {
        return html! {
            <section class="ts-checklist" aria-label="Checklist">
                <h3>{ "Checklist" }</h3>
                <ol>{ for unknown.into_iter().map(row) }</ol>
            </section>
        };
    }
    html! {
        <section class="ts-checklist" aria-label="Checklist">
            <h3>{ "Checklist" }</h3>
            <ol>{ for flagged.into_iter().map(row) }</ol>
            if !unknown.is_empty() {
                <details class="ts-more-checks" data-role="unknown-checks">
                    <summary>{ format!("{} more to try (the paste says nothing about {})", unknown.len(), if unknown.len() == 1 { "it" } else { "them" }) }</summary>
                    <ol>{ for unknown.into_iter().map(row) }</ol>
                </details>
            }
        </section>
    }
}

fn row(item: &ChecklistItem, ticked: bool, on_toggle: &Callback<String>) -> Html {
    let onchange = {
        let on_toggle = on_toggle.clone();
        let id = item.id.clone();
        Callback::from(move |_: Event| on_toggle.emit(id.clone()))
    };
    let box_id = format!("ts-tick-{}", item.id.replace('/', "--"));
    let state_class = format!("ts-state ts-state-{}", item.state.as_str());
    let icon = match item.state {
        CheckState::Confirmed => "●",
        CheckState::Likely => "◐",
        CheckState::Unknown => "○",
        CheckState::RuledOut => "✕",
    };
    html! {
        <li class={classes!("ts-check", ticked.then_some("ts-ticked"))}
            data-check={item.id.clone()} data-state={item.state.as_str()}>
            <div class="ts-check-head">
                <input type="checkbox" id={box_id.clone()} checked={ticked} {onchange} />
                <label for={box_id}>{ rich_text(&item.check) }</label>
                <span class={state_class}><span aria-hidden="true">{ icon }</span>{ " " }{ item.state.label() }</span>
            </div>
            if let Some(why) = &item.why {
                <p class="ts-why">{ why }</p>
            }
            <p class="ts-fix"><strong>{ "Fix: " }</strong>{ rich_text(&item.solution) }</p>
        </li>
    }
}
