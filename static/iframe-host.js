// ScopeStack API Troubleshooter in an iframe — the host page's side:
//
//   <iframe data-scopestack-troubleshooter title="ScopeStack API Troubleshooter"
//     src="https://…/troubleshooter/index.html?embed=1&parent=https://help.example.com"></iframe>
//   <script type="module" src="https://…/troubleshooter/iframe-host.js"></script>
//
// The frame grows with its content, its `diagnosed` and `support-requested`
// events are re-dispatched on the <iframe> element (detail: { section }), and
// `window.ScopeStackTroubleshooter.open({ section, paste })` reaches it.
// Messages are only taken from, and sent to, the frame's own origin.
const frames = [...document.querySelectorAll("iframe[data-scopestack-troubleshooter]")];

window.addEventListener("message", (e) => {
  const frame = frames.find((f) => f.contentWindow === e.source);
  if (!frame || e.origin !== new URL(frame.src, location.href).origin) return;
  const { type, height, section } = e.data ?? {};
  if (type === "scopestack-troubleshooter:height" && Number.isFinite(height)) {
    frame.style.height = `${Math.max(120, Math.ceil(height))}px`;
  } else if (type === "scopestack-troubleshooter:diagnosed" || type === "scopestack-troubleshooter:support-requested") {
    const name = type.slice("scopestack-troubleshooter:".length);
    frame.dispatchEvent(new CustomEvent(name, { bubbles: true, detail: { section: typeof section === "string" ? section : null } }));
  }
});

const pending = window.ScopeStackTroubleshooter?.q ?? [];
window.ScopeStackTroubleshooter = {
  open({ section, paste, target } = {}) {
    const frame = target ?? frames[0];
    if (!frame) return Promise.reject(new Error("no troubleshooter iframe on this page"));
    frame.contentWindow.postMessage({ type: "scopestack-troubleshooter:open", section, paste }, new URL(frame.src, location.href).origin);
    return Promise.resolve();
  },
};
for (const what of pending) window.ScopeStackTroubleshooter.open(what);
