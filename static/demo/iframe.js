// Demo host script for iframe.html. A real host writes its own origin into
// the frame's `parent=`; this demo is served from wherever the build is, so
// it fills in its own origin before iframe-host.js (the next module, run
// after this one) looks for frames. It also shows the events the frame sends
// and wires the "Help with …" buttons to ScopeStackTroubleshooter.open.
const frame = document.querySelector("iframe[data-scopestack-troubleshooter]");
const src = new URL(frame.dataset.src, location.href);
src.searchParams.set("parent", location.origin);
frame.src = src.href;

const log = document.querySelector("[data-role=event-log]");
for (const name of ["diagnosed", "support-requested"]) {
  frame.addEventListener(name, (e) => {
    const li = document.createElement("li");
    li.textContent = `${name}: ${e.detail.section ?? "no section"}`;
    log.append(li);
  });
}

for (const button of document.querySelectorAll("[data-open-section]")) {
  button.addEventListener("click", () => window.ScopeStackTroubleshooter.open({ section: button.dataset.openSection }));
}
