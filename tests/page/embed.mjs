// Page tests of every way the widget is embedded, on the built site in
// Debian's headless Chromium: the <scopestack-troubleshooter> element and
// its <div data-…> form (script tag), the iframe with iframe-host.js, the
// standalone page and its support links, and the demo pages in dist/demo/.
// Host pages are served by a small server of this file's own (per test, on
// fresh loopback ports, so origins and their storage never carry over), which
// can add headers (a strict CSP, CORS), mount the build under a sub-path and
// serve extra files (host pages, knowledge bases). Every page in this run
// reports CSP violations as console errors, so no test passes with one.
// Usage: node embed.mjs <abs-dist-dir>
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launch, run, assert } from "./harness.mjs";
import { mime } from "../../scripts/mime.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const KB_TEXT = fs.readFileSync(path.join(HERE, "..", "..", "static", "kb.json"), "utf8");

const dist = process.argv[2];
if (!dist || !path.isAbsolute(dist)) {
  console.error("usage: node embed.mjs <absolute-dist-dir>");
  process.exit(2);
}
if (!fs.existsSync(path.join(dist, "embed.js")) || !fs.existsSync(path.join(dist, "demo", "help-article.html"))) {
  console.error(`embed.mjs: ${dist} has no embed.js or demo/ (run scripts/postbuild.mjs on it first)`);
  process.exit(2);
}

// A hung browser must not hold the run (or the machine) forever.
const WATCHDOG_MS = 12 * 60 * 1000;
const watchdog = setTimeout(() => {
  console.error(`embed page tests: no end after ${WATCHDOG_MS / 60000} minutes, giving up`);
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

const ENGINE_MS = 30000;

// ---------------------------------------------------------------- pastes ---

// Secrets that must never leave the widget: not in events, messages or links.
const BEARER = "Zx9Qw7Er5Ty3Ui1Op0As8Df6Gh4Jk2LmNb7Vc5Xz3Q";
const CLIENT_SECRET = "ssk-secret-pw-Vq3Zr8Kd2Lm7Tx5Pn9Hc4Wb";
const REFRESH = "rt-Hq8Wm2Kd5Zp9Lx3Tc7Vb1Nf4Gj6Rs0Ye";

const CURL_401 = `* Connected to api.scopestack.io (52.1.2.3) port 443 (#0)
> GET /acme/v1/projects HTTP/2
> Host: api.scopestack.io
> Authorization: Bearer ${BEARER}
> Accept: application/vnd.api+json
>
< HTTP/2 401
< content-type: application/vnd.api+json
< www-authenticate: Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token expired"
< content-length: 0
<
* Connection #0 to host api.scopestack.io left intact`;

const GRANT_WITH_SECRETS = `POST https://app.scopestack.io/oauth/token
400
Request Headers
Authorization: Bearer ${BEARER}
Content-Type: application/x-www-form-urlencoded
User-Agent: PostmanRuntime/7.39.0
Request Body
grant_type=refresh_token&refresh_token=${REFRESH}&client_id=ssk-lO0I1-pw-7dQ2mX9vTb4LcR8nE3aWf6Yh&client_secret=${CLIENT_SECRET}
Response Headers
Content-Type: application/json; charset=utf-8
Response Body
{"error":"invalid_grant","error_description":"The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."}`;

const INVALID_GRANT = `{"error":"invalid_grant","error_description":"The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."}`;

const JSONAPI_422 = JSON.stringify({
  errors: [{ title: "can't be blank", detail: "name - can't be blank", code: "100", source: { pointer: "/data/attributes/name" }, status: "422" }],
});

const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

// --------------------------------------------------------------- servers ---


/**
 * A loopback server: `pages` (path → text, or { body, type, status }) first,
 * then the build under `prefix` (when `build`), else 404. `headers` go on
 * every answer; `cors` adds `Access-Control-Allow-Origin: *`.
 */
async function site({ build = true, prefix = "/", headers = {}, cors = false } = {}) {
  const pages = {};
  const extra = { "cache-control": "no-store", ...headers, ...(cors ? { "access-control-allow-origin": "*" } : {}) };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    // Host pages here have no icon; the browser's request for one is no error.
    if (url.pathname === "/favicon.ico") {
      res.writeHead(204, extra).end();
      return;
    }
    const page = pages[url.pathname];
    if (page !== undefined) {
      const p = typeof page === "string" ? { body: page } : page;
      res.writeHead(p.status ?? 200, { "content-type": p.type ?? mime(url.pathname), ...extra }).end(p.body);
      return;
    }
    if (build && url.pathname.startsWith(prefix)) {
      let file = path.normalize(path.join(dist, decodeURIComponent(url.pathname.slice(prefix.length))));
      if (!file.startsWith(path.resolve(dist))) {
        res.writeHead(403, extra).end();
        return;
      }
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
      fs.readFile(file, (err, data) => {
        if (err) res.writeHead(404, { "content-type": "text/plain", ...extra }).end("not found");
        else res.writeHead(200, { "content-type": mime(file), ...extra }).end(data);
      });
      return;
    }
    res.writeHead(404, { "content-type": "text/plain", ...extra }).end("not found");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const watchdogTimer = setTimeout(() => server.close(), WATCHDOG_MS);
  watchdogTimer.unref();
  return {
    origin,
    pages,
    url: (p) => origin + p,
    close: () => {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Run `fn` with fresh servers made from `specs`, closed afterwards. */
async function withSites(specs, fn) {
  const sites = [];
  try {
    for (const spec of specs) sites.push(await site(spec));
    await fn(...sites);
  } finally {
    for (const s of sites) await s.close();
  }
}

/** A CSP-clean host page: scripts and styles only as files. */
function hostPage({ head = "", body = "", title = "Host page" }) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;
}

// --------------------------------------------------------------- browser ---

const browser = await launch();
// Every page of this run turns a CSP violation into a console error (and
// keeps a list per frame), so the harness's "no console errors" catches it.
await browser.context.addInitScript(() => {
  window.__csp = [];
  window.addEventListener(
    "securitypolicyviolation",
    (e) => {
      const v = `${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber}`;
      window.__csp.push(v);
      console.error(`CSP violation: ${v}`);
    },
    true,
  );
});

/**
 * Open `url` collecting every console message (main page, frames, workers)
 * and page errors; `ready` waits for a widget in the page (not in a frame).
 */
async function visit(url, { ready = false, viewport } = {}) {
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const messages = [];
  const problems = [];
  const note = (m, where) => {
    messages.push({ type: m.type(), text: m.text() });
    if (m.type() === "error") problems.push(`console error${where}: ${m.text()}`);
  };
  page.on("console", (m) => note(m, ""));
  page.on("worker", (w) => w.on("console", (m) => note(m, " (worker)")));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on("dialog", (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await page.goto(url);
  if (ready) await page.waitForSelector("[data-ready=true]", { timeout: ENGINE_MS });
  return { page, messages, problems };
}

/** Every frame's recorded CSP violations (the init script's list). */
async function cspViolations(page) {
  const all = [];
  for (const f of page.frames()) {
    const list = await f.evaluate(() => window.__csp ?? []).catch(() => []);
    all.push(...list.map((v) => `${f.url()}: ${v}`));
  }
  return all;
}

const FRAME = "iframe[data-scopestack-troubleshooter]";

/** The widget's frame (a Frame, for evaluate) once its widget is ready. */
async function widgetFrame(page, selector = FRAME) {
  await page.frameLocator(selector).locator("[data-ready=true]").waitFor({ timeout: ENGINE_MS });
  const handle = await page.$(selector);
  return handle.contentFrame();
}

async function sleep(ms) {
  await new Promise((r) => setTimeout(r, ms));
}

/** Two animation frames of `frame` (a Page or Frame): layout, resize
 * observers and the paint after them have run. A signal, not a time. */
async function frames2(frame) {
  await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/** Wait until the iframe matching `selector` is as tall as its content
 * (the host has applied the frame's last height message). */
async function frameFits(page, selector = FRAME) {
  const frame = await (await page.$(selector)).contentFrame();
  const fits = async () => {
    const outer = await page.locator(selector).evaluate((f) => f.clientHeight);
    const inner = await frame.evaluate(() => Math.ceil(document.getElementById("app").getBoundingClientRect().height));
    return Math.abs(outer - Math.max(120, inner)) <= 2;
  };
  assert(await until(fits), `the frame ${selector} never fitted its content`);
  await frames2(page);
}

/** How many times a widget in `frame` has read a link or fragment (its
 * `scopestack:link-read` Performance mark). */
async function linkReads(frame) {
  return frame.evaluate(() => performance.getEntriesByName("scopestack:link-read").length);
}

/** Poll `fn` until it is truthy; its last value is returned either way. `ms`
 * is only an upper bound for a broken page: a loaded machine is slow, so it
 * is generous, and no result is decided by how long something took. */
async function until(fn, ms = ENGINE_MS) {
  const end = Date.now() + ms;
  let v;
  // An empty list is "not yet": `[]` is truthy in JavaScript, and taking
  // it for an answer made event tests read the list before the event came.
  const done = (x) => (Array.isArray(x) ? x.length > 0 : Boolean(x));
  while (Date.now() < end) {
    v = await fn();
    if (done(v)) return v;
    await sleep(100);
  }
  return fn();
}

function noProblems(problems, what = "") {
  assert(problems.length === 0, `${what}${what ? ": " : ""}${problems.join("\n")}`);
}

function secretFree(text, what) {
  for (const s of [BEARER, CLIENT_SECRET, REFRESH, "hunter2"]) {
    assert(!text.includes(s), `${what} contains the secret ${s}: ${text.slice(0, 400)}`);
    assert(!decodeURIComponentSafe(text).includes(s), `${what} contains the secret ${s} (percent-encoded)`);
  }
}

function decodeURIComponentSafe(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// ------------------------------------------------ the element's host pages ---

// Records the events of every widget on the page (element or iframe) as JSON
// of their detail, for the tests to read back.
const RECORDER_JS = `window.__events = [];
window.__messages = [];
const record = (e) => window.__events.push({ type: e.type, id: e.target.id || e.target.tagName, keys: Object.keys(e.detail ?? {}), detail: JSON.stringify(e.detail) });
for (const el of document.querySelectorAll("scopestack-troubleshooter, iframe[data-scopestack-troubleshooter], div[data-scopestack-troubleshooter]")) {
  el.addEventListener("diagnosed", record);
  el.addEventListener("support-requested", record);
}
window.addEventListener("message", (e) => window.__messages.push(JSON.stringify(e.data)));
`;

// Queued before the widget's script loads, as the README shows.
const QUEUE_JS = `window.ScopeStackTroubleshooter ??= { q: [], open(o) { this.q.push(o); } };
window.ScopeStackTroubleshooter.open({ section: "invalid_grant" });
`;

/** A host page with `body`, embed.js from `widget` (a site or origin+prefix). */
function elementHost(embedSrc, body, { queue = false, css = false } = {}) {
  const head = [
    css ? `<link rel="stylesheet" href="/host.css">` : "",
    queue ? `<script src="/queue.js"></script>` : "",
    `<script type="module" src="${embedSrc}"></script>`,
    `<script type="module" src="/recorder.js"></script>`,
  ].join("");
  return hostPage({ head, body });
}

function iframeHost(widgetBase, parentOrigin, { queue = false, extraBody = "" } = {}) {
  const src = `${widgetBase}index.html?embed=1&parent=${encodeURIComponent(parentOrigin)}`;
  const head = [
    queue ? `<script src="/queue.js"></script>` : "",
    `<script type="module" src="${widgetBase}iframe-host.js"></script>`,
    `<script type="module" src="/recorder.js"></script>`,
  ].join("");
  return hostPage({
    head,
    body: `<h1>Host with a frame</h1><iframe data-scopestack-troubleshooter title="ScopeStack API Troubleshooter" allow="clipboard-write" src="${src}"></iframe>${extraBody}`,
  });
}

function addHostFiles(s) {
  s.pages["/recorder.js"] = RECORDER_JS;
  s.pages["/queue.js"] = QUEUE_JS;
}

/** The sections shown inside one element (by CSS selector of the host element). */
async function sectionsIn(page, host) {
  return page.locator(`${host} [data-section]`).evaluateAll((els) => els.map((e) => e.getAttribute("data-section")));
}

async function waitSection(scope, id, ms = ENGINE_MS) {
  await scope.locator(`[data-section='${id}']`).first().waitFor({ timeout: ms });
}

// ---------------------------------------------------------------- tests ---

const tests = [
  [
    "element embed: <scopestack-troubleshooter> mounts in an open shadow root with its options and diagnoses a paste",
    () =>
      withSites([{}], async (s) => {
        addHostFiles(s);
        s.pages["/host.html"] = elementHost(
          "/embed.js",
          `<h1>Help</h1><scopestack-troubleshooter id="w" compact theme="light" allowed-origins="http://127.0.0.1:9"
             support="help@scopestack.io"></scopestack-troubleshooter>`,
        );
        const { page, problems } = await visit(s.url("/host.html"), { ready: true });
        const shape = await page.evaluate(() => {
          const el = document.getElementById("w");
          const root = el.shadowRoot;
          const main = root?.querySelector("main.troubleshooter");
          return {
            open: !!root,
            classes: main?.className ?? "",
            h1: root?.querySelectorAll("h1").length,
            footer: root?.querySelectorAll("footer").length,
            lede: root?.querySelectorAll(".ts-lede").length,
            lightDomChildren: el.children.length,
            hash: location.hash,
          };
        });
        assert(shape.open, "the element has an open shadow root");
        assert(/\bts-element\b/.test(shape.classes) && /\bts-compact\b/.test(shape.classes) && /\bts-theme-light\b/.test(shape.classes), `classes: ${shape.classes}`);
        assert(shape.h1 === 0 && shape.footer === 0, "no page heading or footer inside a host page");
        assert(shape.lede === 0, "compact: no lede");
        assert(shape.lightDomChildren === 0, "nothing added to the host's light DOM");
        await page.locator("#w textarea[data-role=paste]").fill(CURL_401);
        await waitSection(page.locator("#w"), "401-unauthorized");
        assert((await page.locator("#w [data-check][data-state]").count()) > 0, "a checklist with states");
        const contact = await page.locator("#w [data-role=contact-support]").getAttribute("href");
        assert(contact?.startsWith("mailto:help@scopestack.io"), `support attribute → mailto link: ${contact}`);
        assert((await page.evaluate(() => location.hash)) === shape.hash, "the host page's address is not changed");
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "element embed: the accent attribute colours the widget, whatever its theme (auto, light, dark)",
    () =>
      withSites([{}], async (s) => {
        addHostFiles(s);
        s.pages["/host.html"] = elementHost(
          "/embed.js",
          `<scopestack-troubleshooter id="auto" accent="#b00"></scopestack-troubleshooter>
           <scopestack-troubleshooter id="light" theme="light" accent="#b00"></scopestack-troubleshooter>
           <scopestack-troubleshooter id="dark" theme="dark" accent="#b00"></scopestack-troubleshooter>`,
        );
        const { page, problems } = await visit(s.url("/host.html"), { ready: true });
        for (const id of ["auto", "light", "dark"]) await page.locator(`#${id} [data-ready=true]`).waitFor({ timeout: ENGINE_MS });
        const accents = await page.evaluate(() =>
          Object.fromEntries(
            ["auto", "light", "dark"].map((id) => {
              const main = document.getElementById(id).shadowRoot.querySelector("main.troubleshooter");
              return [id, getComputedStyle(main).getPropertyValue("--ts-accent").trim()];
            }),
          ),
        );
        const wrong = Object.entries(accents).filter(([, v]) => v !== "#b00");
        assert(wrong.length === 0, `--ts-accent should be the attribute's #b00: ${JSON.stringify(accents)}`);
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "element embed: <div data-scopestack-troubleshooter data-section> becomes a widget opened at its section, and diagnoses",
    () =>
      withSites([{}], async (s) => {
        addHostFiles(s);
        s.pages["/host.html"] = elementHost("/embed.js", `<div id="d" data-scopestack-troubleshooter data-section="403" data-compact></div>`);
        const { page, problems } = await visit(s.url("/host.html"), { ready: true });
        const inner = await page.evaluate(() => {
          const el = document.querySelector("#d > scopestack-troubleshooter");
          return { tag: !!el, shadow: !!el?.shadowRoot, compact: !!el?.shadowRoot?.querySelector(".ts-compact") };
        });
        assert(inner.tag && inner.shadow && inner.compact, `the div holds a compact element widget: ${JSON.stringify(inner)}`);
        await waitSection(page.locator("#d"), "403-forbidden");
        await page.locator("#d textarea[data-role=paste]").fill(JSONAPI_422);
        await waitSection(page.locator("#d"), "422-unprocessable-entity");
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "iframe embed (cross-origin): index.html?embed=1 mounts chrome-less and diagnoses a paste",
    () =>
      withSites([{ cors: true }, { build: false }], async (w, h) => {
        addHostFiles(h);
        h.pages["/host.html"] = iframeHost(`${w.origin}/`, h.origin);
        const { page, problems } = await visit(h.url("/host.html"));
        const frame = await widgetFrame(page);
        const shape = await frame.evaluate(() => ({
          h1: document.querySelectorAll("h1").length,
          footer: document.querySelectorAll("footer").length,
          iframeClass: !!document.querySelector("main.ts-iframe"),
          title: document.querySelector(".ts-title")?.textContent ?? "",
        }));
        assert(shape.h1 === 0 && shape.footer === 0 && shape.iframeClass, `chrome-less: ${JSON.stringify(shape)}`);
        await page.frameLocator(FRAME).locator("textarea[data-role=paste]").fill(INVALID_GRANT);
        await waitSection(page.frameLocator(FRAME), "oauth-invalid-grant");
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "iframe embed: ?support= from the frame's URL shows only inside a parent that said hello, and only as an e-mail address or a page of the parent's origin",
    () =>
      withSites([{ cors: true }, { build: false }], async (w, h) => {
        addHostFiles(h);
        const bundleLink = async (scope) => {
          await scope.locator("textarea[data-role=paste]").fill(CURL_401);
          await waitSection(scope, "401-unauthorized");
          await scope.locator("details.ts-bundle").evaluate((d) => (d.open = true));
          await scope.locator("[data-role=copy-bundle]").waitFor({ timeout: ENGINE_MS });
          return scope.locator("[data-role=contact-support]");
        };
        // Opened on its own (no parent): even an e-mail address is not shown,
        // and another site's "chat" never is.
        for (const support of ["https://evil.example/chat", "help@scopestack.io"]) {
          const url = w.url(`/index.html?embed=1&parent=${encodeURIComponent(h.origin)}&support=${encodeURIComponent(support)}`);
          const { page, problems } = await visit(url, { ready: true });
          const link = await bundleLink(page);
          assert((await link.count()) === 0, `opened alone, ?support=${support} shows ${await link.first().getAttribute("href").catch(() => "")}`);
          noProblems(problems);
          await page.close();
        }
        // In a real host: another site is still refused, an e-mail address shows.
        for (const [support, expected] of [["https://evil.example/chat", null], ["javascript:alert(1)", null], ["help@scopestack.io", "mailto:help@scopestack.io"]]) {
          h.pages["/host.html"] = iframeHost(`${w.origin}/`, h.origin).replace(/(index\.html\?embed=1&parent=[^"]*)/, `$1&support=${encodeURIComponent(support)}`);
          const { page, problems } = await visit(h.url("/host.html"));
          await widgetFrame(page);
          const frame = page.frameLocator(FRAME);
          const link = await bundleLink(frame);
          if (expected) {
            await link.waitFor({ timeout: ENGINE_MS });
            const href = await link.getAttribute("href");
            assert(href.startsWith(expected), `in a host, ?support=${support} links to ${href}`);
          } else {
            // The parent has certainly spoken once its own open() is shown
            // (that too is a message from it); still no link.
            await page.evaluate((paste) => window.ScopeStackTroubleshooter.open({ paste }), JSONAPI_422);
            await waitSection(frame, "422-unprocessable-entity");
            await frame.locator("details.ts-bundle").evaluate((d) => (d.open = true));
            await frame.locator("[data-role=copy-bundle]").waitFor({ timeout: ENGINE_MS });
            assert((await link.count()) === 0, `in a host, ?support=${support} shows a link`);
          }
          noProblems(problems);
          await page.close();
        }
      }),
  ],
  [
    "iframe embed: a knowledge base or API origins in the frame's query string are ignored (only host markup may set them)",
    () =>
      withSites([{ cors: true }, { build: false }], async (w, h) => {
        addHostFiles(h);
        w.pages["/kb/evil.json"] = changedKb();
        const q = `&kb-url=${encodeURIComponent(w.url("/kb/evil.json"))}&kbUrl=${encodeURIComponent(w.url("/kb/evil.json"))}&allowed-origins=${encodeURIComponent("https://evil.example")}&allowedOrigins=${encodeURIComponent("https://evil.example")}`;
        h.pages["/host.html"] = iframeHost(`${w.origin}/`, h.origin).replace(/(index\.html\?embed=1&parent=[^"]*)/, `$1${q}`);
        const { page, problems } = await visit(h.url("/host.html"));
        const frame = await widgetFrame(page);
        await page.frameLocator(FRAME).locator("textarea[data-role=paste]").fill(CURL_401);
        await waitSection(page.frameLocator(FRAME), "401-unauthorized");
        const summary = await page.frameLocator(FRAME).locator("[data-section='401-unauthorized'] .ts-summary").textContent();
        assert(!summary.includes("OVERRIDE:"), "the query string's knowledge base was not used");
        const fetched = await frame.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.includes("evil")));
        assert(fetched.length === 0, `nothing fetched from the query string: ${fetched}`);
        const origins = await frame.evaluate(() => [...document.querySelectorAll("[data-allowed-origins]")].map((e) => e.getAttribute("data-allowed-origins")).join(" "));
        assert(!origins.includes("evil.example"), `no API origin from the query string: ${origins}`);
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "standalone index.html mounts with its page chrome, diagnoses, and support links (#401-unauthorized, #invalid_grant, #s=…&t=…&p=…) open their section",
    () =>
      withSites([{}], async (s) => {
        const { page, problems } = await visit(s.url("/index.html"), { ready: true });
        assert((await page.locator("h1").count()) === 1 && (await page.locator("footer").count()) === 1, "standalone has h1 and footer");
        await page.locator("textarea[data-role=paste]").fill(JSONAPI_422);
        await waitSection(page, "422-unprocessable-entity");
        noProblems(problems);
        await page.close();
        for (const [fragment, id] of [
          ["#401-unauthorized", "401-unauthorized"],
          ["#invalid_grant", "oauth-invalid-grant"],
          ["#504", "504-gateway-timeout"],
        ]) {
          const { page: p, problems: pr } = await visit(s.url(`/index.html${fragment}`), { ready: true });
          await waitSection(p, id);
          noProblems(pr, fragment);
          await p.close();
        }
        const paste = `{"errors":[{"status":"403","title":"Forbidden"}]}`;
        const link = `/index.html#s=403-forbidden&t=403-forbidden/wrong-account&p=${encodeURIComponent(paste)}`;
        const { page: p, problems: pr } = await visit(s.url(link), { ready: true });
        await waitSection(p, "403-forbidden");
        assert((await p.locator("textarea[data-role=paste]").inputValue()).includes('"Forbidden"'), "the link's paste is in the box");
        const box = p.locator("[data-check='403-forbidden/wrong-account'] input[type=checkbox]");
        assert(await box.isChecked(), "the link's ticked check is ticked");
        noProblems(pr, "s/t/p link");
        await p.close();
      }),
  ],
  [
    "demo/help-article.html: the article with its tables, the widget right after Quick Reference, no console errors",
    () =>
      withSites([{}], async (s) => {
        const { page, problems } = await visit(s.url("/demo/help-article.html"), { ready: true });
        const layout = await page.evaluate(() => {
          const qr = document.getElementById("hc-quick-reference");
          const el = document.querySelector("scopestack-troubleshooter");
          return {
            tables: document.querySelectorAll("article table").length,
            sidebar: document.querySelectorAll(".hc-sidebar a").length,
            after: !!(qr && el && qr.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
            title: document.title,
          };
        });
        assert(layout.tables >= 8, `the article's tables: ${layout.tables}`);
        assert(layout.sidebar >= 8, "a sidebar nav");
        assert(layout.after, "the widget comes after the Quick Reference section");
        await page.locator("scopestack-troubleshooter textarea[data-role=paste]").fill(CURL_401);
        await waitSection(page, "401-unauthorized");
        // The sidebar's anchors are the host's: following one leaves the widget where it was.
        const reads = await linkReads(page);
        await page.locator(".hc-sidebar a[href='#hc-quick-reference']").click();
        // The widget has read the host's new fragment (and kept its diagnosis).
        assert(await until(async () => (await linkReads(page)) > reads), "the widget read the new fragment");
        assert((await sectionsIn(page, "scopestack-troubleshooter")).includes("401-unauthorized"), "the diagnosis stays after a sidebar click");
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "demo/iframe.html: the frame mounts, its events show in the host's log, the host's buttons open a section, no console errors",
    () =>
      withSites([{}], async (s) => {
        const { page, problems } = await visit(s.url("/demo/iframe.html"));
        await widgetFrame(page);
        await page.frameLocator(FRAME).locator("textarea[data-role=paste]").fill(CURL_401);
        await waitSection(page.frameLocator(FRAME), "401-unauthorized");
        await page.locator("[data-role=event-log] li", { hasText: "diagnosed: 401-unauthorized" }).first().waitFor({ timeout: ENGINE_MS });
        await page.locator("button[data-open-section=invalid_grant]").click();
        await waitSection(page.frameLocator(FRAME), "oauth-invalid-grant");
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "demo/chat.html: a 360 px chat panel whose agent link opens the embedded widget at the section, without leaving the page",
    () =>
      withSites([{}], async (s) => {
        const { page, problems } = await visit(s.url("/demo/chat.html"), { viewport: { width: 1280, height: 900 } });
        const panel = await page.locator("aside.chat").boundingBox();
        assert(panel && Math.round(panel.width) === 360, `chat panel width ${panel?.width}`);
        const before = page.url();
        await page.locator("a[data-troubleshooter-link]", { hasText: "invalid_grant" }).click();
        await waitSection(page.locator("aside.chat scopestack-troubleshooter"), "oauth-invalid-grant");
        assert(page.url() === before, `the page stayed: ${page.url()}`);
        const fit = await page.evaluate(() => {
          const el = document.querySelector("aside.chat scopestack-troubleshooter");
          const main = el.shadowRoot.querySelector("main");
          return { width: el.getBoundingClientRect().width, scroll: main.scrollWidth, client: main.clientWidth };
        });
        assert(fit.width <= 360, `widget width ${fit.width}`);
        assert(fit.scroll <= fit.client + 1, `no sideways scrolling in the panel: ${fit.scroll} > ${fit.client}`);
        await page.locator("a[data-troubleshooter-link]", { hasText: "401" }).click();
        await waitSection(page.locator("aside.chat scopestack-troubleshooter"), "401-unauthorized");
        // At chat width: the tabs stay on one line; a paste with one
        // confirmed check shows it first, the checks the paste says
        // nothing about are folded, and "Also possible" leaves out the
        // section on screen.
        const chat = page.locator("aside.chat scopestack-troubleshooter");
        const tabTops = await chat.locator("[role=tab]").evaluateAll((ts) => ts.map((t) => Math.round(t.getBoundingClientRect().top)));
        assert(tabTops.length === 3 && new Set(tabTops).size === 1, `the tabs wrap at 360 px: tops ${tabTops}`);
        await chat.locator("textarea[data-role=paste]").fill(CURL_401);
        await waitSection(chat, "401-unauthorized");
        await chat.locator("[data-check='401-unauthorized/token-expired'][data-state=confirmed]").waitFor({ timeout: ENGINE_MS });
        const visible = await chat.locator("[data-section='401-unauthorized'] [data-check]").evaluateAll((items) =>
          items.filter((i) => i.checkVisibility()).map((i) => i.dataset.state),
        );
        assert(visible[0] === "confirmed" && !visible.includes("unknown"), `visible checks at chat width: ${visible}`);
        const folded = chat.locator("[data-role=unknown-checks]");
        assert((await folded.count()) === 1 && !(await folded.evaluate((d) => d.open)), "the unknown checks are folded");
        await folded.locator("summary").click();
        assert((await folded.locator("[data-check][data-state=unknown]").first().isVisible()), "one click shows them");
        const also = await chat.locator(".ts-candidates button").allTextContents();
        assert(!also.some((t) => t.includes("401 Unauthorized")), `"Also possible" repeats the primary: ${also}`);
        // The link works without the panel too: the standalone page at that section.
        const href = await page.locator("a[data-troubleshooter-link]", { hasText: "invalid_grant" }).getAttribute("href");
        const { page: p2, problems: pr2 } = await visit(new URL(href, s.url("/demo/chat.html")).href, { ready: true });
        await waitSection(p2, "oauth-invalid-grant");
        noProblems(pr2, "standalone from the chat link");
        await p2.close();
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "two elements on one page do not interfere: different pastes, different sections; a tick in one is not a tick in the other",
    () =>
      withSites([{}], async (s) => {
        addHostFiles(s);
        s.pages["/host.html"] = elementHost(
          "/embed.js",
          `<scopestack-troubleshooter id="a"></scopestack-troubleshooter><scopestack-troubleshooter id="b"></scopestack-troubleshooter>`,
        );
        const { page, problems } = await visit(s.url("/host.html"), { ready: true });
        await page.locator("#a [data-ready=true]").waitFor({ timeout: ENGINE_MS });
        await page.locator("#b [data-ready=true]").waitFor({ timeout: ENGINE_MS });
        await page.locator("#a textarea[data-role=paste]").fill(CURL_401);
        await page.locator("#b textarea[data-role=paste]").fill(INVALID_GRANT);
        await waitSection(page.locator("#a"), "401-unauthorized");
        await waitSection(page.locator("#b"), "oauth-invalid-grant");
        assert(!(await sectionsIn(page, "#a")).includes("oauth-invalid-grant"), "a shows only its own diagnosis");
        assert(!(await sectionsIn(page, "#b")).includes("401-unauthorized"), "b shows only its own diagnosis");
        assert((await page.locator("#a textarea[data-role=paste]").inputValue()) === CURL_401, "a keeps its paste");
        assert((await page.locator("#b textarea[data-role=paste]").inputValue()) === INVALID_GRANT, "b keeps its paste");
        // The same section in both, then a tick in a only.
        await page.evaluate(() => document.getElementById("b").open({ section: "401-unauthorized" }));
        await waitSection(page.locator("#b"), "401-unauthorized");
        const aBox = page.locator("#a [data-check='401-unauthorized/token-expired'] input[type=checkbox]");
        const bBox = page.locator("#b [data-check='401-unauthorized/token-expired'] input[type=checkbox]");
        await aBox.check();
        assert(await aBox.isChecked(), "a's box is ticked");
        // The tick has gone all the way (it is stored) before b is looked at.
        assert(
          await until(() => page.evaluate(() => Object.values(localStorage).some((v) => v.includes("401-unauthorized/token-expired")))),
          "a's tick was stored",
        );
        assert(!(await bBox.isChecked()), "b's box for the same check is not ticked");
        assert((await page.locator("#b [data-check] input:checked").count()) === 0, "nothing is ticked in b");
        // Labels point at their own shadow root's box.
        await page.locator("#b [data-check='401-unauthorized/header-missing'] label").click();
        assert(await page.locator("#b [data-check='401-unauthorized/header-missing'] input").isChecked(), "b's label ticks b's box");
        assert(!(await page.locator("#a [data-check='401-unauthorized/header-missing'] input").isChecked()), "and not a's");
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "hostile host CSS does not break the widget (paste box visible, buttons readable) and the widget's CSS does not leak into the host",
    () =>
      withSites([{}], async (s) => {
        addHostFiles(s);
        s.pages["/host.css"] = `
          :root { --ts-accent: red; --ts-bg: black; --ts-fg: black; }
          body { font: 15px/1.4 Georgia, serif; color: rgb(20, 20, 20); }
          .host-button { color: rgb(10, 20, 30); background: rgb(250, 240, 200); font: 700 13px/1.1 serif; padding: 3px 9px; border: 2px solid rgb(1, 2, 3); border-radius: 0; }
          .host-area { font: 12px monospace; background: rgb(200, 255, 200); }
          .hostile { color: white; background: white; font-size: 5px; line-height: 0.5; letter-spacing: 0.4em; word-spacing: 2em; text-transform: uppercase; text-align: right; white-space: nowrap; }
          .hostile *:not(scopestack-troubleshooter) { display: none !important; }
          .hostile button, button.x, .hostile * button { color: white !important; background: white !important; }
          .hostile textarea, textarea.x { display: none !important; }
          .hostile input { display: none !important; }
          .hostile div, .hostile main, .hostile section { display: none !important; }
        `;
        const body = `<button class="host-button" id="host-button" type="button">Host button</button>
          <textarea class="host-area" id="host-area">host</textarea>
          <article class="hostile"><h2>Other content</h2><p>More <span>text</span></p><div><button>x</button></div>
          <scopestack-troubleshooter id="w"></scopestack-troubleshooter></article>`;
        s.pages["/host.html"] = elementHost("/embed.js", body, { css: true });
        s.pages["/control.html"] = hostPage({ head: `<link rel="stylesheet" href="/host.css">`, body });
        const hostStyle = (page) =>
          page.evaluate(() => {
            const pick = (el) => {
              const c = getComputedStyle(el);
              return ["color", "backgroundColor", "font", "padding", "border", "borderRadius", "boxSizing", "margin"].map((k) => `${k}=${c[k]}`).join("; ");
            };
            return {
              button: pick(document.getElementById("host-button")),
              area: pick(document.getElementById("host-area")),
              body: pick(document.body),
              buttonBox: JSON.stringify(document.getElementById("host-button").getBoundingClientRect()),
            };
          });
        const control = await visit(s.url("/control.html"));
        const expected = await hostStyle(control.page);
        await control.page.close();

        const { page, problems } = await visit(s.url("/host.html"), { ready: true });
        const box = await page.locator("#w textarea[data-role=paste]").boundingBox();
        assert(box && box.width > 100 && box.height > 40, `paste box visible: ${JSON.stringify(box)}`);
        await page.locator("#w textarea[data-role=paste]").fill(CURL_401);
        await waitSection(page.locator("#w"), "401-unauthorized");
        const look = await page.evaluate(() => {
          const parse = (c) => {
            const m = /rgba?\(([^)]+)\)/.exec(c);
            if (!m) return null;
            const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
            return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
          };
          const lum = ({ r, g, b }) => {
            const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
          };
          const bgOf = (el) => {
            for (let n = el; n; n = n.parentElement ?? n.getRootNode().host) {
              const c = parse(getComputedStyle(n).backgroundColor);
              if (c && c.a > 0.5) return c;
            }
            return { r: 255, g: 255, b: 255, a: 1 };
          };
          const ratio = (el) => {
            const fg = lum(parse(getComputedStyle(el).color));
            const bg = lum(bgOf(el));
            return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
          };
          const root = document.getElementById("w").shadowRoot;
          const buttons = [...root.querySelectorAll("button, summary")].filter((b) => b.getBoundingClientRect().width > 0);
          const area = root.querySelector("textarea[data-role=paste]");
          const ac = getComputedStyle(area);
          const text = (el) => {
            const c = getComputedStyle(el);
            return { letterSpacing: c.letterSpacing, wordSpacing: c.wordSpacing, transform: c.textTransform, whiteSpace: c.whiteSpace, align: c.textAlign, fontSize: parseFloat(c.fontSize), lineHeight: c.lineHeight };
          };
          return {
            inherited: [root.querySelector(".ts-summary"), root.querySelector("label"), root.querySelector(".ts-check")].map(text),
            buttons: buttons.map((b) => ({ text: b.textContent.trim().slice(0, 30), ratio: ratio(b) })),
            area: { ratio: ratio(area), fontSize: parseFloat(ac.fontSize), letterSpacing: ac.letterSpacing, transform: ac.textTransform, display: ac.display },
            summary: ratio(root.querySelector(".ts-summary")),
          };
        });
        assert(look.buttons.length >= 3, `visible buttons in the widget: ${look.buttons.length}`);
        for (const b of look.buttons) assert(b.ratio >= 4.5, `button "${b.text}" contrast ${b.ratio.toFixed(2)} < 4.5`);
        assert(look.area.ratio >= 4.5 && look.summary >= 4.5, `text contrast: paste ${look.area.ratio.toFixed(2)}, summary ${look.summary.toFixed(2)}`);
        assert(look.area.fontSize >= 12, `the page's font-size does not reach in: ${look.area.fontSize}px`);
        assert(look.area.letterSpacing === "normal" && look.area.transform === "none", `inherited text styles stay out: ${JSON.stringify(look.area)}`);
        for (const t of look.inherited) {
          const leaked = t.letterSpacing !== "normal" || t.wordSpacing !== "0px" || t.transform !== "none" || t.whiteSpace !== "normal" || t.align === "right" || t.fontSize < 12;
          assert(!leaked, `the article's inherited text styles reach the widget's text: ${JSON.stringify(t)}`);
        }
        const after = await hostStyle(page);
        for (const k of Object.keys(expected)) assert(after[k] === expected[k], `host ${k} changed by the widget:\n  ${expected[k]}\n  ${after[k]}`);
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "the iframe grows with its content after a diagnosis, to the content's height and no further",
    () =>
      withSites([{ cors: true }, { build: false }], async (w, h) => {
        addHostFiles(h);
        h.pages["/host.html"] = iframeHost(`${w.origin}/`, h.origin);
        const { page, problems } = await visit(h.url("/host.html"));
        const frame = await widgetFrame(page);
        const height = () => page.locator(FRAME).evaluate((f) => f.clientHeight);
        const appHeight = () => frame.evaluate(() => Math.ceil(document.getElementById("app").getBoundingClientRect().height));
        await until(async () => Math.abs((await height()) - (await appHeight())) <= 2);
        const h0 = await height();
        assert(Math.abs(h0 - (await appHeight())) <= 2, `the empty widget's frame fits it: ${h0} vs ${await appHeight()}`);
        await page.frameLocator(FRAME).locator("textarea[data-role=paste]").fill(CURL_401);
        await waitSection(page.frameLocator(FRAME), "401-unauthorized");
        const h1 = await until(async () => {
          const v = await height();
          return v > h0 + 200 ? v : 0;
        });
        assert(h1 > h0 + 200, `the frame grew: ${h0} → ${await height()}`);
        // Settled: the frame's height matches its content; then several
        // rendering cycles of both documents change nothing (a resize loop
        // would change it on every one).
        await until(async () => Math.abs((await height()) - (await appHeight())) <= 2);
        const settled = await height();
        for (let i = 0; i < 5; i++) {
          await frames2(frame);
          await frames2(page);
        }
        assert((await height()) === settled, `the height settles (no resize loop): ${settled} → ${await height()}`);
        const content = await appHeight();
        assert(Math.abs(settled - content) <= 2, `frame height ${settled} matches the content ${content}`);
        assert(settled < 20000, `a reasonable height: ${settled}`);
        // Scrolling inside the frame is not needed: it shows all of its content.
        const inner = await frame.evaluate(() => ({ scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight }));
        assert(inner.scroll <= inner.client + 2, `no inner scrollbar: ${JSON.stringify(inner)}`);
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "element events: `diagnosed` carries exactly {section} and nothing of the paste; `support-requested` after copying the support message",
    () =>
      withSites([{}], async (s) => {
        addHostFiles(s);
        s.pages["/host.html"] = elementHost("/embed.js", `<scopestack-troubleshooter id="w" support="help@scopestack.io"></scopestack-troubleshooter>`);
        const { page, problems } = await visit(s.url("/host.html"), { ready: true });
        await page.locator("#w textarea[data-role=paste]").fill(CURL_401);
        await waitSection(page.locator("#w"), "401-unauthorized");
        const diagnosed = await until(() => page.evaluate(() => window.__events.filter((e) => e.type === "diagnosed")));
        assert(diagnosed.length >= 1, "a diagnosed event");
        for (const e of diagnosed) {
          assert(e.id === "w", `on the element: ${e.id}`);
          assert(JSON.stringify(e.keys) === '["section"]', `detail keys: ${JSON.stringify(e.keys)}`);
          secretFree(e.detail, "diagnosed detail");
          assert(!e.detail.includes("Doorkeeper") && !e.detail.includes("acme"), `no paste text in the detail: ${e.detail}`);
        }
        assert(JSON.parse(diagnosed.at(-1).detail).section === "401-unauthorized", `last section: ${diagnosed.at(-1).detail}`);
        const composed = await page.evaluate(([paste, ms]) => {
          const el = document.getElementById("w");
          return new Promise((resolve) => {
            document.addEventListener("diagnosed", (e) => resolve({ target: e.target === el, detail: e.detail, custom: e instanceof CustomEvent }), { once: true });
            el.open({ paste });
            setTimeout(() => resolve({ timeout: true }), ms);
          });
        }, ['{"errors":[{"status":"403","title":"Forbidden"}]}', ENGINE_MS]);
        assert(composed.target && composed.custom && composed.detail.section === "403-forbidden", `bubbles to the document from the element: ${JSON.stringify(composed)}`);
        assert((await page.evaluate(() => window.__events.filter((e) => e.type === "support-requested").length)) === 0, "no support-requested before asking");
        await page.locator("#w textarea[data-role=paste]").fill(CURL_401);
        await waitSection(page.locator("#w"), "401-unauthorized");
        await page.locator("#w details.ts-bundle summary").click();
        await page.locator("#w [data-role=copy-bundle]").click();
        const support = await until(() => page.evaluate(() => window.__events.filter((e) => e.type === "support-requested")));
        assert(support.length === 1, `one support-requested: ${JSON.stringify(support)}`);
        assert(JSON.stringify(support[0].keys) === '["section"]' && JSON.parse(support[0].detail).section === "401-unauthorized", `support-requested detail: ${support[0].detail}`);
        secretFree(await page.locator("#w [data-role=support-bundle]").textContent(), "the support message");
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "iframe events arrive on the <iframe> with exactly {section}; no paste text crosses postMessage; a frame whose parent= is another origin tells this page nothing",
    () =>
      withSites([{ cors: true }, { build: false }, { build: false }], async (w, h, other) => {
        addHostFiles(h);
        const wrong = `${w.origin}/index.html?embed=1&parent=${encodeURIComponent(other.origin)}`;
        h.pages["/host.html"] = iframeHost(`${w.origin}/`, h.origin, {
          extraBody: `<iframe id="wrong" data-scopestack-troubleshooter title="misconfigured" allow="clipboard-write" src="${wrong}"></iframe>`,
        });
        const { page, problems } = await visit(h.url("/host.html"));
        await widgetFrame(page, `${FRAME}:not(#wrong)`);
        await widgetFrame(page, "#wrong");
        const wrongHeight0 = await page.locator("#wrong").evaluate((f) => f.getBoundingClientRect().height);
        await page.frameLocator(`${FRAME}:not(#wrong)`).locator("textarea[data-role=paste]").fill(GRANT_WITH_SECRETS);
        await page.frameLocator("#wrong").locator("textarea[data-role=paste]").fill(GRANT_WITH_SECRETS);
        await waitSection(page.frameLocator(`${FRAME}:not(#wrong)`), "oauth-invalid-grant");
        await waitSection(page.frameLocator("#wrong"), "oauth-invalid-grant");
        const events = await until(async () => {
          const all = await page.evaluate(() => window.__events);
          return all.some((e) => e.type === "diagnosed") ? all : null;
        });
        assert(events, "a diagnosed event on the iframe");
        for (const e of events) {
          assert(e.id === "IFRAME", `dispatched on the iframe: ${e.id}`);
          assert(JSON.stringify(e.keys) === '["section"]', `detail keys ${JSON.stringify(e.keys)}`);
        }
        assert(events.some((e) => e.type === "diagnosed" && JSON.parse(e.detail).section === "oauth-invalid-grant"), JSON.stringify(events));
        const messages = await page.evaluate(() => window.__messages);
        assert(messages.length > 0, "messages came from the frame");
        for (const m of messages) {
          secretFree(m, "a message to the host");
          assert(!m.includes("PostmanRuntime") && !m.includes("error_description"), `no paste text in messages: ${m}`);
        }
        // Support requested inside the frame reaches the iframe element.
        const good = page.frameLocator(`${FRAME}:not(#wrong)`);
        // Opening the details makes the frame taller, and the host resizes
        // it a moment later: click once the frame fits its content, or the
        // click can land where the button was before the resize.
        await good.locator("details.ts-bundle summary").click();
        await frameFits(page, `${FRAME}:not(#wrong)`);
        await good.locator("[data-role=copy-bundle]").click();
        const support = await until(() => page.evaluate(() => window.__events.filter((e) => e.type === "support-requested")));
        if (support.length === 0) {
          const status = await good.locator(".ts-bundle .ts-status").textContent().catch((e) => `(${e.message})`);
          const last = (await page.evaluate(() => window.__messages)).slice(-4);
          throw new Error(`support-requested: [] — the frame's status: ${JSON.stringify(status)}; last messages: ${last.join(" ")}`);
        }
        assert(support.length === 1 && JSON.parse(support[0].detail).section === "oauth-invalid-grant", `support-requested: ${JSON.stringify(support)}`);
        // The misconfigured frame (parent= another origin) sent this page
        // nothing, though it diagnosed a paste before the good frame's
        // support request arrived here.
        const fromWrong = await page.evaluate(() => window.__events.filter((e) => e.id === "wrong").length);
        assert(fromWrong === 0, "no events from a frame configured for another parent");
        assert((await page.locator("#wrong").evaluate((f) => f.getBoundingClientRect().height)) === wrongHeight0, "and no height");
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "iframe takes `open` only from its parent: a fake open from another origin, or from a same-origin window that is not the parent, opens nothing; forged frame messages to the host are ignored",
    () =>
      withSites([{ cors: true }, { build: false }, { build: false }], async (w, h, evil) => {
        addHostFiles(h);
        evil.pages["/evil.html"] = hostPage({ body: "<p>another origin</p>" });
        h.pages["/sibling.html"] = hostPage({ body: "<p>same origin as the host, not the parent</p>" });
        h.pages["/host.html"] = iframeHost(`${w.origin}/`, h.origin, {
          extraBody: `<iframe id="evil" title="evil" src="${evil.url("/evil.html")}"></iframe><iframe id="sibling" title="sibling" src="${h.url("/sibling.html")}"></iframe>`,
        });
        const { page, problems } = await visit(h.url("/host.html"));
        const widget = await widgetFrame(page);
        const heightBefore = await page.locator(FRAME).evaluate((f) => f.getBoundingClientRect().height);
        // Everything the widget ever shows from now on, and every message
        // the host and the widget receive, is recorded: the checks below
        // wait for the markers each sender posts after its forgeries
        // (messages from one window to another arrive in order).
        await widget.evaluate(() => {
          window.__shown = [];
          new MutationObserver(() => {
            for (const e of document.querySelectorAll("[data-section]")) window.__shown.push(e.dataset.section);
          }).observe(document.body, { subtree: true, childList: true, attributes: true });
          window.__markers = 0;
          window.addEventListener("message", (e) => e.data === "forgery-done" && window.__markers++);
        });
        await page.evaluate(() => {
          window.__markers = 0;
          window.addEventListener("message", (e) => e.data === "forgery-done" && window.__markers++);
        });
        const fake = { type: "scopestack-troubleshooter:open", section: "invalid_grant" };
        const evilFrame = page.frames().find((f) => f.url().includes("/evil.html"));
        const sibling = page.frames().find((f) => f.url().includes("/sibling.html"));
        assert(evilFrame && sibling, "the other frames loaded");
        // Another origin, straight to the widget's window.
        await evilFrame.evaluate((msg) => {
          window.parent.frames[0].postMessage(msg, "*");
          window.parent.frames[0].postMessage("forgery-done", "*");
        }, fake);
        // The host's origin, but a window that is not the widget's parent.
        await sibling.evaluate((msg) => {
          window.parent.frames[0].postMessage(msg, "*");
          window.parent.frames[0].postMessage("forgery-done", "*");
        }, fake);
        // The widget's own window posting to itself.
        await widget.evaluate((msg) => {
          window.postMessage(msg, "*");
          window.postMessage("forgery-done", "*");
        }, fake);
        // Forged widget messages to the host, from another origin and from a same-origin sibling.
        for (const f of [evilFrame, sibling]) {
          await f.evaluate(() => {
            window.parent.postMessage({ type: "scopestack-troubleshooter:diagnosed", section: "forged" }, "*");
            window.parent.postMessage({ type: "scopestack-troubleshooter:height", height: 4321 }, "*");
            window.parent.postMessage("forgery-done", "*");
          });
        }
        assert(await until(() => widget.evaluate(() => window.__markers === 3)), "the widget received every forgery");
        assert(await until(() => page.evaluate(() => window.__markers === 2)), "the host received every forgery");
        assert((await page.evaluate(() => window.__events.length)) === 0, `no forged events on the iframe: ${JSON.stringify(await page.evaluate(() => window.__events))}`);
        assert((await page.locator(FRAME).evaluate((f) => f.getBoundingClientRect().height)) === heightBefore, "no forged height");
        // A forged open that had been taken would be answered by the engine
        // before the parent's own, which follows it in the same queue: after
        // the parent's open shows its section, nothing else was ever shown.
        await page.evaluate(() => window.ScopeStackTroubleshooter.open({ section: "504" }));
        await waitSection(page.frameLocator(FRAME), "504-gateway-timeout");
        const shown = await widget.evaluate(() => [...new Set(window.__shown)]);
        assert(JSON.stringify(shown) === '["504-gateway-timeout"]', `the widget showed ${JSON.stringify(shown)}`);
        // The parent's own open does work (so the checks above could fail).
        await page.evaluate(() => window.ScopeStackTroubleshooter.open({ section: "invalid_grant" }));
        await waitSection(page.frameLocator(FRAME), "oauth-invalid-grant");
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "ScopeStackTroubleshooter.open({section}) on an element page: queued before embed.js loaded",
    () =>
      withSites([{}], async (s) => {
        addHostFiles(s);
        s.pages["/host.html"] = elementHost("/embed.js", `<scopestack-troubleshooter id="w"></scopestack-troubleshooter>`, { queue: true });
        const { page, problems } = await visit(s.url("/host.html"), { ready: true });
        await waitSection(page.locator("#w"), "oauth-invalid-grant");
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "ScopeStackTroubleshooter.open({section}) on an element page after load; el.open() reaches only its element",
    () =>
      withSites([{}], async (s) => {
        addHostFiles(s);
        s.pages["/host.html"] = elementHost(
          "/embed.js",
          `<scopestack-troubleshooter id="a"></scopestack-troubleshooter><scopestack-troubleshooter id="b"></scopestack-troubleshooter>`,
        );
        const { page, problems } = await visit(s.url("/host.html"), { ready: true });
        await page.locator("#b [data-ready=true]").waitFor({ timeout: ENGINE_MS });
        await page.evaluate(() => window.ScopeStackTroubleshooter.open({ section: "invalid_grant" }));
        await waitSection(page.locator("#a"), "oauth-invalid-grant");
        await page.evaluate(() => document.getElementById("b").open({ section: "504" }));
        await waitSection(page.locator("#b"), "504-gateway-timeout");
        assert(!(await sectionsIn(page, "#a")).includes("504-gateway-timeout"), "el.open on b leaves a alone");
        assert(!(await sectionsIn(page, "#b")).includes("oauth-invalid-grant"), "the host API's open went to the first widget only");
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "open({paste}) after open({section}) shows the paste's diagnosis, not the earlier section",
    () =>
      withSites([{}], async (s) => {
        addHostFiles(s);
        s.pages["/host.html"] = elementHost("/embed.js", `<scopestack-troubleshooter id="a"></scopestack-troubleshooter>`);
        const { page, problems } = await visit(s.url("/host.html"), { ready: true });
        // A fresh widget: the paste's own section opens.
        await page.evaluate((paste) => window.ScopeStackTroubleshooter.open({ paste }), JSON.stringify({ errors: [{ status: "404", title: "Not Found" }] }));
        await waitSection(page.locator("#a"), "404-not-found");
        // After a section was opened by the host, a new paste must still lead to its section.
        await page.evaluate(() => window.ScopeStackTroubleshooter.open({ section: "invalid_grant" }));
        await waitSection(page.locator("#a"), "oauth-invalid-grant");
        await page.evaluate((paste) => window.ScopeStackTroubleshooter.open({ paste }), JSONAPI_422);
        await until(async () => (await page.locator("#a textarea[data-role=paste]").inputValue()) === JSONAPI_422);
        await waitSection(page.locator("#a"), "422-unprocessable-entity").catch(async () => {
          throw new Error(`after open({paste}) the widget still shows ${JSON.stringify(await sectionsIn(page, "#a"))}; its announcement: ${await page.locator("#a [data-role=announce]").textContent()}`);
        });
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "ScopeStackTroubleshooter.open({section}) on an iframe page: queued before iframe-host.js loaded",
    () =>
      withSites([{ cors: true }, { build: false }], async (w, h) => {
        addHostFiles(h);
        h.pages["/host.html"] = iframeHost(`${w.origin}/`, h.origin, { queue: true });
        const { page, problems } = await visit(h.url("/host.html"));
        await widgetFrame(page);
        await waitSection(page.frameLocator(FRAME), "oauth-invalid-grant");
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "ScopeStackTroubleshooter.open({section}) on an iframe page after load",
    () =>
      withSites([{ cors: true }, { build: false }], async (w, h) => {
        addHostFiles(h);
        h.pages["/host.html"] = iframeHost(`${w.origin}/`, h.origin);
        const { page, problems } = await visit(h.url("/host.html"));
        await widgetFrame(page);
        await page.evaluate(() => window.ScopeStackTroubleshooter.open({ section: "invalid_grant" }));
        await waitSection(page.frameLocator(FRAME), "oauth-invalid-grant");
        await page.evaluate(() => window.ScopeStackTroubleshooter.open({ section: "504" }));
        await waitSection(page.frameLocator(FRAME), "504-gateway-timeout");
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "an iframe the page adds after iframe-host.js ran is taken in: open() right away reaches it, its events arrive",
    () =>
      withSites([{ cors: true }, { build: false }], async (w, h) => {
        addHostFiles(h);
        const src = `${w.origin}/index.html?embed=1&parent=${encodeURIComponent(h.origin)}`;
        h.pages["/late.js"] = `await import("${w.origin}/iframe-host.js");
const f = document.createElement("iframe");
f.setAttribute("data-scopestack-troubleshooter", "");
f.title = "ScopeStack API Troubleshooter";
f.src = ${JSON.stringify(src)};
f.addEventListener("diagnosed", (e) => (window.__late = e.detail.section));
document.body.append(f);
window.ScopeStackTroubleshooter.open({ paste: ${JSON.stringify(INVALID_GRANT)} });`;
        h.pages["/host.html"] = hostPage({ head: `<script type="module" src="/late.js"></script>`, body: "<h1>Rendered later</h1>" });
        const { page, problems } = await visit(h.url("/host.html"));
        await widgetFrame(page);
        await waitSection(page.frameLocator(FRAME), "oauth-invalid-grant");
        assert(await until(() => page.evaluate(() => window.__late === "oauth-invalid-grant")), "the late frame's diagnosed event reached the page");
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "ScopeStackTroubleshooter.open right after the iframe's load event (widget still starting) is not lost",
    () =>
      withSites([{ cors: true }, { build: false }], async (w, h) => {
        addHostFiles(h);
        h.pages["/open-on-load.js"] = `const f = document.querySelector("iframe[data-scopestack-troubleshooter]");
f.addEventListener("load", () => window.ScopeStackTroubleshooter.open({ section: "invalid_grant" }), { once: true });`;
        h.pages["/host.html"] = iframeHost(`${w.origin}/`, h.origin).replace("</head>", `<script type="module" src="/open-on-load.js"></script></head>`);
        const { page, problems } = await visit(h.url("/host.html"));
        await widgetFrame(page);
        await waitSection(page.frameLocator(FRAME), "oauth-invalid-grant");
        noProblems(problems);
        await page.close();
      }),
  ],
  ...knowledgeBaseTests(),
  ...cspTests(),
  [
    "the build served from a sub-path (/tools/troubleshooter/): standalone, element embed and the demo pages",
    () =>
      withSites([{ prefix: "/tools/troubleshooter/" }], async (s) => {
        addHostFiles(s);
        s.pages["/help/page.html"] = elementHost("/tools/troubleshooter/embed.js", `<scopestack-troubleshooter id="w"></scopestack-troubleshooter>`);
        for (const p of ["/tools/troubleshooter/", "/tools/troubleshooter/index.html#invalid_grant"]) {
          const { page, problems } = await visit(s.url(p), { ready: true });
          if (p.endsWith("#invalid_grant")) await waitSection(page, "oauth-invalid-grant");
          await page.locator("textarea[data-role=paste]").fill(CURL_401);
          await waitSection(page, "401-unauthorized");
          noProblems(problems, p);
          await page.close();
        }
        const { page, problems } = await visit(s.url("/help/page.html"), { ready: true });
        await page.locator("#w textarea[data-role=paste]").fill(INVALID_GRANT);
        await waitSection(page.locator("#w"), "oauth-invalid-grant");
        // The lazily loaded live panel comes from the sub-path too.
        await page.locator("#w #ts-tab-live").click();
        await page.locator("#w [data-role=live-call]").waitFor({ timeout: ENGINE_MS });
        noProblems(problems, "element");
        await page.close();
        const demo = await visit(s.url("/tools/troubleshooter/demo/help-article.html"), { ready: true });
        await demo.page.locator("textarea[data-role=paste]").fill(CURL_401);
        await waitSection(demo.page, "401-unauthorized");
        noProblems(demo.problems, "demo");
        await demo.page.close();
        const frame = await visit(s.url("/tools/troubleshooter/demo/iframe.html"));
        await widgetFrame(frame.page);
        await frame.page.frameLocator(FRAME).locator("textarea[data-role=paste]").fill(CURL_401);
        await waitSection(frame.page.frameLocator(FRAME), "401-unauthorized");
        noProblems(frame.problems, "demo iframe");
        await frame.page.close();
      }),
  ],
  [
    "element embed with embed.js from another loopback origin (CORS, no CSP): mounts, diagnoses in the engine worker, loads the live panel",
    () =>
      withSites([{ cors: true, prefix: "/tools/troubleshooter/" }, { build: false }], async (w, h) => {
        addHostFiles(h);
        h.pages["/host.html"] = elementHost(`${w.origin}/tools/troubleshooter/embed.js`, `<scopestack-troubleshooter id="w"></scopestack-troubleshooter>`);
        const { page, problems } = await visit(h.url("/host.html"), { ready: true });
        await page.locator("#w textarea[data-role=paste]").fill(CURL_401);
        await waitSection(page.locator("#w"), "401-unauthorized");
        await page.locator("#w #ts-tab-live").click();
        await page.locator("#w [data-role=live-call]").waitFor({ timeout: ENGINE_MS });
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "element embed from another origin under the CSP a host needs for it (script/style/connect-src the widget's origin, worker-src blob:)",
    () =>
      withSites([{ cors: true, headers: { "content-security-policy": STRICT_CSP } }, { build: false }], async (w, h) => {
        const csp = `default-src 'self'; script-src 'self' ${w.origin} 'wasm-unsafe-eval'; style-src 'self' ${w.origin}; connect-src 'self' ${w.origin}; worker-src blob:`;
        const hh = await site({ build: false, headers: { "content-security-policy": csp } });
        try {
          addHostFiles(hh);
          hh.pages["/host.html"] = elementHost(`${w.origin}/embed.js`, `<scopestack-troubleshooter id="w"></scopestack-troubleshooter>`);
          const { page, problems } = await visit(hh.url("/host.html"), { ready: true });
          await page.locator("#w textarea[data-role=paste]").fill(CURL_401);
          await waitSection(page.locator("#w"), "401-unauthorized");
          await page.locator("#w #ts-tab-live").click();
          await page.locator("#w [data-role=live-call]").waitFor({ timeout: ENGINE_MS });
          const v = await cspViolations(page);
          assert(v.length === 0, v.join("\n"));
          noProblems(problems);
          await page.close();
        } finally {
          await hh.close();
        }
      }),
  ],
  [
    "support links never carry a secret: the share link after a paste with a bearer token and client_secret holds masked forms only, and opens the section",
    () =>
      withSites([{}], async (s) => {
        const { page, problems } = await visit(s.url("/index.html"), { ready: true });
        await page.locator("textarea[data-role=paste]").fill(GRANT_WITH_SECRETS);
        await waitSection(page, "oauth-invalid-grant");
        const plain = await page.locator("[data-role=share-link]").inputValue();
        secretFree(plain, "share link");
        assert(/#oauth-invalid-grant$/.test(plain), `share link without paste: ${plain}`);
        await page.locator("[data-check^='oauth-invalid-grant/'] input[type=checkbox]").first().check();
        await page.locator("#ts-share-paste").check();
        const link = await until(async () => {
          const v = await page.locator("[data-role=share-link]").inputValue();
          return v.includes("p=") ? v : null;
        });
        assert(link, "the link holds the paste once asked");
        secretFree(link, "share link with paste");
        const decoded = decodeURIComponentSafe(link.split("#")[1].split("&").find((kv) => kv.startsWith("p=")).slice(2));
        assert(decoded.includes("[masked]"), `masked forms in the link's paste: ${decoded.slice(0, 300)}`);
        assert(/client_secret=[^&\s]*\[masked\]/.test(decoded), `client_secret masked: ${decoded}`);
        assert(/Bearer [^\s]*\[masked\]/.test(decoded), `bearer token masked: ${decoded}`);
        assert(/refresh_token=[^&\s]*\[masked\]/.test(decoded), `refresh token masked: ${decoded}`);
        const ticked = await page.locator("[data-check^='oauth-invalid-grant/']").first().getAttribute("data-check");
        const { page: p2, problems: pr2 } = await visit(link, { ready: true });
        await waitSection(p2, "oauth-invalid-grant");
        secretFree(await p2.locator("textarea[data-role=paste]").inputValue(), "the paste opened from the link");
        assert(await p2.locator(`[data-check='${ticked}'] input`).isChecked(), "the ticked check came along");
        noProblems(pr2, "opened link");
        await p2.close();
        noProblems(problems);
        await page.close();
      }),
  ],
  [
    "element share links point at the host page and never carry a secret",
    () =>
      withSites([{}], async (s) => {
        addHostFiles(s);
        s.pages["/help/article.html"] = elementHost("/embed.js", `<scopestack-troubleshooter id="w"></scopestack-troubleshooter>`);
        const { page, problems } = await visit(s.url("/help/article.html"), { ready: true });
        await page.locator("#w textarea[data-role=paste]").fill(GRANT_WITH_SECRETS);
        await waitSection(page.locator("#w"), "oauth-invalid-grant");
        await page.locator("#w #ts-share-paste").check();
        const link = await until(async () => {
          const v = await page.locator("#w [data-role=share-link]").inputValue();
          return v.includes("p=") ? v : null;
        });
        assert(link?.startsWith(s.url("/help/article.html#")), `the link is the host page's: ${link}`);
        secretFree(link, "element share link");
        const { page: p2, problems: pr2 } = await visit(link, { ready: true });
        await waitSection(p2.locator("#w"), "oauth-invalid-grant");
        noProblems(pr2, "opened element link");
        await p2.close();
        noProblems(problems);
        await page.close();
      }),
  ],
];

// ------------------------------------------------ override knowledge base ---

function changedKb() {
  const kb = JSON.parse(KB_TEXT);
  const s = kb.sections.find((x) => x.id === "401-unauthorized");
  s.summary = "OVERRIDE: this help center's own words for a 401.";
  return JSON.stringify(kb);
}

function knowledgeBaseTests() {
  const page = (kbUrl, attrs = "") =>
    elementHost("/embed.js", `<scopestack-troubleshooter id="w" kb-url="${kbUrl}" ${attrs}></scopestack-troubleshooter>`);
  const fallback = (name, install, allow404 = false) => [
    `override knowledge base, ${name}: the built-in one is used, a notice says so, a console warning, nothing broken`,
    () =>
      withSites([{}], async (s) => {
        addHostFiles(s);
        const url = install(s);
        s.pages["/host.html"] = page(url);
        const { page: p, problems, messages } = await visit(s.url("/host.html"), { ready: true });
        const notice = p.locator("#w [data-role=notice]");
        await notice.waitFor({ timeout: ENGINE_MS });
        assert(await notice.isVisible(), "the notice is visible");
        const warned = await until(() => messages.some((m) => m.type === "warning" && /knowledge base could not be used/.test(m.text)));
        assert(warned, `a console warning: ${JSON.stringify(messages)}`);
        await p.locator("#w textarea[data-role=paste]").fill(CURL_401);
        await waitSection(p.locator("#w"), "401-unauthorized");
        const summary = await p.locator("#w .ts-summary").first().textContent();
        const builtin = JSON.parse(KB_TEXT).sections.find((x) => x.id === "401-unauthorized").summary;
        assert(summary.includes(builtin.slice(0, 40)), `built-in summary shown: ${summary}`);
        // Other sections still there (the quick reference lists them all).
        await p.locator("#w #ts-tab-reference").click();
        await p.locator("#w [data-role=reference]").waitFor({ timeout: ENGINE_MS });
        // The 404 itself is reported by the browser; anything else is a problem.
        const rest = problems.filter((x) => !(allow404 && /404/.test(x) && (/missing\.json/.test(x) || /Failed to load resource/.test(x))));
        noProblems(rest);
        await p.close();
      }),
  ];
  return [
    [
      "override knowledge base via kb-url: the widget shows the changed summary",
      () =>
        withSites([{}], async (s) => {
          addHostFiles(s);
          s.pages["/kb/changed.json"] = changedKb();
          s.pages["/host.html"] = page("/kb/changed.json");
          const { page: p, problems } = await visit(s.url("/host.html"), { ready: true });
          // Pasted at once, whether or not the override is in yet: once it
          // is (the widget says so with data-kb), the paste is read again with it.
          await p.locator("#w textarea[data-role=paste]").fill(CURL_401);
          await p.locator("#w [data-kb=override]").waitFor({ timeout: ENGINE_MS });
          const fetched = await p.evaluate(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/kb/changed.json")));
          assert(fetched, "the override was fetched");
          await waitSection(p.locator("#w"), "401-unauthorized");
          const summaryOf = () => p.locator("#w [data-section='401-unauthorized'] .ts-summary").textContent();
          const overridden = await until(async () => (await summaryOf()).includes("OVERRIDE: this help center's own words"));
          assert(overridden, `summary: ${await summaryOf()}`);
          assert((await p.locator("#w [data-role=notice]").count()) === 0, "no notice for a good override");
          noProblems(problems);
          await p.close();
        }),
    ],
    [
      "override knowledge base with a section attribute: the section the host opens shows the override's summary",
      () =>
        withSites([{}], async (s) => {
          addHostFiles(s);
          s.pages["/kb/changed.json"] = changedKb();
          s.pages["/host.html"] = page("/kb/changed.json", `section="401-unauthorized"`);
          const { page: p, problems } = await visit(s.url("/host.html"), { ready: true });
          await waitSection(p.locator("#w"), "401-unauthorized");
          const ok = await until(async () => (await p.locator("#w [data-section='401-unauthorized'] .ts-summary").textContent()).includes("OVERRIDE:"));
          assert(ok, `summary: ${await p.locator("#w [data-section='401-unauthorized'] .ts-summary").textContent()}`);
          noProblems(problems);
          await p.close();
        }),
    ],
    [
      "override knowledge base on two elements of one page (same kb-url): both use it and neither shows a notice",
      () =>
        withSites([{}], async (s) => {
          addHostFiles(s);
          s.pages["/kb/changed.json"] = changedKb();
          s.pages["/host.html"] = elementHost(
            "/embed.js",
            `<scopestack-troubleshooter id="a" kb-url="/kb/changed.json"></scopestack-troubleshooter>
             <scopestack-troubleshooter id="b" kb-url="/kb/changed.json"></scopestack-troubleshooter>`,
          );
          const { page: p, problems } = await visit(s.url("/host.html"), { ready: true });
          for (const id of ["a", "b"]) await p.locator(`#${id} [data-kb=override]`).waitFor({ timeout: ENGINE_MS });
          for (const id of ["a", "b"]) {
            await p.locator(`#${id} textarea[data-role=paste]`).fill(CURL_401);
            await waitSection(p.locator(`#${id}`), "401-unauthorized");
            const summary = await p.locator(`#${id} [data-section='401-unauthorized'] .ts-summary`).textContent();
            assert(summary.includes("OVERRIDE:"), `${id} shows the override: ${summary}`);
          }
          const notices = await p.locator("[data-role=notice]").allTextContents();
          assert(notices.length === 0, `a notice although the override is in use: ${notices.join(" | ")}`);
          noProblems(problems);
          await p.close();
        }),
    ],
    fallback("invalid JSON", (s) => {
      s.pages["/kb/broken.json"] = KB_TEXT.slice(0, KB_TEXT.length / 2);
      return "/kb/broken.json";
    }),
    fallback("a section missing", (s) => {
      const kb = JSON.parse(KB_TEXT);
      kb.sections = kb.sections.filter((x) => x.id !== "oauth-invalid-grant");
      s.pages["/kb/partial.json"] = JSON.stringify(kb);
      return "/kb/partial.json";
    }),
    fallback("a 404", () => "/kb/missing.json", true),
    fallback("a javascript: link as a section's doc_url", (s) => {
      const kb = JSON.parse(KB_TEXT);
      kb.sections.find((x) => x.id === "401-unauthorized").doc_url = "javascript:alert(document.domain)";
      s.pages["/kb/hostile.json"] = JSON.stringify(kb);
      return "/kb/hostile.json";
    }),
  ];
}

// ------------------------------------------------------------ strict CSP ---

function cspTests() {
  const check = async (page, problems, what) => {
    const v = await cspViolations(page);
    assert(v.length === 0, `${what}: CSP violations:\n${v.join("\n")}`);
    noProblems(problems, what);
  };
  const headers = { "content-security-policy": STRICT_CSP };
  return [
    [
      "strict CSP (header): the standalone page mounts and diagnoses with zero violations",
      () =>
        withSites([{ headers }], async (s) => {
          const { page, problems } = await visit(s.url("/index.html#invalid_grant"), { ready: true });
          await waitSection(page, "oauth-invalid-grant");
          await page.locator("textarea[data-role=paste]").fill(CURL_401);
          await waitSection(page, "401-unauthorized");
          await page.locator("#ts-tab-live").click();
          await page.locator("[data-role=live-call]").waitFor({ timeout: ENGINE_MS });
          await check(page, problems, "standalone");
          await page.close();
        }),
    ],
    [
      "strict CSP (header): the element embed (demo/help-article.html, demo/chat.html) mounts and diagnoses with zero violations",
      () =>
        withSites([{ headers }], async (s) => {
          const { page, problems } = await visit(s.url("/demo/help-article.html"), { ready: true });
          await page.locator("textarea[data-role=paste]").fill(CURL_401);
          await waitSection(page, "401-unauthorized");
          await page.locator("scopestack-troubleshooter #ts-tab-live").click();
          await page.locator("[data-role=live-call]").waitFor({ timeout: ENGINE_MS });
          await check(page, problems, "help-article");
          await page.close();
          const chat = await visit(s.url("/demo/chat.html"));
          await chat.page.locator("a[data-troubleshooter-link]").first().click();
          await waitSection(chat.page, "oauth-invalid-grant");
          await check(chat.page, chat.problems, "chat");
          await chat.page.close();
        }),
    ],
    [
      "strict CSP (header): the iframe embed (demo/iframe.html) mounts, diagnoses, resizes and relays events with zero violations",
      () =>
        withSites([{ headers }], async (s) => {
          const { page, problems } = await visit(s.url("/demo/iframe.html"));
          await widgetFrame(page);
          const h0 = await page.locator(FRAME).evaluate((f) => f.getBoundingClientRect().height);
          await page.frameLocator(FRAME).locator("textarea[data-role=paste]").fill(CURL_401);
          await waitSection(page.frameLocator(FRAME), "401-unauthorized");
          await page.locator("[data-role=event-log] li", { hasText: "diagnosed: 401-unauthorized" }).first().waitFor({ timeout: ENGINE_MS });
          assert(await until(async () => (await page.locator(FRAME).evaluate((f) => f.getBoundingClientRect().height)) > h0 + 100), "the frame resized");
          await check(page, problems, "iframe demo");
          await page.close();
        }),
    ],
    [
      "strict CSP (header) on both sides of a cross-origin iframe: the host needs frame-src and script-src for the widget's origin",
      () =>
        withSites([{ cors: true, headers }], async (w) => {
          const csp = `default-src 'self'; script-src 'self' ${w.origin}; style-src 'self'; connect-src 'self'; frame-src ${w.origin}`;
          const h = await site({ build: false, headers: { "content-security-policy": csp } });
          try {
            addHostFiles(h);
            h.pages["/host.html"] = iframeHost(`${w.origin}/`, h.origin);
            const { page, problems } = await visit(h.url("/host.html"));
            await widgetFrame(page);
            await page.frameLocator(FRAME).locator("textarea[data-role=paste]").fill(CURL_401);
            await waitSection(page.frameLocator(FRAME), "401-unauthorized");
            const events = await until(() => page.evaluate(() => window.__events.some((e) => e.type === "diagnosed")));
            assert(events, "events reach the host");
            await check(page, problems, "cross-origin iframe");
            await page.close();
          } finally {
            await h.close();
          }
        }),
    ],
  ];
}

// A test that fails leaves its pages open; closed here, so the next test's
// page is the only one, in front (a page behind another gets no animation
// frames or resize observations, and would fail for that alone).
const isolated = tests.map(([name, fn]) => [
  name,
  async () => {
    try {
      await fn();
    } finally {
      for (const p of browser.context.pages()) await p.close().catch(() => {});
    }
  },
]);
let ok = false;
try {
  ok = await run("embed", isolated);
} finally {
  await browser.close();
}
process.exit(ok ? 0 : 1);
