//! The engine's views that do not come from a paste: a section opened from
//! the reference or a link (every check unknown), and the reference list for
//! the current search.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::api::{WidgetRequest as Request, WidgetResponse as Response};
use crate::widget::backend::WidgetBackend as Backend;
use crate::widget::state::{Action, Browsed, Results, State, View};

#[hook]
pub fn use_engine_views(state: &UseReducerHandle<State>, backend: &Backend) {
    // A section on screen whose text the answer does not carry.
    let missing = state
        .selected
        .clone()
        .filter(|id| state.section_info(id).is_none());
    {
        let dispatcher = state.dispatcher();
        let backend = backend.clone();
        use_effect_with(missing, move |missing| {
            if let Some(id) = missing.clone() {
                let reply = Callback::from(move |response: Response| match response {
                    Response::Section { section, checklist } => dispatcher
                        .dispatch(Action::Browsed(Rc::new(Browsed { section, checklist }))),
                    Response::Error { message } => dispatcher.dispatch(Action::Failed(message)),
                    _ => {}
                });
                backend.send(Request::Section { id }, reply);
            }
        });
    }
    let wanted = (state.view == View::Reference).then(|| state.query.clone());
    {
        let dispatcher = state.dispatcher();
        let backend = backend.clone();
        use_effect_with(wanted, move |wanted| {
            if let Some(query) = wanted.clone() {
                let asked = query.clone();
                let reply = Callback::from(move |response: Response| match response {
                    Response::Search { results, total } => {
                        dispatcher.dispatch(Action::Searched(Rc::new(Results {
                            query: asked.clone(),
                            sections: results,
                            total,
                        })))
                    }
                    Response::Error { message } => dispatcher.dispatch(Action::Failed(message)),
                    _ => {}
                });
                backend.send(Request::Search { query }, reply);
            }
        });
    }
}
