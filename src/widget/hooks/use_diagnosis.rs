//! Diagnose as the user pastes, with no button: after a short pause in
//! typing, and with a visible "working" state before a large paste is
//! worked on, so the page never looks frozen.

use std::rc::Rc;
use std::time::Duration;

use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

use crate::engine::diagnose;
use crate::widget::state::{Action, State};

/// Typing pause before diagnosing.
const DEBOUNCE: Duration = Duration::from_millis(200);
/// Pastes above this size show progress first.
const LARGE: usize = 256 * 1024;

/// Re-diagnose whenever the paste changes and then settles.
#[hook]
pub fn use_diagnosis(state: &UseReducerHandle<State>) {
    let dispatcher = state.dispatcher();
    use_effect_with(state.paste.clone(), move |paste| {
        let cancelled = Rc::new(std::cell::Cell::new(false));
        if !paste.trim().is_empty() {
            let paste = paste.clone();
            let cancelled = cancelled.clone();
            spawn_local(async move {
                sleep(DEBOUNCE).await;
                if cancelled.get() {
                    return;
                }
                if paste.len() > LARGE {
                    dispatcher.dispatch(Action::Busy);
                    // Let the "working" notice paint before the engine runs.
                    sleep(Duration::from_millis(16)).await;
                    if cancelled.get() {
                        return;
                    }
                }
                let d = Rc::new(diagnose(&paste));
                dispatcher.dispatch(Action::Diagnosed(paste, d));
            });
        }
        move || cancelled.set(true)
    });
}
