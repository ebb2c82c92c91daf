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
// to, the frame's own origin. Frames added to the page later (a help center
// that renders its article after load) are taken in as they appear.
const SELECTOR = "iframe[data-scopestack-troubleshooter]";
const frames = () => [...document.querySelectorAll(SELECTOR)];
const originOf = (frame) => new URL(frame.src, location.href).origin;
// Per frame: absent or an array while the frame has not said it is ready
// (the `open` calls waiting for it), null once it has.
const waiting = new WeakMap();

const send = (frame, message) => frame.contentWindow?.postMessage(message, originOf(frame));

window.addEventListener("message", (e) => {
  const frame = frames().find((f) => f.contentWindow === e.source);
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

// Say hello to a frame: one that loaded before this script ran has already
// said "ready" to nobody, so it is asked again; a frame that (re)loads
// starts over and is asked when it has.
const adopted = new WeakSet();
function adopt(frame) {
  if (adopted.has(frame)) return;
  adopted.add(frame);
  send(frame, { type: "scopestack-troubleshooter:ping" });
  frame.addEventListener("load", () => {
    if (waiting.get(frame) === null) waiting.set(frame, []);
    send(frame, { type: "scopestack-troubleshooter:ping" });
  });
}
frames().forEach(adopt);
new MutationObserver(() => frames().forEach(adopt)).observe(document.documentElement, { childList: true, subtree: true });

const pending = window.ScopeStackTroubleshooter?.q ?? [];
window.ScopeStackTroubleshooter = {
  open({ section, paste, target } = {}) {
    const frame = target ?? frames()[0];
    if (!frame) return Promise.reject(new Error("no troubleshooter iframe on this page"));
    adopt(frame);
    const message = { type: "scopestack-troubleshooter:open", section, paste };
    const queue = waiting.get(frame);
    if (queue === null) send(frame, message);
    else waiting.set(frame, [...(queue ?? []), message]);
    return Promise.resolve();
  },
};
for (const what of pending) window.ScopeStackTroubleshooter.open(what);
