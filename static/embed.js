// ScopeStack API Troubleshooter — the one script a help-center page adds:
//
//   <script type="module" src="https://…/troubleshooter/embed.js"></script>
//   <scopestack-troubleshooter section="401-unauthorized"></scopestack-troubleshooter>
//
// Each <scopestack-troubleshooter> (or <div data-scopestack-troubleshooter>)
// becomes an independent widget in its own shadow root, so the page's styles
// and the widget's never meet. Options are attributes (data-* on a div):
// section, paste, compact, theme (light|dark|auto), accent, allowed-origins,
// support, kb-url. Events: `diagnosed` and `support-requested`, with
// `event.detail.section` and nothing else. Host API:
// `window.ScopeStackTroubleshooter.open({ section, paste })`; calls made
// before this script loaded are queued if the page set
// `window.ScopeStackTroubleshooter = { q: [] }` first (see the README).
// Postbuild fills in the hashed file names below.
const base = new URL(".", import.meta.url);
const WIDGET_JS = new URL("__WIDGET_JS__", base).href;
const WIDGET_WASM = new URL("__WIDGET_WASM__", base).href;
const STYLES = new URL("__STYLES__", base).href;

const wasm = import(WIDGET_JS).then(async (m) => {
  await m.default({ module_or_path: WIDGET_WASM });
  return m;
});

const OPTIONS = ["section", "paste", "compact", "theme", "accent", "allowed-origins", "support", "kb-url"];
const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

function readOptions(el) {
  const get = (name) => el.getAttribute(name) ?? el.getAttribute(`data-${name}`);
  const options = {};
  for (const name of OPTIONS) {
    const value = get(name);
    if (value === null) continue;
    if (name === "compact") options.compact = value !== "false";
    else if (name === "allowed-origins") options.allowedOrigins = value.split(/\s+/).filter(Boolean);
    else options[camel(name)] = value;
  }
  return options;
}

class Troubleshooter extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const options = readOptions(this);
    // Custom properties inherit into the shadow root: the accent colour.
    if (options.accent) this.style.setProperty("--ts-host-accent", options.accent);
    const root = this.attachShadow({ mode: "open" });
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = STYLES;
    const mount = document.createElement("div");
    mount.className = "ts-host";
    root.append(link, mount);
    this.ready = wasm.then((m) => (this.handle = m.mount_widget(mount, this, JSON.stringify(options))));
  }

  /** Open a section and/or a paste: `{ section: "invalid_grant", paste: "…" }`. */
  open(what) {
    return (this.ready ?? Promise.reject(new Error("not on the page"))).then(() =>
      wasm.then((m) => m.open_widget(this.handle, JSON.stringify(what ?? {}))),
    );
  }
}

if (!customElements.get("scopestack-troubleshooter")) {
  customElements.define("scopestack-troubleshooter", Troubleshooter);
}

// <div data-scopestack-troubleshooter data-section="…">: the same widget.
for (const div of document.querySelectorAll("div[data-scopestack-troubleshooter]")) {
  const el = document.createElement("scopestack-troubleshooter");
  for (const name of OPTIONS) {
    const value = div.getAttribute(`data-${name}`);
    if (value !== null) el.setAttribute(name, value);
  }
  div.replaceChildren(el);
}

// The host API: open() goes to the first widget on the page (or to the one
// given as `target`); calls queued before this script ran are replayed.
const pending = window.ScopeStackTroubleshooter?.q ?? [];
window.ScopeStackTroubleshooter = {
  open(what = {}) {
    const target = what.target ?? document.querySelector("scopestack-troubleshooter");
    if (!target) return Promise.reject(new Error("no <scopestack-troubleshooter> on this page"));
    return target.open({ section: what.section, paste: what.paste });
  },
};
for (const what of pending) window.ScopeStackTroubleshooter.open(what);
