//! The checklist: each check with its state in words (never colour alone),
//! the evidence that set it, the fix, and a box to tick once tried.

use yew::prelude::*;

use super::rich_text::rich_text;
use crate::engine::{CheckState, ChecklistItem};

/// What the evidence said something about comes first, in the engine's
/// order; the checks it said nothing about are folded behind one click, so
/// a confirmed check is not lost under a wall of "Not known yet" (unless
/// nothing is known, as for a section opened by a link: then all show).
/// A plain function, not a component: it holds no state of its own, and
/// every component costs the first load its own share of Yew's machinery.
pub fn checklist(
    items: &[&ChecklistItem],
    ticked: &[String],
    on_toggle: &Callback<String>,
) -> Html {
    let row = |item: &ChecklistItem| row(item, ticked.contains(&item.id), on_toggle);
    let (flagged, unknown): (Vec<&ChecklistItem>, Vec<&ChecklistItem>) = items
        .iter()
        .copied()
        .partition(|i| i.state != CheckState::Unknown);
    // Nothing known: every check is open, none folded.
    let (open, folded) = if flagged.is_empty() {
        (unknown, Vec::new())
    } else {
        (flagged, unknown)
    };
    let n = folded.len();
    html! {
        <section class="ts-checklist" aria-label="Checklist">
            <h3>{ "Checklist" }</h3>
            <ol>{ for open.into_iter().map(row) }</ol>
            if n > 0 {
                <details class="ts-more-checks" data-role="unknown-checks">
                    <summary>{ format!("{n} more to try (the paste says nothing about {})", if n == 1 { "it" } else { "them" }) }</summary>
                    <ol>{ for folded.into_iter().map(row) }</ol>
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
