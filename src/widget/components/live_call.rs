//! The request builder: run the failing call from the page with your own
//! token. The engine builds the request from the fields, says which fields
//! the method shows and whether the URL may be sent, lints it as it is
//! typed, and judges (and masks) what comes back; this component only
//! gathers the fields, sends, and shows. After a failed call it offers
//! "Send again" with the engine's fixes, and each call after the first is
//! sent with the one before, so the engine can say what the change did.

use std::rc::Rc;
use std::time::Duration;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::engine::api::{LiveRequest as Request, LiveResponse as Response, Previous};
use crate::engine::api_facts::{read_me, MEDIA_TYPE, METHODS, ME_PATH, PRESETS};
use crate::engine::live::{
    account_matters, build, call_fields, corrected, me_request, preset_of, refusal, CallForm,
    HttpRequest, LintFinding, Outcome, Severity, Shown,
};
use crate::live::{send, send_keeping, Sending};
use crate::widget::backend::LiveBackend as Backend;
use crate::widget::browser::copy_text;
use crate::widget::components::live_panel::{exchange, live_answer, LiveAnswer};
use crate::widget::components::response_view::ResponseView;
use crate::widget::hooks::use_debounced;

/// The typing pause before the engine lints what was typed.
pub const LINT_DELAY: Duration = Duration::from_millis(150);
/// How long a call may take before it is stopped, unless the user says.
const DEFAULT_TIMEOUT_SECONDS: &str = "30";

#[derive(Clone, PartialEq)]
struct Form {
    /// Everything but the token, which the panel holds.
    call: CallForm,
    timeout: String,
}

impl Form {
    /// The timeout the user set, within 1 s to 5 min.
    fn timeout(&self) -> Duration {
        let secs = self.timeout.trim().parse::<u64>().unwrap_or(30);
        Duration::from_secs(secs.clamp(1, 300))
    }

    /// The form with the panel's token.
    fn with_token(&self, token: &str) -> CallForm {
        CallForm {
            token: token.to_string(),
            ..self.call.clone()
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub backend: Backend,
    /// Origins requests may go to: ScopeStack's, plus what the page allows.
    pub origins: Rc<Vec<String>>,
    pub token: AttrValue,
    pub on_token: Callback<String>,
    pub on_answer: Callback<LiveAnswer>,
    pub on_open: Callback<Option<String>>,
}

/// Show the option at `index` of the select behind `node`: the shown
/// option follows the state even after the person picked one (an option's
/// `selected` attribute no longer moves a select once it was used).
fn show_option(node: &NodeRef, index: usize) {
    if let Some(select) = node.cast::<HtmlSelectElement>() {
        if select.selected_index() != index as i32 {
            select.set_selected_index(index as i32);
        }
    }
}

#[function_component(LiveCall)]
pub fn live_call(props: &Props) -> Html {
    let form = use_state(|| Form {
        call: CallForm {
            origin: props.origins.first().cloned().unwrap_or_default(),
            method: "GET".into(),
            path: ME_PATH.into(),
            accept: MEDIA_TYPE.into(),
            content_type: MEDIA_TYPE.into(),
            ..CallForm::default()
        },
        timeout: DEFAULT_TIMEOUT_SECONDS.into(),
    });
    let findings = use_state(Vec::<LintFinding>::new);
    // The request the findings are about: the lint is current when it is
    // the request on screen (`data-current`, which page tests wait for).
    let linted = use_state(|| None::<HttpRequest>);
    let curl = use_state(String::new);
    let sending = use_state(|| None::<Sending>);
    let shown = use_state(|| None::<Shown>);
    let whoami = use_state(|| None::<String>);
    let status = use_state(String::new);
    // Until the person types or sends, what the form needs is a hint.
    let touched = use_state(|| false);
    // The last call sent and what came back, sent along with the next one.
    let last = use_mut_ref(|| None::<Previous>);
    // The engine's fixes for the last call, when it failed.
    let fixes = use_state(Vec::<LintFinding>::new);
    let origin_ref = use_node_ref();
    let method_ref = use_node_ref();
    let preset_ref = use_node_ref();

    let call = form.with_token(&props.token);
    let request = build(&call);
    let fields = call_fields(&call);
    // `GET /v1/me` with the same token and host: whose token is this?
    let me = me_request(&call);
    // The engine's word on whether each URL may leave; `send` asks again.
    let refused = refusal(&request.url, &props.origins);
    let me_refused = refusal(&me.url, &props.origins);
    // Lint as the user types, after a short pause.
    {
        let findings = findings.clone();
        let curl = curl.clone();
        let linted = linted.clone();
        let backend = props.backend.clone();
        let allowed = props.origins.to_vec();
        use_debounced(request.clone(), LINT_DELAY, move |request| {
            let asked = request.clone();
            let reply = Callback::from(move |r: Response| {
                if let Response::Lint {
                    findings: f,
                    curl: c,
                } = r
                {
                    findings.set(f);
                    curl.set(c);
                    linted.set(Some(asked.clone()));
                }
            });
            backend.send(Request::Lint { request, allowed }, reply);
        });
    }

    // The shown option of each select follows the form.
    {
        let origin = props.origins.iter().position(|o| *o == form.call.origin);
        let method = METHODS.iter().position(|m| *m == form.call.method);
        let preset = preset_of(&form.call).map_or(0, |i| i + 1);
        let (o, m, p) = (origin_ref.clone(), method_ref.clone(), preset_ref.clone());
        use_effect(move || {
            origin.into_iter().for_each(|i| show_option(&o, i));
            method.into_iter().for_each(|i| show_option(&m, i));
            show_option(&p, preset);
        });
    }

    let set = |apply: fn(&mut Form, String)| {
        let form = form.clone();
        let touched = touched.clone();
        Callback::from(move |value: String| {
            let mut f = (*form).clone();
            apply(&mut f, value);
            form.set(f);
            touched.set(true);
        })
    };
    let timeout = form.timeout();
    let has_token = !props.token.is_empty();
    // Send `request` (with `me`, the same token's GET /v1/me), and ask the
    // engine to judge it together with the call before.
    let start = {
        let sending = sending.clone();
        let shown = shown.clone();
        let backend = props.backend.clone();
        let on_answer = props.on_answer.clone();
        let allowed = props.origins.clone();
        let touched = touched.clone();
        let last = last.clone();
        let fixes = fixes.clone();
        Rc::new(move |request: HttpRequest, me: HttpRequest| {
            if sending.is_some() || refusal(&request.url, &allowed).is_some() {
                return;
            }
            touched.set(true);
            let handle = Sending::new();
            sending.set(Some(handle.clone()));
            shown.set(None);
            fixes.set(Vec::new());
            let sending = sending.clone();
            let shown = shown.clone();
            let backend = backend.clone();
            let on_answer = on_answer.clone();
            let allowed = allowed.clone();
            let last = last.clone();
            let fixes = fixes.clone();
            spawn_local(async move {
                // A large body stays the browser's string, for the worker.
                let (result, body) = send_keeping(&request, &allowed, timeout, &handle).await;
                sending.set(None);
                // Some answers read differently when we know whose token
                // this is (the engine says which): ask /v1/me, as the
                // article advises.
                let ask = has_token && account_matters(&result);
                let token_account = match Some(me).filter(|_| ask) {
                    Some(me) => match send(&me, &allowed, timeout, &Sending::new()).await {
                        Outcome::Response(r) if r.status == 200 => read_me(&r.body).account_slug,
                        _ => None,
                    },
                    None => None,
                };
                let reply = Callback::from(move |r: Response| {
                    if let Response::Diagnosis {
                        diagnosis,
                        sections,
                        shown: s,
                        fixes: f,
                        verification,
                    } = r
                    {
                        shown.set(Some(s));
                        fixes.set(f);
                        on_answer.emit(live_answer(diagnosis, sections, verification));
                    }
                });
                let question = exchange(&last, request, result, token_account);
                match body {
                    Some(body) => backend.send_beside(question, body, reply),
                    None => backend.send(question, reply),
                }
            });
        })
    };
    let on_send = {
        let start = start.clone();
        let (request, me) = (request.clone(), me.clone());
        Callback::from(move |_| start(request.clone(), me.clone()))
    };
    // The same call with the engine's fixes put in, and what they change.
    let again = corrected(&form.call, &fixes);
    let on_again = {
        let form = form.clone();
        let again = again.clone();
        let token = props.token.to_string();
        Callback::from(move |_| {
            if let Some((call, _)) = &again {
                let mut f = (*form).clone();
                f.call = call.clone();
                let with = f.with_token(&token);
                form.set(f);
                start(build(&with), me_request(&with));
            }
        })
    };
    let on_cancel = {
        let sending = sending.clone();
        Callback::from(move |_| {
            if let Some(s) = &*sending {
                s.cancel();
            }
        })
    };
    let on_whoami = {
        let request = me.clone();
        let whoami = whoami.clone();
        let allowed = props.origins.clone();
        let refused = me_refused.is_some();
        Callback::from(move |_| {
            if refused {
                return;
            }
            let request = request.clone();
            let whoami = whoami.clone();
            let allowed = allowed.clone();
            whoami.set(Some("Asking /v1/me…".into()));
            spawn_local(async move {
                let text = match send(&request, &allowed, timeout, &Sending::new()).await {
                    Outcome::Response(r) if r.status == 200 => {
                        let me = read_me(&r.body);
                        let field = |f: Option<String>| f.unwrap_or_else(|| "?".into());
                        format!(
                            "This token belongs to {} ({}), account slug “{}”.",
                            field(me.name),
                            field(me.email),
                            field(me.account_slug)
                        )
                    }
                    Outcome::Response(r) => format!(
                        "/v1/me answered {} {}: run it as the call above to see why.",
                        r.status, r.status_text
                    ),
                    Outcome::Failure { message, .. } => message,
                };
                whoami.set(Some(text));
            });
        })
    };
    let on_preset = {
        let form = form.clone();
        let touched = touched.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                let index = select.selected_index();
                if index <= 0 {
                    return;
                }
                if let Some(preset) = PRESETS.get(index as usize - 1) {
                    let mut f = (*form).clone();
                    f.call.method = preset.method.to_string();
                    f.call.path = preset.path.to_string();
                    f.call.body = preset.body.to_string();
                    form.set(f);
                    touched.set(true);
                }
            }
        })
    };
    let copy_curl = {
        let curl = curl.clone();
        let status = status.clone();
        Callback::from(move |_| {
            let curl = (*curl).clone();
            let status = status.clone();
            spawn_local(async move {
                status.set(if copy_text(&curl).await {
                    "Copied. Set SCOPESTACK_TOKEN in your terminal, run it, and paste the output into the Diagnose tab.".into()
                } else {
                    "Copying was blocked by the browser: select the command and copy it.".into()
                });
            });
        })
    };
    let f = &form.call;
    let on_token_input = {
        let on_token = props.on_token.clone();
        let touched = touched.clone();
        Callback::from(move |t: String| {
            touched.set(true);
            on_token.emit(t);
        })
    };
    let preset_shown = preset_of(f);

    html! {
        <section class="ts-live" data-role="live-call" aria-labelledby="ts-live-title">
            <h2 id="ts-live-title">{ "Run the call from here" }</h2>
            <p class="ts-help">{ "Your token stays in this page and goes only to the API host you pick." }</p>
            <div class="ts-grid">
                { select_field("ts-live-origin", "Environment", &props.origins, &f.origin, set(|f, v| f.call.origin = v), &origin_ref) }
                { text_field("ts-live-slug", "Account slug", &f.slug, "e.g. acme", set(|f, v| f.call.slug = v)) }
                { select_field("ts-live-method", "Method", &METHODS.iter().map(|m| m.to_string()).collect::<Vec<_>>(), &f.method, set(|f, v| f.call.method = v), &method_ref) }
                <p class="ts-field">
                    <label for="ts-live-preset">{ "Common calls" }</label>
                    <select id="ts-live-preset" onchange={on_preset} ref={preset_ref}>
                        <option selected={preset_shown.is_none()}>{ "Choose a call…" }</option>
                        { for PRESETS.iter().enumerate().map(|(i, p)| html! { <option selected={preset_shown == Some(i)}>{ p.label }</option> }) }
                    </select>
                </p>
            </div>
            { text_field("ts-live-path", "Path and query ({slug} is replaced)", &f.path, "/{slug}/v1/projects", set(|f, v| f.call.path = v)) }
            <p class="ts-field">
                <label for="ts-live-token">{ "Access token" }</label>
                <input id="ts-live-token" type="password" autocomplete="off" spellcheck="false"
                    value={props.token.clone()} placeholder="the access_token value alone"
                    oninput={input_value(on_token_input)} />
            </p>
            <div class="ts-grid">
                { text_field("ts-live-accept", "Accept", &f.accept, MEDIA_TYPE, set(|f, v| f.call.accept = v)) }
                if fields.content_type {
                    { text_field("ts-live-content-type", "Content-Type", &f.content_type, MEDIA_TYPE, set(|f, v| f.call.content_type = v)) }
                }
                { text_field("ts-live-timeout", "Timeout (seconds)", &form.timeout, DEFAULT_TIMEOUT_SECONDS, set(|f, v| f.timeout = v)) }
            </div>
            if fields.body {
                <p class="ts-field">
                    <label for="ts-live-body">{ "JSON body" }</label>
                    <textarea id="ts-live-body" rows="6" spellcheck="false" value={f.body.clone()}
                        oninput={area_value(set(|f, v| f.call.body = v))} />
                </p>
            }
            <section class="ts-lint" aria-label="Checks before sending the request" aria-live="polite" data-role="lint"
                data-current={(linted.as_ref() == Some(&request)).to_string()}>
                if findings.is_empty() {
                    <p class="ts-ok">{ "No problems spotted in this request." }</p>
                } else {
                    <ul>
                        { for findings.iter().map(|f| lint_item(f, &props.on_open, !*touched)) }
                    </ul>
                }
            </section>
            if let Some(why) = &refused {
                <p class="ts-notice" role="alert" data-role="send-refused">{ why }</p>
            }
            <p class="ts-actions">
                if sending.is_some() {
                    <button type="button" data-role="cancel" onclick={on_cancel}>{ "Cancel" }</button>
                    <span role="status">{ " Sending…" }</span>
                } else {
                    <button type="button" data-role="send" onclick={on_send} disabled={refused.is_some()}
                        title={refused.clone()}>{ "Send request" }</button>
                }
                <button type="button" data-role="whoami" onclick={on_whoami} disabled={me_refused.is_some()}
                    title={me_refused.clone()}>{ "Check my token (GET /v1/me)" }</button>
                <button type="button" data-role="copy-curl" onclick={copy_curl}>{ "Copy as curl" }</button>
            </p>
            if let (Some((_, changes)), None) = (&again, &*sending) {
                <p class="ts-actions" data-role="fix-offer">
                    <button type="button" data-role="send-again" onclick={on_again}>{ "Send again with the fix" }</button>
                    <span class="ts-hint" data-role="fix-changes">{ format!(" {}", changes.join("; ")) }</span>
                </p>
            }
            if let Some(w) = &*whoami {
                <p data-role="whoami-result" role="status">{ w }</p>
            }
            <p class="ts-status" role="status" aria-live="polite">{ (*status).clone() }</p>
            <details class="ts-curl">
                <summary>{ "The same request as a curl command" }</summary>
                <pre data-role="curl" tabindex="0">{ (*curl).clone() }</pre>
            </details>
            if let Some(s) = &*shown {
                <ResponseView shown={s.clone()} />
            }
        </section>
    }
}

/// One finding; on a form not touched yet, a finding with a hint (a field
/// not filled in) is said as that hint, not as a problem.
pub fn lint_item(f: &LintFinding, on_open: &Callback<Option<String>>, untouched: bool) -> Html {
    if let Some(hint) = f.hint.as_ref().filter(|_| untouched) {
        return html! {
            <li class="ts-finding ts-hint" data-lint={f.id.clone()} data-hint="true">{ hint }</li>
        };
    }
    let word = match f.severity {
        Severity::Error => "Problem",
        Severity::Warning => "Check",
    };
    let open = f
        .check
        .as_ref()
        .and_then(|c| c.split_once('/'))
        .map(|(section, _)| {
            let on_open = on_open.clone();
            let section = section.to_string();
            Callback::from(move |_| on_open.emit(Some(section.clone())))
        });
    html! {
        <li class={classes!("ts-finding", format!("ts-finding-{word}").to_lowercase())} data-lint={f.id.clone()}>
            <strong>{ format!("{word}: ") }</strong>{ &f.message }
            if let Some(onclick) = open {
                { " " }<button type="button" class="ts-link-button" {onclick}>{ "Why this matters" }</button>
            }
        </li>
    }
}

fn input_value(cb: Callback<String>) -> Callback<InputEvent> {
    Callback::from(move |e: InputEvent| {
        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            cb.emit(input.value());
        }
    })
}

fn area_value(cb: Callback<String>) -> Callback<InputEvent> {
    Callback::from(move |e: InputEvent| {
        if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
            cb.emit(area.value());
        }
    })
}

pub fn text_field(
    id: &str,
    label: &str,
    value: &str,
    placeholder: &str,
    cb: Callback<String>,
) -> Html {
    html! {
        <p class="ts-field">
            <label for={id.to_string()}>{ label.to_string() }</label>
            <input id={id.to_string()} type="text" spellcheck="false" autocomplete="off"
                value={value.to_string()} placeholder={placeholder.to_string()} oninput={input_value(cb)} />
        </p>
    }
}

pub fn select_field(
    id: &str,
    label: &str,
    options: &[String],
    value: &str,
    cb: Callback<String>,
    node: &NodeRef,
) -> Html {
    let onchange = {
        let options = options.to_vec();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                if let Some(v) = options.get(select.selected_index().max(0) as usize) {
                    cb.emit(v.clone());
                }
            }
        })
    };
    html! {
        <p class="ts-field">
            <label for={id.to_string()}>{ label.to_string() }</label>
            <select id={id.to_string()} {onchange} ref={node.clone()}>
                { for options.iter().map(|o| html! { <option selected={o == value}>{ o }</option> }) }
            </select>
        </p>
    }
}
