//! Other sections the paste could fit, one click away.

use yew::prelude::*;

use crate::engine::Diagnosis;

/// The candidates besides the one on screen (`selected`, or the primary).
/// A plain function: no state of its own (see `checklist`).
pub fn candidates(
    d: &Diagnosis,
    selected: Option<&str>,
    on_select: &Callback<Option<String>>,
) -> Html {
    // Only the sections not on screen: the one shown is not "also" possible.
    let shown = selected.or(d.primary.as_deref());
    let others: Vec<_> = d
        .sections
        .iter()
        .filter(|s| Some(s.id.as_str()) != shown)
        .collect();
    if others.is_empty() {
        return html! {};
    }
    html! {
        <nav class="ts-candidates" aria-label="Other possible sections">
            <h3>{ "Also possible" }</h3>
            <ul>
                { for others.into_iter().map(|s| {
                    let onclick = {
                        let on_select = on_select.clone();
                        let id = s.id.clone();
                        Callback::from(move |_| on_select.emit(Some(id.clone())))
                    };
                    let primary = d.primary.as_deref() == Some(s.id.as_str());
                    html! {
                        <li>
                            <button type="button" class="ts-link-button" {onclick}>
                                { &s.title }
                                <span class="ts-score">
                                    { " — " }{ strength(s.score) }{ if primary { ", best match" } else { "" } }
                                </span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}

/// A score in words: people read "strong evidence", not 0.87.
fn strength(score: f64) -> &'static str {
    if score >= 0.8 {
        "strong evidence"
    } else if score >= 0.5 {
        "some evidence"
    } else {
        "weak evidence"
    }
}
