// Demo script for chat.html: troubleshooter links in the agent's messages
// open the troubleshooter embedded in the chat panel instead of leaving the
// page. The section (and a masked paste, for links copied from the share
// box) is read from the link's fragment and handed to the host API, which
// queues the call if embed.js is still loading.
window.ScopeStackTroubleshooter ??= { q: [], open(o) { this.q.push(o); } };

const tool = document.querySelector(".chat-tool");

/** `#invalid_grant`, `#401-unauthorized` or `#s=<id>&t=…&p=<masked paste>`. */
function target(link) {
  const fragment = new URL(link.href).hash.slice(1);
  if (!fragment) return null;
  if (!fragment.includes("=")) return { section: decodeURIComponent(fragment) };
  const params = new URLSearchParams(fragment);
  const what = {};
  if (params.get("s")) what.section = params.get("s");
  if (params.get("p")) what.paste = params.get("p");
  return what.section || what.paste ? what : null;
}

document.addEventListener("click", (e) => {
  const link = e.target.closest?.("a[data-troubleshooter-link]");
  if (!link || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
  const what = target(link);
  if (!what) return;
  e.preventDefault();
  tool.hidden = false;
  window.ScopeStackTroubleshooter.open(what);
  tool.scrollIntoView({ block: "start" });
});

// A reply box that only shows what was typed, for the demo's sake.
document.querySelector(".chat-compose").addEventListener("submit", (e) => {
  e.preventDefault();
  const input = document.getElementById("chat-input");
  const text = input.value.trim();
  if (!text) return;
  const li = document.createElement("li");
  li.className = "chat-msg chat-user";
  const who = document.createElement("p");
  who.className = "chat-who";
  who.textContent = "You";
  const body = document.createElement("p");
  body.textContent = text;
  li.append(who, body);
  document.querySelector(".chat-log").append(li);
  input.value = "";
});
