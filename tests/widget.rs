//! Component tests for the widget, run by wasm-bindgen-test in headless
//! Chromium (`./x test`). Native `cargo test` skips this file.
#![cfg(target_arch = "wasm32")]

use scopestack_troubleshooter::widget::App;
use std::time::Duration;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// Mount a fresh App in its own element and let Yew render.
async fn mount() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::platform::time::sleep(Duration::from_millis(50)).await;
    root
}

#[wasm_bindgen_test]
async fn the_app_renders_a_labelled_paste_box() {
    let root = mount().await;
    let paste = root
        .query_selector("textarea[data-role=paste]")
        .unwrap()
        .expect("the paste box is rendered");
    let id = paste.get_attribute("id").expect("the paste box has an id");
    let label = root
        .query_selector(&format!("label[for={id}]"))
        .unwrap()
        .expect("the paste box has a label");
    assert!(!label.text_content().unwrap_or_default().trim().is_empty());
    let ready = root.query_selector("[data-ready=true]").unwrap();
    assert!(ready.is_some(), "the root says it is ready");
}
