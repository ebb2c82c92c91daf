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

#[function_component(Checklist)]
pub fn checklist(props: &Props) -> Html {
    html! {
        <section class="ts-checklist" aria-label="Checklist">
            <h3>{ "Checklist" }</h3>
            <ol>
                { for props.items.iter().map(|item| row(item, props.ticked.contains(&item.id), &props.on_toggle)) }
            </ol>
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
