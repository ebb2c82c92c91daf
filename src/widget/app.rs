//! The root component: tabs for diagnosing a paste and for the quick
//! reference, wired to the state, the engine and the browser by hooks.

use std::rc::Rc;

use yew::prelude::*;

use super::backend::WidgetBackend as Backend;
use super::browser::{mark, replace_hash};
use super::components::diagnosis_view::DiagnosisView;
use super::components::paste_box::PasteBox;
use super::components::reference::Reference;
use super::config::{Config, Mode};
use super::hooks::use_host::{notify, SUPPORT_REQUESTED};
use super::hooks::{
    use_diagnosis, use_engine_views, use_fragment, use_host, use_live_panel, use_persisted_ticks,
};
use super::state::{Action, State, View};
use crate::engine::bundle::Client as Caller;
use crate::engine::CheckState;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Where the engine answers: its worker on the page, the engine itself
    /// in tests.
    pub backend: Backend,
    /// Where the widget runs and what its host asked for.
    pub config: Rc<Config>,
}

#[function_component(App)]
pub fn app(props: &Props) -> Html {
    let state = use_reducer(State::default);
    use_diagnosis(&state, &props.backend);
    use_engine_views(&state, &props.backend);
    use_fragment(&state, &props.backend);
    use_persisted_ticks(&state);
    use_live_panel(
        &state,
        state.view == View::Live,
        props.config.live_mount.as_ref(),
    );
    use_host(&state, &props.config, &props.backend);
    // Rendered and listening: the paste box takes input from here on. Then,
    // once the page has settled, load the engine, so the first paste is
    // answered at once and the widget works offline from here on.
    {
        let backend = props.backend.clone();
        use_effect_with((), move |_| {
            mark("scopestack:interactive");
            yew::platform::spawn_local(async move {
                yew::platform::time::sleep(std::time::Duration::from_millis(1500)).await;
                backend.send(
                    crate::engine::api::WidgetRequest::Warm,
                    Callback::from(|_| ()),
                );
            });
        });
    }

    let on_input = {
        let d = state.dispatcher();
        Callback::from(move |text: String| d.dispatch(Action::Paste(text)))
    };
    let on_large = {
        let d = state.dispatcher();
        Callback::from(move |(large, start)| d.dispatch(Action::PasteLarge(large, start)))
    };
    let mode = props.config.mode;
    let on_select = {
        let d = state.dispatcher();
        Callback::from(move |id: Option<String>| {
            // The address bar follows the open section, so a reload or a
            // copied address comes back to it (the fragment holds no paste);
            // a host page's address is not the widget's to change.
            if mode != Mode::Element {
                replace_hash(&id.as_deref().map(|i| format!("#{i}")).unwrap_or_default());
            }
            d.dispatch(Action::Select(id))
        })
    };
    let on_toggle = {
        let d = state.dispatcher();
        Callback::from(move |id: String| d.dispatch(Action::Toggle(id)))
    };
    let on_query = {
        let d = state.dispatcher();
        Callback::from(move |q: String| d.dispatch(Action::Query(q)))
    };
    let on_caller = {
        let d = state.dispatcher();
        Callback::from(move |c: Caller| d.dispatch(Action::Caller(c)))
    };
    let show = |view: View| {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::ShowView(view)))
    };
    let on_support = {
        let config = props.config.clone();
        let section = state.selected.clone();
        Callback::from(move |_: ()| notify(&config, SUPPORT_REQUESTED, section.as_deref()))
    };
    let on_reference = {
        let d = state.dispatcher();
        Callback::from(move |_: ()| d.dispatch(Action::ShowView(View::Reference)))
    };
    let tab = |view: View, label: &str, id: &str| {
        let current = state.view == view;
        html! {
            <button type="button" role="tab" id={id.to_string()} aria-selected={current.to_string()}
                class={classes!("ts-tab", current.then_some("ts-tab-current"))} onclick={show(view)}>
                { label.to_string() }
            </button>
        }
    };

    let options = &props.config.options;
    let theme = match options.theme.as_deref() {
        Some("dark") => Some("ts-theme-dark"),
        Some("light") => Some("ts-theme-light"),
        _ => None,
    };
    let root_class = classes!(
        "troubleshooter",
        match mode {
            Mode::Standalone => "ts-standalone",
            Mode::Element => "ts-element",
            Mode::Iframe => "ts-iframe",
        },
        options.compact.then_some("ts-compact"),
        theme,
    );
    // The page's own title is a heading only on the standalone page; in a
    // host page it must not compete with the article's headings.
    let title = if mode == Mode::Standalone {
        html! { <h1>{ "ScopeStack API Troubleshooter" }</h1> }
    } else {
        html! { <p class="ts-title">{ "ScopeStack API Troubleshooter" }</p> }
    };
    html! {
        <main class={root_class} data-ready="true"
            data-kb={if state.kb_override { "override" } else { "built-in" }}>
            <header class="ts-header">
                { title }
                if !options.compact {
                    <p class="ts-lede">
                        { "Paste an API error and see which part of the API Error Codes article applies, with a checklist of what to fix." }
                    </p>
                }
            </header>
            if let Some(n) = &state.notice {
                <p class="ts-notice" role="status" data-role="notice">{ n }</p>
            }
            <div class="ts-tabs" role="tablist" aria-label="Mode">
                { tab(View::Diagnose, "Diagnose an error", "ts-tab-diagnose") }
                { tab(View::Live, "Run a live call", "ts-tab-live") }
                { tab(View::Reference, "Quick reference", "ts-tab-reference") }
            </div>
            if state.view == View::Reference {
                <div role="tabpanel" aria-labelledby="ts-tab-reference">
                    <Reference query={state.query.clone()} results={state.results.clone()} {on_query} on_open={on_select.clone()} />
                </div>
            } else if state.view == View::Diagnose {
                <div role="tabpanel" aria-labelledby="ts-tab-diagnose">
                    <PasteBox value={state.paste.clone()} large={state.large.as_ref().map(|l| l.len)}
                        {on_input} {on_large} busy={state.busy} />
                    <p class="ts-visually-hidden" aria-live="polite" data-role="announce">{ announcement(&state) }</p>
                    <div class="ts-result" data-role="result">
                        if state.paste.trim().is_empty() && state.selected.is_none() {
                            <p class="ts-hint">{ "The matching section of the article and a checklist will appear here." }</p>
                        }
                        <DiagnosisView answer={state.answer.clone()} selected={state.selected.clone()}
                            browsed={state.browsed.clone()} ticked={state.ticked.clone()}
                            caller={state.caller} error={state.error.clone()}
                            support={state.support.clone().or_else(|| options.support.clone())}
                            {on_toggle} on_select={on_select} {on_caller} {on_reference} {on_support} />
                    </div>
                </div>
            }
        </main>
    }
}

/// One sentence for screen readers when the answer changes.
fn announcement(state: &State) -> String {
    let Some(d) = state.answer.as_ref().map(|a| &a.diagnosis) else {
        return if state.busy {
            "Reading your paste…".into()
        } else {
            String::new()
        };
    };
    match d.primary_section() {
        Some(p) => {
            let confirmed = d
                .checklist
                .iter()
                .filter(|c| c.section == p.id && c.state == CheckState::Confirmed)
                .count();
            format!(
                "Best match: {}. {} check{} confirmed by your paste.",
                p.title,
                confirmed,
                if confirmed == 1 { "" } else { "s" }
            )
        }
        None => "No API error found in the paste.".into(),
    }
}
