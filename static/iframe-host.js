// ScopeStack API Troubleshooter in an iframe — the host page's side:
//
//   <iframe data-scopestack-troubleshooter title="ScopeStack API Troubleshooter" allow="clipboard-write"
//     src="https://…/troubleshooter/index.html?embed=1&parent=https://help.example.com"></iframe>
//   <script type="module" src="https://…/troubleshooter/iframe-host.js"></script>
//
// The frame grows with its content, its `diagnosed` and `support-requested`
// events are re-dispatched on the <iframe> element (detail: { section }), and
// `window.ScopeStackTroubleshooter.open({ section, paste })` reaches it — held
// until the frame says it is ready. Messages are only taken from, and sent
// to, the frame's own origin.
const frames = [...document.querySelectorAll("iframe[data-scopestack-troubleshooter]")];
const originOf = (frame) => new URL(frame.src, location.href).origin;
// Per frame: null once ready, else the `open` calls waiting for it.
const waiting = new Map(frames.map((f) => [f, []]));

const send = (frame, message) => frame.contentWindow?.postMessage(message, originOf(frame));

window.addEventListener("message", (e) => {
  const frame = frames.find((f) => f.contentWindow === e.source);
  if (!frame || e.origin !== originOf(frame)) return;
  const { type, height, section } = e.data ?? {};
  if (type === "scopestack-troubleshooter:ready") {
    const queued = waiting.get(frame) ?? [];
    waiting.set(frame, null);
    for (const message of queued) send(frame, message);
  } else if (type === "scopestack-troubleshooter:height" && Number.isFinite(height)) {
    frame.style.height = `${Math.max(120, Math.ceil(height))}px`;
  } else if (type === "scopestack-troubleshooter:diagnosed" || type === "scopestack-troubleshooter:support-requested") {
    const name = type.slice("scopestack-troubleshooter:".length);
    frame.dispatchEvent(new CustomEvent(name, { bubbles: true, detail: { section: typeof section === "string" ? section : null } }));
  }
});

// A frame that loaded before this script ran has already said "ready": ask again.
for (const frame of frames) {
  send(frame, { type: "scopestack-troubleshooter:ping" });
  frame.addEventListener("load", () => send(frame, { type: "scopestack-troubleshooter:ping" }));
}

const pending = window.ScopeStackTroubleshooter?.q ?? [];
window.ScopeStackTroubleshooter = {
  open({ section, paste, target } = {}) {
    const frame = target ?? frames[0];
    if (!frame) return Promise.reject(new Error("no troubleshooter iframe on this page"));
    const message = { type: "scopestack-troubleshooter:open", section, paste };
    const queue = waiting.get(frame);
    if (queue) queue.push(message);
    else send(frame, message);
    return Promise.resolve();
  },
};
for (const what of pending) window.ScopeStackTroubleshooter.open(what);
