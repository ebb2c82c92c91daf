//! Component tests for the widget, run by wasm-bindgen-test in headless
//! Chromium (`./x test`). Native `cargo test` skips this file. The engine is
//! plugged in directly instead of through its worker, so these tests see
//! exactly what the components render for the engine's real answers.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use scopestack_troubleshooter::engine::api::respond_widget;
use scopestack_troubleshooter::widget::app::{App, Props};
use scopestack_troubleshooter::widget::backend::Backend;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement, InputEvent, InputEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Wait until `ready` holds, polling between turns of the event loop: the
/// tests wait for what the widget shows, never for a time. The bound only
/// stops a broken widget from hanging the run.
async fn until(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..3000 {
        if ready() {
            return;
        }
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("gave up waiting for {what}");
}

/// Wait for an element matching `selector` under `root`.
async fn wait_for(root: &Element, selector: &str) -> Element {
    until(selector, || find(root, selector).is_some()).await;
    find(root, selector).unwrap()
}

/// Mount a fresh App, with the engine answering inline, in its own element.
async fn mount() -> Element {
    mount_with(scopestack_troubleshooter::widget::config::Config::default()).await
}

async fn mount_with(config: scopestack_troubleshooter::widget::config::Config) -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let backend = Backend::new(|request, reply| reply.emit(respond_widget(request)));
    let config = std::rc::Rc::new(config);
    yew::Renderer::<App>::with_root_and_props(root.clone(), Props { backend, config }).render();
    wait_for(&root, "[data-ready=true]").await;
    root
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

/// Type into the paste box as a user would (value + input event).
async fn paste(root: &Element, text: &str) {
    let area: HtmlTextAreaElement = find(root, "textarea[data-role=paste]")
        .unwrap()
        .dyn_into()
        .unwrap();
    area.set_value(text);
    let init = InputEventInit::new();
    init.set_bubbles(true);
    let event = InputEvent::new_with_event_init_dict("input", &init).unwrap();
    area.dispatch_event(&event).unwrap();
    // Answered: a section, or the word that there is no error.
    wait_for(root, "[data-section], [data-role=no-error]").await;
}

fn state_of(root: &Element, check: &str) -> Option<String> {
    find(root, &format!("[data-check=\"{check}\"]")).and_then(|e| e.get_attribute("data-state"))
}

#[wasm_bindgen_test]
async fn the_app_renders_a_labelled_paste_box() {
    let root = mount().await;
    let paste = find(&root, "textarea[data-role=paste]").expect("the paste box is rendered");
    let id = paste.get_attribute("id").expect("the paste box has an id");
    let label = find(&root, &format!("label[for={id}]")).expect("the paste box has a label");
    assert!(!label.text_content().unwrap_or_default().trim().is_empty());
    assert!(
        find(&root, "[data-ready=true]").is_some(),
        "the root says it is ready"
    );
}

#[wasm_bindgen_test]
async fn a_pasted_expired_token_opens_401_with_the_check_confirmed() {
    let root = mount().await;
    paste(
        &root,
        "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"The access token expired\"\r\nContent-Length: 0\r\n\r\n",
    )
    .await;
    let section = find(&root, "[data-section]").expect("a section is shown");
    assert_eq!(
        section.get_attribute("data-section").as_deref(),
        Some("401-unauthorized")
    );
    assert_eq!(
        state_of(&root, "401-unauthorized/token-expired").as_deref(),
        Some("confirmed")
    );
    // Confirmed items come first.
    let first = find(&root, "[data-check]").unwrap();
    assert_eq!(
        first.get_attribute("data-state").as_deref(),
        Some("confirmed")
    );
}

#[wasm_bindgen_test]
async fn a_success_response_shows_no_error() {
    let root = mount().await;
    paste(
        &root,
        "HTTP/2 200\r\ncontent-type: application/vnd.api+json\r\n\r\n{\"data\": []}",
    )
    .await;
    assert!(find(&root, "[data-role=no-error]").is_some());
    assert!(find(&root, "[data-section]").is_none());
}

#[wasm_bindgen_test]
async fn hostile_paste_stays_text() {
    let root = mount().await;
    paste(
        &root,
        "<img src=x onerror=alert(1)><script>alert(2)</script> 401",
    )
    .await;
    assert!(
        find(&root, "img").is_none(),
        "no element is made from the paste"
    );
    assert!(find(&root, "script").is_none());
}

#[wasm_bindgen_test]
async fn ticking_a_check_persists_and_goes_into_the_share_link() {
    let root = mount().await;
    paste(&root, "{\"errors\":[{\"status\":\"422\",\"title\":\"can't be blank\",\"detail\":\"name - can't be blank\",\"source\":{\"pointer\":\"/data/attributes/name\"}}]}").await;
    let item = find(
        &root,
        "[data-check=\"422-unprocessable-entity/blank-field\"] input[type=checkbox]",
    )
    .expect("the blank-field check has a tick box");
    item.dyn_ref::<HtmlElement>().unwrap().click();
    let stored = || {
        web_sys::window()
            .unwrap()
            .local_storage()
            .unwrap()
            .unwrap()
            .get_item("scopestack-troubleshooter.ticked")
            .unwrap()
            .unwrap_or_default()
    };
    until("the tick to be stored", || {
        stored().contains("422-unprocessable-entity/blank-field")
    })
    .await;
    let stored = stored();
    assert!(
        stored.contains("422-unprocessable-entity/blank-field"),
        "stored: {stored}"
    );
    let link: HtmlInputElement = find(&root, "[data-role=share-link]")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(
        link.value()
            .contains("422-unprocessable-entity%2Fblank-field")
            || link
                .value()
                .contains("422-unprocessable-entity/blank-field"),
        "link: {}",
        link.value()
    );
}

#[wasm_bindgen_test]
async fn the_support_bundle_holds_no_secret() {
    let root = mount().await;
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0LXVzZXItNDIifQ.c2lnbmF0dXJlLXNlY3JldA";
    paste(&root, &format!("> GET /acme/v1/projects HTTP/2\n> Host: api.scopestack.io\n> Authorization: Bearer {token}\n> Accept: application/vnd.api+json\n>\n< HTTP/2 401\n< www-authenticate: Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"The access token is invalid\"\n<\n")).await;
    let bundle = find(&root, "[data-role=support-bundle]").expect("the support bundle is shown");
    let text = bundle.text_content().unwrap_or_default();
    assert!(
        text.contains("api.scopestack.io"),
        "the endpoint is in the bundle: {text}"
    );
    assert!(!text.contains(token), "the token leaked into the bundle");
    assert!(
        !root.inner_html().contains(token),
        "the token leaked into the page"
    );
}

#[wasm_bindgen_test]
async fn the_link_builder_makes_a_link_to_the_chosen_section() {
    let root = mount().await;
    find(&root, "#ts-tab-reference")
        .unwrap()
        .dyn_ref::<HtmlElement>()
        .unwrap()
        .click();
    let select: web_sys::HtmlSelectElement = wait_for(&root, "#ts-link-section")
        .await
        .dyn_into()
        .unwrap();
    let options: Vec<String> = (0..select.length())
        .filter_map(|i| select.item(i).and_then(|o| o.text_content()))
        .collect();
    let index = options
        .iter()
        .position(|o| o.contains("invalid_grant"))
        .expect("invalid_grant is offered");
    select.set_selected_index(index as i32);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    let link: HtmlInputElement = wait_for(&root, "[data-role=share-link]")
        .await
        .dyn_into()
        .unwrap();
    until("the link to follow the choice", || {
        link.value().ends_with("#oauth-invalid-grant")
    })
    .await;
    assert!(
        link.value().ends_with("#oauth-invalid-grant"),
        "link: {}",
        link.value()
    );
}

#[wasm_bindgen_test]
async fn an_open_sent_before_the_first_render_is_not_lost() {
    // A host may call open() the moment the element is mounted, before Yew
    // has rendered and started listening: the command must wait, not vanish.
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let config = scopestack_troubleshooter::widget::config::Config::default();
    let commands = config.commands.clone();
    let backend = Backend::new(|request, reply| reply.emit(respond_widget(request)));
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        Props {
            backend,
            config: std::rc::Rc::new(config),
        },
    )
    .render();
    commands.open("#invalid_grant".to_string());
    commands.open("#504".to_string());
    // Both arrive, in order: the last one is what shows.
    wait_for(&root, "[data-section='504-gateway-timeout']").await;
}
