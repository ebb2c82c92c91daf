//! How the widget was placed on the page, and the options the host gave it:
//! standalone page, custom element (script-tag embed) or iframe. Options come
//! from the host page's markup or its script only — never from a link — so
//! a link can neither add an API origin nor change where events go.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Deserialize;
use yew::Callback;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The full page, with header and footer.
    #[default]
    Standalone,
    /// A `<scopestack-troubleshooter>` element in a host page (shadow DOM).
    Element,
    /// `index.html?embed=1` in an iframe: no page chrome, height posted to
    /// the parent.
    Iframe,
}

/// The options an embedding page may set (attributes, a config object, or
/// the iframe's query string).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    /// Section id or code to open first (`401-unauthorized`, `invalid_grant`).
    pub section: Option<String>,
    /// A paste to diagnose first (redacted by the engine like any link paste).
    pub paste: Option<String>,
    /// Less chrome: no lede, tighter spacing.
    pub compact: bool,
    /// `light`, `dark` or `auto` (the default: follow the system).
    pub theme: Option<String>,
    /// API origins live calls may go to besides ScopeStack's.
    pub allowed_origins: Vec<String>,
    /// Where "contact support" points: a chat URL or an e-mail address.
    pub support: Option<String>,
    /// A knowledge base in the built-in schema, to use instead of it.
    pub kb_url: Option<String>,
}

/// What a host page can tell a mounted widget.
#[derive(Clone, Debug, PartialEq)]
pub enum HostCommand {
    /// Open a fragment (`#401-unauthorized`, `#s=…&p=…`): the host API's `open`.
    Open(String),
    /// The frame's parent (the configured origin) has spoken to it: options
    /// from the frame's own URL that need a real host may now be used.
    ParentSaidHello,
}

/// Commands a host can send to a mounted widget. A host may call `open` as
/// soon as the element is mounted, before the widget's first render has run
/// the effect that listens: those commands wait here, in order, and are
/// delivered when it does, so no early `open` is lost.
#[derive(Clone, Default)]
pub struct Commands(Rc<RefCell<Inbox>>);

#[derive(Default)]
struct Inbox {
    listener: Option<Callback<HostCommand>>,
    waiting: Vec<HostCommand>,
}

impl Commands {
    /// The widget listens. Commands that came before are delivered now.
    pub fn listen(&self, cb: Callback<HostCommand>) {
        let waiting = {
            let mut inbox = self.0.borrow_mut();
            inbox.listener = Some(cb.clone());
            std::mem::take(&mut inbox.waiting)
        };
        for command in waiting {
            cb.emit(command);
        }
    }

    /// Open a fragment (`#401-unauthorized`, `#s=…&p=…`) in the widget.
    pub fn open(&self, fragment: String) {
        self.send(HostCommand::Open(fragment));
    }

    pub fn send(&self, command: HostCommand) {
        let listener = {
            let mut inbox = self.0.borrow_mut();
            match inbox.listener.clone() {
                Some(cb) => Some(cb),
                None => {
                    inbox.waiting.push(command.clone());
                    None
                }
            }
        };
        if let Some(cb) = listener {
            cb.emit(command);
        }
    }
}

impl PartialEq for Commands {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Everything the App needs to know about where it runs.
#[derive(Clone, Default, PartialEq)]
pub struct Config {
    pub mode: Mode,
    pub options: Options,
    /// The element events are dispatched on: the custom element, or the
    /// iframe page's `#app` (whose start-up script relays them).
    pub host: Option<web_sys::Element>,
    pub commands: Commands,
    /// Where the live panel mounts: beside the widget, shown on its tab.
    pub live_mount: Option<web_sys::Element>,
    /// A support contact from the frame's own URL (`?support=`), already
    /// limited to what a URL may set; used only once the parent has said
    /// hello, so the page opened on its own never shows it.
    pub support_after_hello: Option<String>,
}

impl Config {
    /// Origins live calls may go to: ScopeStack's, plus the host's.
    pub fn allowed_origins(&self) -> Vec<String> {
        let mut all: Vec<String> = crate::engine::api_facts::DEFAULT_ORIGINS
            .iter()
            .map(|o| o.to_string())
            .collect();
        for o in self
            .options
            .allowed_origins
            .iter()
            .chain(super::browser::page_allowed_origins().iter())
        {
            let o = o.trim().trim_end_matches('/').to_string();
            if is_origin(&o) && !all.contains(&o) {
                all.push(o);
            }
        }
        all
    }
}

/// The support contact a frame's URL may set, for the frame of `parent`:
/// an e-mail address, or a page on the parent's own origin. Anything else
/// (another site's "chat", a `javascript:` URL) is dropped: the link would
/// show on the widget's domain, vouched for by it.
pub fn support_from_url(value: &str, parent: &str) -> Option<String> {
    let v = value.trim();
    let email = v.strip_prefix("mailto:").unwrap_or(v);
    if is_email(email) {
        return Some(email.to_string());
    }
    let parent = parent.trim_end_matches('/');
    (is_origin(parent)
        && v.strip_prefix(parent)
            .is_some_and(|rest| rest.starts_with('/')))
    .then(|| v.to_string())
}

/// `user@domain.tld` and nothing that could make a `mailto:` link more.
pub fn is_email(s: &str) -> bool {
    s.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty()
            && domain.contains('.')
            && !s.contains(['/', ':', ' ', '?', '#', '"', '\'', '<', '>', '&'])
    })
}

/// `https://host[:port]`, or plain http on loopback only.
pub fn is_origin(o: &str) -> bool {
    let rest = o.strip_prefix("https://").or_else(|| {
        o.strip_prefix("http://")
            .filter(|r| r.starts_with("127.0.0.1") || r.starts_with("localhost"))
    });
    rest.is_some_and(|r| !r.is_empty() && !r.contains(['/', '?', '#', ' ', '"', '\'']))
}

/// The fragment that opens what the options ask for; the engine resolves
/// codes and redacts the paste, as for any link.
pub fn initial_fragment(options: &Options) -> String {
    let section = options
        .section
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    match (section, options.paste.as_deref()) {
        (None, None) => String::new(),
        (Some(s), None) => format!("#{}", crate::engine::link::encode(s)),
        (section, paste) => {
            let mut parts = Vec::new();
            if let Some(s) = section {
                parts.push(format!("s={}", crate::engine::link::encode(s)));
            }
            if let Some(p) = paste {
                parts.push(format!("p={}", crate::engine::link::encode(p)));
            }
            format!("#{}", parts.join("&"))
        }
    }
}
