//! Diagnose as the user pastes, with no button: after a short pause in
//! typing, at once for a paste that arrived whole (a link's, the host's, a
//! large one). The engine works in its worker, so the page stays responsive
//! however large the paste; big pastes show that work is under way, and one
//! too large to copy goes to the worker as the browser's string.

use std::rc::Rc;
use std::time::Duration;

use yew::prelude::*;

use crate::engine::api::{WidgetRequest as Request, WidgetResponse as Response};
use crate::widget::backend::WidgetBackend as Backend;
use crate::widget::hooks::use_debounced;
use crate::widget::state::{Action, Answer, State};

/// Typing pause before diagnosing.
const DEBOUNCE: Duration = Duration::from_millis(200);
/// Pastes above this size show progress while the engine works.
const LARGE: usize = crate::engine::api::BESIDE_OVER as usize;

#[hook]
pub fn use_diagnosis(state: &UseReducerHandle<State>, backend: &Backend) {
    let dispatcher = state.dispatcher();
    let backend = backend.clone();
    let paste = state.paste.clone();
    let large = state.large.clone();
    let delay = if state.typed {
        DEBOUNCE
    } else {
        Duration::ZERO
    };
    use_debounced(state.generation, delay, move |generation| {
        if large.is_none() && paste.trim().is_empty() {
            return;
        }
        if large.is_some() || paste.len() > LARGE {
            dispatcher.dispatch(Action::Busy(generation));
        }
        let reply = Callback::from(move |response: Response| match response {
            Response::Diagnosis {
                diagnosis,
                sections,
            } => {
                dispatcher.dispatch(Action::Answered(
                    generation,
                    Rc::new(Answer {
                        diagnosis: Rc::new(diagnosis),
                        sections,
                    }),
                ));
                // After the dispatch: the answer is on its way to the screen.
                crate::widget::browser::mark("scopestack:diagnosed");
            }
            Response::Error { message } => dispatcher.dispatch(Action::Failed(message)),
            _ => {}
        });
        match large {
            Some(large) => backend.send_beside(
                Request::Diagnose {
                    paste: String::new(),
                },
                large.text,
                reply,
            ),
            None => backend.send(
                Request::Diagnose {
                    paste: paste.to_string(),
                },
                reply,
            ),
        }
    });
}
