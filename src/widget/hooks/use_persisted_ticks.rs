//! Ticked checklist items survive a reload: they are kept in local storage
//! (check ids only — nothing from the paste).

use yew::prelude::*;

use crate::widget::browser::{local_get, local_set};
use crate::widget::state::{Action, State};

const KEY: &str = "scopestack-troubleshooter.ticked";

#[hook]
pub fn use_persisted_ticks(state: &UseReducerHandle<State>) {
    let dispatcher = state.dispatcher();
    let loaded = use_mut_ref(|| false);
    {
        let loaded = loaded.clone();
        use_effect_with((), move |_| {
            let saved: Vec<String> = local_get(KEY)
                .unwrap_or_default()
                .split(',')
                .filter(|id| looks_like_check_id(id))
                .map(str::to_string)
                .collect();
            if !saved.is_empty() {
                dispatcher.dispatch(Action::Restore(saved));
            }
            *loaded.borrow_mut() = true;
        });
    }
    use_effect_with(state.ticked.clone(), move |ticked| {
        if *loaded.borrow() {
            let list: Vec<&str> = ticked.iter().map(String::as_str).collect();
            local_set(KEY, &list.join(","));
        }
    });
}

/// Storage is shared with whatever else runs on this origin: keep only what
/// has the shape of a check id (`<section>/<check>`, kebab-case).
fn looks_like_check_id(id: &str) -> bool {
    id.split_once('/').is_some_and(|(a, b)| {
        [a, b].iter().all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
    })
}
