//! Ticked checklist items survive a reload: they are kept in local storage
//! (check ids only — nothing from the paste).

use std::collections::BTreeSet;

use yew::prelude::*;

use crate::engine::knowledge_base;
use crate::engine::link::is_check;
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
            let saved: BTreeSet<String> = local_get(KEY)
                .unwrap_or_default()
                .split(',')
                .filter(|id| is_check(knowledge_base(), id))
                .map(str::to_string)
                .collect();
            if !saved.is_empty() {
                dispatcher.dispatch(Action::Link(crate::engine::link::LinkState {
                    ticked: saved.into_iter().collect(),
                    ..Default::default()
                }));
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
