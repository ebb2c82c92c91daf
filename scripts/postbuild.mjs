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
// 5. The stylesheet is minified (comments and meaningless whitespace go).
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

// The start-up script (shipped without comments: every byte of it is in
// the first load). What it does, in order:
// - starts the engine's worker: first, when the page has a question already
//   (a paste in its fragment, or a frame whose host may `open` with one), so
//   the engine's bytes download and compile while the widget's do; else just
//   after the widget, so the two do not share the CPU while a person waits
//   for the page. The widget takes it, once, from `scopestackEngine()`
//   (src/widget/worker.rs), which says "ready" again for it if the worker
//   already had (that message had no listener); once taken (or asked for
//   before it started), none is started here. If the worker fails before
//   that, the widget starts one of its own and reports why; with no workers
//   at all, the widget says so at the first question;
// - starts the widget (Trunk's start-up, as a file for a strict CSP);
// - in an iframe (?embed=1&parent=ORIGIN): makes the page chrome-less (the
//   footer goes), relays the widget's events and its height to the parent,
//   and takes `open` from it, only with that origin. The first message from
//   a real host at that origin lets what the frame's URL may only set for
//   such a host (a support contact) show; `ready` is posted at the end, as
//   the parent may have been waiting to send `open`.
const boot = `let early = null;
let said = false;
let taken = false;
const engine = () => {
  if (taken || early) return;
  try {
    early = new Worker(new URL("./engine-worker_loader.js", import.meta.url));
    early.addEventListener("message", () => (said = true), { once: true });
    early.addEventListener("error", () => (early = null), { once: true });
  } catch {}
};
globalThis.scopestackEngine = () => {
  taken = true;
  const w = early;
  early = null;
  if (w && said) setTimeout(() => w.dispatchEvent(new MessageEvent("message", { data: "ready" })));
  return w;
};
const params = new URLSearchParams(location.search);
const asked = /[#&]p=/.test(location.hash) || params.get("embed") === "1";
if (asked) engine();
const widget = import("./${widgetJs}").then(async (m) => {
  await m.default({ module_or_path: new URL("./${widgetWasm}", import.meta.url) });
  return m;
});
if (!asked) widget.then(engine, () => {});

const parent = params.get("parent");
const app = document.getElementById("app");
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
  window.addEventListener("message", async (e) => {
    if (e.origin !== parent || e.source !== window.parent) return;
    const { open_widget, parent_said_hello } = await widget;
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
  widget.then(() => post({ type: "scopestack-troubleshooter:ready" }));
}
await widget;
`;
// 5. The stylesheet loses its comments and the whitespace that means
//    nothing (runs of it become one space; none is kept next to { } ;),
//    about 0.6 KB gzip of the first load; its integrity in index.html
//    follows. Safe for this stylesheet: none of its strings holds /* { } ;
//    or a run of spaces (checked below).
const stylesPath = path.join(dist, styles);
const css = fs.readFileSync(stylesPath, "utf8");
const strings = css.replace(/\/\*[\s\S]*?\*\//g, "").match(/"[^"\n]*"|'[^'\n]*'/g) ?? [];
if (strings.some((str) => /\/\*|[{};]|\s\s/.test(str))) {
  console.error("postbuild: a string in the stylesheet holds /*, { } ; or spaces: minify it another way");
  process.exit(1);
}
const minified = css.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\s+/g, " ").replace(/ ?([{};]) ?/g, "$1").trim();
if (minified !== css) {
  fs.writeFileSync(stylesPath, minified);
  const sri = `sha384-${crypto.createHash("sha384").update(minified).digest("base64")}`;
  const link = new RegExp(`(<link rel="stylesheet" href="\\./${styles.replace(/\./g, "\\.")}" integrity=")[^"]*"`);
  if (!link.test(html)) {
    console.error("postbuild: the stylesheet's <link> was not found in index.html");
    process.exit(1);
  }
  html = html.replace(link, `$1${sri}"`);
}

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
// Whole-line comments stay in static/embed.js, for whoever reads it there:
// the copy every host page loads goes without them.
const embed = template
  .replace(/^\s*\/\/.*\n/gm, "")
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
