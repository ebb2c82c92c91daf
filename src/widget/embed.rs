//! Placing the widget on a page: the standalone page's `#app`, any number of
//! `<scopestack-troubleshooter>` elements (mounted by `static/embed.js`
//! through the exports in `main.rs`), or an iframe (`?embed=1`). All widgets
//! on a page share one engine worker. An entry point: `main.rs` calls it,
//! nothing of the widget imports it.

use std::cell::RefCell;

use web_sys::Element;

use super::app::{App, Props};
use super::backend::WidgetBackend;
use super::browser::asset_url;
use super::config::{
    initial_fragment, support_from_url, Commands, Config, HostCommand, Mode, Options,
};
use super::worker::worker_backend;

thread_local! {
    static BACKEND: RefCell<Option<WidgetBackend>> = const { RefCell::new(None) };
    static MOUNTED: RefCell<Vec<Commands>> = const { RefCell::new(Vec::new()) };
}

/// The page's one engine worker, started on the first question (or, on the
/// standalone page, by its start-up script, and taken at once).
fn backend() -> WidgetBackend {
    BACKEND.with(|b| {
        b.borrow_mut()
            .get_or_insert_with(|| worker_backend(asset_url("engine-worker_loader.js")))
            .clone()
    })
}

fn render(root: Element, mut config: Config) -> u32 {
    let commands = config.commands.clone();
    // The widget and the live panel are two Yew apps (two modules). Yew
    // tells apps apart by ids each module numbers from 1, so one app nested
    // in the other would also receive its events: they are siblings.
    let app_root = root.clone();
    if let Some(document) = root.owner_document() {
        if let (Ok(app), Ok(live)) = (
            document.create_element("div"),
            document.create_element("div"),
        ) {
            app.set_class_name("ts-app-root");
            live.set_class_name("ts-live-host");
            let _ = live.set_attribute("hidden", "");
            // A landmark, named by its tab: it sits beside the app's <main>,
            // not in it, and every part of a page belongs to a landmark.
            // The live panel inside it is the tab's panel.
            let _ = live.set_attribute("role", "region");
            let _ = live.set_attribute("aria-labelledby", "ts-tab-live");
            let _ = live.set_attribute("data-allowed-origins", &config.allowed_origins().join(" "));
            let theme = match config.options.theme.as_deref() {
                Some("dark") => "ts-theme-dark",
                Some("light") => "ts-theme-light",
                _ => "",
            };
            let _ = live.set_attribute("data-theme", theme);
            if root.append_child(&app).is_ok() && root.append_child(&live).is_ok() {
                config.live_mount = Some(live);
                return mount_app(app, config, commands);
            }
        }
    }
    mount_app(app_root, config, commands)
}

fn mount_app(root: Element, config: Config, commands: Commands) -> u32 {
    let props = Props {
        backend: backend(),
        config: std::rc::Rc::new(config),
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
    MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        m.push(commands);
        m.len() as u32 - 1
    })
}

/// The standalone page (or the iframe): mount on `#app` if the page has one.
pub fn start() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(root) = window.document().and_then(|d| d.get_element_by_id("app")) else {
        return;
    };
    let query = window.location().search().unwrap_or_default();
    let param = |name: &str| {
        query
            .trim_start_matches('?')
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| crate::engine::link::decode(v))
    };
    let mut config = Config::default();
    if param("embed").as_deref() == Some("1") {
        config.mode = Mode::Iframe;
        // Only options that cannot widen what the widget may do: no origins,
        // no knowledge base URL from a query string.
        config.options = Options {
            section: param("section"),
            compact: param("compact").as_deref() == Some("1"),
            theme: param("theme"),
            ..Options::default()
        };
        // A support contact only for a real host, and only of a kind a URL
        // may set (see `support_from_url`).
        config.support_after_hello = param("support")
            .zip(param("parent"))
            .and_then(|(s, parent)| support_from_url(&s, &parent));
        // The page's start-up script relays this element's events to the
        // parent, when the parent origin is configured.
        config.host = Some(root.clone());
    }
    // The page's start-up script has started the engine's worker already:
    // take it now, so it is this widget's and nothing starts another.
    backend().send(
        crate::engine::api::WidgetRequest::Warm,
        yew::Callback::from(|_| ()),
    );
    render(root, config);
}

/// Mount a widget for a custom element: `mount` is inside its shadow root,
/// `host` the element itself (events are dispatched on it).
pub fn mount(mount: Element, host: Element, options: &str) -> u32 {
    let options: Options = serde_json::from_str(options).unwrap_or_default();
    render(
        mount,
        Config {
            mode: Mode::Element,
            options,
            host: Some(host),
            ..Config::default()
        },
    )
}

/// Open a section and/or a paste in a mounted widget (the host API's `open`).
pub fn open(handle: u32, options: &str) {
    let options: Options = serde_json::from_str(options).unwrap_or_default();
    let commands = MOUNTED.with(|m| m.borrow().get(handle as usize).cloned());
    if let Some(commands) = commands {
        commands.open(initial_fragment(&options));
    }
}

/// The frame's parent has spoken (the start-up script calls this on its
/// first message from the configured parent origin).
pub fn parent_said_hello(handle: u32) {
    let commands = MOUNTED.with(|m| m.borrow().get(handle as usize).cloned());
    if let Some(commands) = commands {
        commands.send(HostCommand::ParentSaidHello);
    }
}
