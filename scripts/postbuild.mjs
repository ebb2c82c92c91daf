// After `trunk build`: make the site run under a strict CSP and embeddable.
// 1. Trunk starts the app with an inline <script type="module">, which
//    `script-src 'self'` forbids: it is moved to a hashed file of its own.
// 2. embed.js — the one script a host page includes — is written from
//    static/embed.js with the hashed asset names filled in, so it can keep a
//    stable name while everything it loads is cached forever.
// 3. static/demo/ is copied to <dist>/demo/.
// 4. index.html gets its own strict Content-Security-Policy (scripts/csp.mjs),
//    whose connect-src is exactly the origins given with --origins (the
//    engine's, from `diagnose --origins`): a second wall behind the widget's
//    own check that a token goes nowhere else.
// Usage: node scripts/postbuild.mjs <dist-dir> --origins "ORIGIN ..."
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { withPolicy } from "./csp.mjs";

const dist = process.argv[2] ?? "dist";
const originsAt = process.argv.indexOf("--origins");
const origins = originsAt > 0 ? (process.argv[originsAt + 1] ?? "").split(/\s+/).filter(Boolean) : [];
if (origins.length === 0 || !origins.every((o) => /^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(o))) {
  console.error(`postbuild: --origins must list the https API origins (got ${JSON.stringify(origins)})`);
  process.exit(1);
}
const indexPath = path.join(dist, "index.html");
let html = fs.readFileSync(indexPath, "utf8");

const files = fs.readdirSync(dist);
const find = (re, what) => {
  const hit = files.find((f) => re.test(f));
  if (!hit) {
    console.error(`postbuild: no ${what} in ${dist}`);
    process.exit(1);
  }
  return hit;
};
const widgetJs = find(/^scopestack-troubleshooter-[0-9a-f]+\.js$/, "widget JS");
const widgetWasm = find(/^scopestack-troubleshooter-[0-9a-f]+_bg\.wasm$/, "widget wasm");
const styles = find(/^styles-[0-9a-f]+\.css$/, "stylesheet");

const boot = `// Starts the widget on this page (Trunk's start-up, as a file for a strict CSP).
import init, { open_widget, parent_said_hello } from "./${widgetJs}";
await init({ module_or_path: new URL("./${widgetWasm}", import.meta.url) });

// In an iframe (?embed=1&parent=ORIGIN): relay the widget's events and its
// height to the parent, and take \`open\` from it — only with that origin.
const params = new URLSearchParams(location.search);
const parent = params.get("parent");
const app = document.getElementById("app");
// Chrome-less in a frame: the page's footer goes.
if (params.get("embed") === "1") {
  document.documentElement.classList.add("ts-embedded");
  document.querySelector(".ts-footer")?.remove();
}
if (params.get("embed") === "1" && app && window.parent !== window && /^https?:\\/\\/[^/?#\\s]+$/.test(parent ?? "")) {
  const post = (message) => window.parent.postMessage(message, parent);
  for (const name of ["diagnosed", "support-requested"]) {
    app.addEventListener(name, (e) => post({ type: \`scopestack-troubleshooter:\${name}\`, section: e.detail?.section ?? null }));
  }
  const height = () => post({ type: "scopestack-troubleshooter:height", height: Math.ceil(app.getBoundingClientRect().height) });
  new ResizeObserver(height).observe(app);
  let greeted = false;
  window.addEventListener("message", (e) => {
    if (e.origin !== parent || e.source !== window.parent) return;
    // A real host at the configured origin: what the frame's URL may only
    // set for such a host (a support contact) can now show.
    if (!greeted) {
      greeted = true;
      parent_said_hello(0);
    }
    if (e.data?.type === "scopestack-troubleshooter:ping") {
      post({ type: "scopestack-troubleshooter:ready" });
      return;
    }
    if (e.data?.type !== "scopestack-troubleshooter:open") return;
    const section = typeof e.data.section === "string" ? e.data.section : undefined;
    const paste = typeof e.data.paste === "string" ? e.data.paste : undefined;
    open_widget(0, JSON.stringify({ section, paste }));
  });
  // The parent may have been waiting to send \`open\`: it can now.
  post({ type: "scopestack-troubleshooter:ready" });
}
`;
const hash = crypto.createHash("sha256").update(boot).digest("hex").slice(0, 16);
const bootName = `boot-${hash}.js`;
fs.writeFileSync(path.join(dist, bootName), boot);

// Trunk's inline start-up, or the boot script of an earlier run of this step.
const start = /<script type="module">[\s\S]*?<\/script>|<script type="module" src="\.\/boot-[0-9a-f]+\.js"><\/script>/;
if (start.test(html)) {
  html = html.replace(start, `<script type="module" src="./${bootName}"></script>`);
} else {
  console.error("postbuild: Trunk's start-up script was not found in index.html");
  process.exit(1);
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html) || /\sstyle="/.test(html)) {
  console.error("postbuild: index.html still has inline script or style");
  process.exit(1);
}
html = withPolicy(html, origins);
fs.writeFileSync(indexPath, html);

const template = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), "..", "static", "embed.js"), "utf8");
const embed = template
  .replaceAll("__WIDGET_JS__", widgetJs)
  .replaceAll("__WIDGET_WASM__", widgetWasm)
  .replaceAll("__STYLES__", styles);
fs.writeFileSync(path.join(dist, "embed.js"), embed);
fs.copyFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), "..", "static", "iframe-host.js"), path.join(dist, "iframe-host.js"));
// 3. The demo host pages (a help-center article, an iframe host, a support
//    chat panel) go along, so every way of embedding can be tried — and
//    tested — on the built site itself, from any origin or sub-path.
const demo = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "static", "demo");
fs.rmSync(path.join(dist, "demo"), { recursive: true, force: true });
fs.cpSync(demo, path.join(dist, "demo"), { recursive: true });
console.log(`postbuild: ${bootName} replaces the inline start-up; embed.js written; demo/ copied`);
