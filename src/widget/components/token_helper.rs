//! The OAuth token helper: `POST /oauth/token` with any of the four grants.
//! The engine says which fields a grant shows, lints the form (confusable
//! characters in the client id, a password grant carrying redirect_uri,
//! missing fields) and builds the request; the answer is shown masked, and
//! its access token can be moved into the request builder without ever
//! being displayed. Until the person types or presses the button, what the
//! form needs is said as hints; a token request after the first is sent
//! with the one before, so the engine can say what the change did.

use std::rc::Rc;
use std::time::Duration;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::engine::api::{LiveRequest as Request, LiveResponse as Response, Previous};
use crate::engine::api_facts::{
    confusable_name, read_access_token, DEFAULT_GRANT, DEFAULT_SCOPE, GRANTS, TOKEN_URL,
};
use crate::engine::live::{refusal, token_fields, HttpRequest, LintFinding, Outcome, TokenRequest};
use crate::live::{send, Sending};
use crate::widget::backend::LiveBackend as Backend;
use crate::widget::components::live_call::{lint_item, LINT_DELAY};
use crate::widget::components::live_panel::{exchange, live_answer, LiveAnswer};
use crate::widget::hooks::use_debounced;

const TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Properties, PartialEq)]
pub struct Props {
    pub backend: Backend,
    pub origins: Rc<Vec<String>>,
    /// Hand an access token to the request builder.
    pub on_token: Callback<String>,
    pub on_answer: Callback<LiveAnswer>,
    /// Ask the widget to open a section ("Why this matters").
    pub on_open: Callback<Option<String>>,
}

#[function_component(TokenHelper)]
pub fn token_helper(props: &Props) -> Html {
    let form = use_state(|| TokenRequest {
        url: TOKEN_URL.into(),
        grant_type: DEFAULT_GRANT.into(),
        client_id: String::new(),
        client_secret: String::new(),
        username: String::new(),
        password: String::new(),
        code: String::new(),
        redirect_uri: String::new(),
        refresh_token: String::new(),
        scope: DEFAULT_SCOPE.into(),
    });
    let findings = use_state(Vec::<LintFinding>::new);
    let confusable = use_state(Vec::<usize>::new);
    let to_send = use_state(|| None::<HttpRequest>);
    let busy = use_state(|| false);
    let result = use_state(|| None::<String>);
    let token = use_state(|| None::<String>);
    // The form the findings and `to_send` were made from: until it is the
    // form on screen, what would be sent is an older request.
    let linted = use_state(|| None::<TokenRequest>);
    // Until the person types or presses the button, what the form needs
    // is a hint, not a problem.
    let touched = use_state(|| false);
    // The last token request sent and what came back, sent with the next.
    let last = use_mut_ref(|| None::<Previous>);

    {
        let findings = findings.clone();
        let confusable = confusable.clone();
        let to_send = to_send.clone();
        let linted = linted.clone();
        let backend = props.backend.clone();
        let allowed = props.origins.to_vec();
        use_debounced((*form).clone(), LINT_DELAY, move |request| {
            let asked = request.clone();
            let reply = Callback::from(move |r: Response| {
                if let Response::LintToken {
                    findings: f,
                    confusable: c,
                    request,
                } = r
                {
                    findings.set(f);
                    confusable.set(c);
                    to_send.set(Some(request));
                    linted.set(Some(asked.clone()));
                }
            });
            backend.send(Request::LintToken { request, allowed }, reply);
        });
    }

    let field = |name: &str, secret: bool| {
        let Some((id, label)) = label_of(name) else {
            return html! {};
        };
        let value = form.get(name).to_string();
        let form = form.clone();
        let touched = touched.clone();
        let name = name.to_string();
        let oninput = Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let mut f = (*form).clone();
                f.set(&name, input.value());
                form.set(f);
                touched.set(true);
            }
        });
        html! {
            <p class="ts-field">
                <label for={id}>{ label }</label>
                <input {id} type={if secret { "password" } else { "text" }} autocomplete="off" spellcheck="false"
                    {value} {oninput} />
            </p>
        }
    };
    let on_grant = {
        let form = form.clone();
        let touched = touched.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                if let Some(g) = GRANTS.get(select.selected_index().max(0) as usize) {
                    let mut f = (*form).clone();
                    f.grant_type = g.to_string();
                    form.set(f);
                    touched.set(true);
                }
            }
        })
    };
    // The engine's word on whether the token URL may be called; `send`
    // asks again.
    let refused = to_send
        .as_ref()
        .and_then(|r| refusal(&r.url, &props.origins));
    let allowed = to_send.is_some() && refused.is_none();
    let current = linted.as_ref() == Some(&*form);
    let on_send = {
        let to_send = to_send.clone();
        let busy = busy.clone();
        let result = result.clone();
        let token = token.clone();
        let backend = props.backend.clone();
        let on_answer = props.on_answer.clone();
        let origins = props.origins.clone();
        let touched = touched.clone();
        let last = last.clone();
        Callback::from(move |_| {
            // Pressing the button is the person asking what is wrong.
            touched.set(true);
            let Some(request) = (*to_send).clone() else {
                return;
            };
            if *busy || !allowed || !current {
                return;
            }
            busy.set(true);
            let busy = busy.clone();
            let result = result.clone();
            let token = token.clone();
            let backend = backend.clone();
            let on_answer = on_answer.clone();
            let origins = origins.clone();
            let last = last.clone();
            spawn_local(async move {
                let outcome = send(&request, &origins, TIMEOUT, &Sending::new()).await;
                busy.set(false);
                if let Outcome::Response(r) = &outcome {
                    token.set(read_access_token(&r.body));
                }
                let result = result.clone();
                let reply = Callback::from(move |r: Response| {
                    if let Response::Diagnosis {
                        diagnosis,
                        sections,
                        verification,
                        ..
                    } = r
                    {
                        // The engine's transcript, with every token masked.
                        result.set(Some(diagnosis.redacted.clone()));
                        on_answer.emit(live_answer(diagnosis, sections, verification));
                    }
                });
                backend.send(exchange(&last, request, outcome, None), reply);
            });
        })
    };
    let use_token = {
        let token = token.clone();
        let on_token = props.on_token.clone();
        Callback::from(move |_| {
            if let Some(t) = &*token {
                on_token.emit(t.clone());
            }
        })
    };
    let g = form.grant_type.as_str();
    let shown = token_fields(g);
    let readback = html! {
        if !confusable.is_empty() {
            <p class="ts-readback" data-role="client-id-readback">
                { "Read it back: " }
                { for form.client_id.chars().enumerate().map(|(i, c)| {
                    if confusable.contains(&i) {
                        html! { <mark title={confusable_name(c)}>{ c }</mark> }
                    } else {
                        html! { { c } }
                    }
                }) }
                <span class="ts-help">{ " — marked characters are easy to confuse: " }
                    { confusable.iter().filter_map(|i| form.client_id.chars().nth(*i)).map(confusable_name).collect::<Vec<_>>().join(", ") }
                </span>
            </p>
        }
    };
    html! {
        <section class="ts-token" data-role="token-helper" aria-labelledby="ts-token-title">
            <h2 id="ts-token-title">{ "Get a token (POST /oauth/token)" }</h2>
            <p class="ts-field">
                <label for="ts-token-grant">{ "Grant type" }</label>
                <select id="ts-token-grant" onchange={on_grant}>
                    { for GRANTS.iter().map(|x| html! { <option selected={*x == g}>{ *x }</option> }) }
                </select>
            </p>
            { field("url", false) }
            { for shown.iter().map(|f| html! {
                <>
                    { field(f.name, f.secret) }
                    if f.name == "client_id" { { readback.clone() } }
                </>
            }) }
            <section class="ts-lint" aria-label="Checks before requesting a token" aria-live="polite" data-role="token-lint"
                data-current={current.to_string()}>
                if findings.is_empty() {
                    <p class="ts-ok">{ "No problems spotted in this token request." }</p>
                } else {
                    <ul>
                        { for findings.iter().map(|f| lint_item(f, &props.on_open, !*touched)) }
                    </ul>
                }
            </section>
            <p class="ts-actions">
                <button type="button" data-role="send-token" onclick={on_send} disabled={*busy || !allowed || !current}
                    title={refused.clone()}>
                    { if *busy { "Requesting…" } else { "Request a token" } }
                </button>
                if token.is_some() {
                    <button type="button" data-role="use-token" onclick={use_token}>{ "Use this access token below" }</button>
                }
            </p>
            if let Some(why) = &refused {
                <p class="ts-notice" role="alert" data-role="send-token-refused">{ why }</p>
            }
            if let Some(text) = &*result {
                <pre class="ts-body" data-role="token-result" tabindex="0" aria-label="Token response, secrets masked">{ text }</pre>
            }
        </section>
    }
}

/// The input's id and label of a token form field, by wire name.
fn label_of(name: &str) -> Option<(&'static str, &'static str)> {
    Some(match name {
        "url" => ("ts-token-url", "Token URL"),
        "client_id" => ("ts-token-client-id", "Client id"),
        "client_secret" => ("ts-token-client-secret", "Client secret"),
        "username" => ("ts-token-username", "User e-mail"),
        "password" => ("ts-token-password", "Password"),
        "code" => ("ts-token-code", "Authorization code"),
        "refresh_token" => ("ts-token-refresh", "Refresh token"),
        "redirect_uri" => (
            "ts-token-redirect",
            "Redirect URI (leave empty unless your flow needs it)",
        ),
        _ => return None,
    })
}
