//! The few browser services the widget uses — storage, the URL fragment, the
//! clipboard — behind small functions that never panic: a page without
//! storage (private mode, a sandboxed iframe) still works, it just forgets.

use wasm_bindgen::JsValue;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn local_get(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

pub fn local_set(key: &str, value: &str) {
    if let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(key, value);
    }
}

fn session() -> Option<web_sys::Storage> {
    window()?.session_storage().ok()?
}

pub fn session_get(key: &str) -> Option<String> {
    session()?.get_item(key).ok()?
}

pub fn session_set(key: &str, value: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(key, value);
    }
}

pub fn session_remove(key: &str) {
    if let Some(s) = session() {
        let _ = s.remove_item(key);
    }
}

/// Extra API origins the hosting page allows, from
/// `<meta name="scopestack-troubleshooter:allowed-origins" content="…">`
/// (space-separated). Only the page's own markup can add one: never a link,
/// a fragment or a paste.
pub fn page_allowed_origins() -> Vec<String> {
    let content = window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name='scopestack-troubleshooter:allowed-origins']")
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
    content
        .split_whitespace()
        .filter(|o| {
            o.starts_with("https://")
                || o.starts_with("http://127.0.0.1")
                || o.starts_with("http://localhost")
        })
        .map(|o| o.trim_end_matches('/').to_string())
        .collect()
}

/// The current fragment, with its `#`.
pub fn location_hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// This page's address without its fragment: the base of share links.
pub fn page_url() -> String {
    let href = window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// The base of a share link: this page, except that a link made inside the
/// iframe opens the full page (the frame's `?embed=1&parent=…` is dropped).
pub fn share_base_url() -> String {
    let url = page_url();
    match url.split_once('?') {
        Some((base, query)) if query.split('&').any(|kv| kv == "embed=1") => base.to_string(),
        _ => url,
    }
}

/// Put `fragment` in the address bar without a new history entry or a jump.
pub fn replace_hash(fragment: &str) {
    if let Some(w) = window() {
        if let Ok(history) = w.history() {
            let url = format!("{}{}", page_url(), fragment);
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
        }
    }
}

/// A Performance API mark, so load and diagnosis times can be measured from
/// outside (`./x audit`): `scopestack:interactive`, `scopestack:diagnosed`.
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Copy text to the clipboard; false when the browser refused.
pub async fn copy_text(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let promise = w.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
