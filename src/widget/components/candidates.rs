//! Other sections the paste could fit, one click away.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::Diagnosis;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub diagnosis: Rc<Diagnosis>,
    pub selected: Option<String>,
    pub on_select: Callback<Option<String>>,
}

#[function_component(Candidates)]
pub fn candidates(props: &Props) -> Html {
    if props.diagnosis.sections.len() < 2 {
        return html! {};
    }
    html! {
        <nav class="ts-candidates" aria-label="Other possible sections">
            <h3>{ "Also possible" }</h3>
            <ul>
                { for props.diagnosis.sections.iter().map(|s| {
                    let current = props.selected.as_deref() == Some(s.id.as_str());
                    let onclick = {
                        let on_select = props.on_select.clone();
                        let id = s.id.clone();
                        Callback::from(move |_| on_select.emit(Some(id.clone())))
                    };
                    let primary = props.diagnosis.primary.as_deref() == Some(s.id.as_str());
                    html! {
                        <li>
                            <button type="button" class="ts-link-button" {onclick}
                                aria-current={current.then_some("true")}>
                                { &s.title }
                                <span class="ts-score">
                                    { format!(" — {}{}", strength(s.score), if primary { ", best match" } else { "" }) }
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
