// Page tests of the built widget: what a person does with it, in Debian's
// headless Chromium, against the release build served on loopback. Pastes in
// several formats, share links both ways, hand-typed support links, hostile
// pastes, a keyboard-only walk, the quick reference, an axe-core audit in
// both colour schemes and two widths, and a 10 MB paste.
// Usage: node widget.mjs <abs-dist-dir>
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch, open, run, assert } from "./harness.mjs";
import { GATEWAY_PAGE, tenMegabytePaste, pasteOfSize } from "./pastes.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE = path.join(HERE, "node_modules", "axe-core", "axe.min.js");
// The sections the reference must list: the knowledge base compiled into the
// build (the same file, so `./x test` builds and tests one state of it).
const KB = JSON.parse(fs.readFileSync(path.join(HERE, "..", "..", "static", "kb.json"), "utf8"));
// Public section ids from DESIGN.md: never renamed, so always listed.
const PUBLIC_SECTIONS = [
  "required-headers", "401-unauthorized", "oauth-invalid-client", "oauth-invalid-grant",
  "oauth-invalid-resource-owner", "oauth-unsupported-grant-type", "403-forbidden",
  "400-bad-request", "422-unprocessable-entity", "404-not-found", "504-gateway-timeout",
  "network-error", "server-error", "contact-support", "quick-reference",
];

const dist = process.argv[2];
if (!dist || !path.isAbsolute(dist)) {
  console.error("usage: node widget.mjs <absolute-dist-dir>");
  process.exit(2);
}

// A hung browser must not hold the run (or the machine) forever.
const WATCHDOG_MS = 12 * 60 * 1000;
const watchdog = setTimeout(() => {
  console.error(`widget page tests: no end after ${WATCHDOG_MS / 60000} minutes, giving up`);
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

// ---------------------------------------------------------------- pastes ---

const JSONAPI_422 = JSON.stringify({
  errors: [
    {
      title: "can't be blank",
      detail: "name - can't be blank",
      code: "100",
      source: { pointer: "/data/attributes/name" },
      status: "422",
    },
  ],
});

const CURL_401 = `* Connected to api.scopestack.io (52.1.2.3) port 443 (#0)
> GET /acme/v1/projects HTTP/2
> Host: api.scopestack.io
> Authorization: Bearer 3f9a8c7d6e5b4a39281706f5e4d3c2b1
> Accept: application/vnd.api+json
>
< HTTP/2 401
< content-type: application/vnd.api+json
< www-authenticate: Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token expired"
< content-length: 0
<
* Connection #0 to host api.scopestack.io left intact`;

const POSTMAN_GRANT = `POST https://app.scopestack.io/oauth/token
400
Request Headers
Content-Type: application/x-www-form-urlencoded
User-Agent: PostmanRuntime/7.39.0
Request Body
grant_type=password&username=jane%40acme.example&password=hunter2secret&client_id=abc123clientid&client_secret=s3cr3tvalue999&redirect_uri=https%3A%2F%2Foauth.pstmn.io%2Fv1%2Fcallback
Response Headers
Content-Type: application/json; charset=utf-8
Response Body
{"error":"invalid_grant","error_description":"The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."}`;


const PYTHON_504 = `Traceback (most recent call last):
  File "export.py", line 14, in <module>
    resp.raise_for_status()
requests.exceptions.HTTPError: 504 Server Error: Gateway Time-out for url: https://api.scopestack.io/acme/v1/projects/123/merge-data
${GATEWAY_PAGE}`;

const CHROMIUM_CORS = `Access to fetch at 'https://api.scopestack.io/acme/v1/projects' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.
GET https://api.scopestack.io/acme/v1/projects net::ERR_FAILED
Uncaught (in promise) TypeError: Failed to fetch`;

// A JWT-shaped bearer token: its parts must never leave the paste box.
const JWT_PARTS = [
  "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9",
  "eyJzdWIiOiI0MjQyIiwiYWNjb3VudCI6ImFjbWUiLCJleHAiOjE3MTYwMDAwMDB9",
  "Q2hlY2tUaGF0VGhpc1NpZ25hdHVyZU5ldmVyTGVha3NfMDEyMzQ1Njc4OQ",
];
const JWT = JWT_PARTS.join(".");
const RAW_401_WITH_JWT = `GET /acme/v1/projects HTTP/1.1
Host: api.scopestack.io
Authorization: Bearer ${JWT}
Accept: application/vnd.api+json

HTTP/1.1 401 Unauthorized
WWW-Authenticate: Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token expired"
Content-Length: 0`;

const HOSTILE = [
  "<img src=x onerror=alert(1)>",
  "<script>alert(2)</script>",
  "<svg onload=alert(3)>",
  "javascript:alert(4)",
];

// --------------------------------------------------------------- helpers ---

/** Fill the paste box and wait for the section the engine shows. */
async function diagnose(page, text, section) {
  await page.locator("textarea[data-role=paste]").fill(text);
  await page.waitForSelector(`[data-section="${section}"] [data-check]`, { timeout: 30000 });
}

/** The checklist of the shown section, in DOM order. */
async function checklist(page, section) {
  return page.$$eval(`[data-section="${section}"] [data-check]`, (items) =>
    items.map((el) => ({ id: el.dataset.check, state: el.dataset.state })),
  );
}

function stateOf(items, id) {
  return items.find((i) => i.id === id)?.state;
}

function show(items) {
  return items.map((i) => `${i.id}=${i.state}`).join(", ");
}

/** Close the page even when the test failed, so the next starts clean. */
async function withPage(url, fn) {
  const { page, problems } = await open(browser.context, url);
  try {
    return await fn(page, problems);
  } finally {
    await page.close();
  }
}

function noProblems(problems) {
  assert(problems.length === 0, `the page reported:\n${problems.join("\n")}`);
}

/** Everything a person or another script could see or keep from the page. */
async function visibleEverywhere(page) {
  return page.evaluate(() => {
    const clone = document.documentElement.cloneNode(true);
    // The paste box holds what the user typed: that is theirs, not a leak.
    clone.querySelectorAll("textarea[data-role=paste]").forEach((t) => t.remove());
    const values = [...document.querySelectorAll("input, textarea:not([data-role=paste]), select")].map(
      (e) => e.value,
    );
    const storage = [];
    for (const s of [localStorage, sessionStorage]) {
      for (let i = 0; i < s.length; i++) storage.push(`${s.key(i)}=${s.getItem(s.key(i))}`);
    }
    return {
      dom: clone.outerHTML + "\n" + document.body.innerText + "\n" + values.join("\n"),
      url: location.href,
      storage: storage.join("\n"),
      title: document.title,
    };
  });
}

/** Describe the focused element and whether its focus is drawn. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: "body", visible: false, desc: "body" };
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow && cs.boxShadow !== "none";
    const desc = [
      el.tagName.toLowerCase(),
      el.id ? `#${el.id}` : "",
      el.dataset.role ? `[data-role=${el.dataset.role}]` : "",
      el.type ? `[type=${el.type}]` : "",
    ].join("");
    return { tag: el.tagName.toLowerCase(), desc, visible: Boolean(outline || shadow) };
  });
}

/** Press Tab until `selector` has focus, checking focus is drawn each step. */
async function tabTo(page, selector, max = 60) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    seen.push(f.desc);
    assert(f.visible, `focus is not drawn on ${f.desc} (after Tab ${i + 1})`);
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}; focus went: ${seen.join(" → ")}`);
}

async function clipboard(page) {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Run axe on the page and describe each violation with its nodes. */
async function audit(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    // Evaluated by the test harness, not as a script tag: the page runs
    // under its own strict policy, which (rightly) refuses inline scripts.
    await page.evaluate(fs.readFileSync(AXE, "utf8"));
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    }),
  );
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `        ${n.target.join(" ")}: ${n.failureSummary?.split("\n").join(" ")}`).join("\n"),
  );
}

const COMBOS = [
  ["light", 360],
  ["light", 1280],
  ["dark", 360],
  ["dark", 1280],
];

/** Audit one view of the widget in both schemes at both widths. */
async function auditEverywhere(reach) {
  const found = [];
  for (const [scheme, width] of COMBOS) {
    const page = await browser.context.newPage();
    try {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(server.url);
      await page.waitForSelector("[data-ready=true]", { timeout: 30000 });
      await reach(page);
      for (const v of await audit(page)) found.push(`  [${scheme}, ${width}px] ${v}`);
    } finally {
      await page.close();
    }
  }
  assert(found.length === 0, `axe found ${found.length} violation(s):\n${found.join("\n")}`);
}

// ----------------------------------------------------------------- tests ---

const server = await serve(dist);
const browser = await launch();
// Ticks kept in storage by one test must not tick boxes in the next.
await browser.context.addInitScript(() => {
  try {
    localStorage.clear();
  } catch {
    // A page without storage has nothing to clear.
  }
});

const PASTES = [
  ["a JSON:API 422 body", JSONAPI_422, "422-unprocessable-entity", "422-unprocessable-entity/blank-field"],
  ["curl -v of a 401 with an expired token", CURL_401, "401-unauthorized", "401-unauthorized/token-expired"],
  [
    "a Postman password grant with redirect_uri refused with invalid_grant",
    POSTMAN_GRANT,
    "oauth-invalid-grant",
    "oauth-invalid-grant/postman-password-helper",
  ],
  [
    "a python 504 on merge-data without version=2, with the nginx page",
    PYTHON_504,
    "504-gateway-timeout",
    "504-gateway-timeout/merge-data-v1",
  ],
  ["a Chromium CORS message", CHROMIUM_CORS, "network-error", "network-error/cors-blocked"],
];

const tests = [];

/** Register a test. Playwright's call logs quote a call's whole argument (a
 * paste of megabytes), so failure messages are cut to a readable length. */
function test(name, fn) {
  tests.push([
    name,
    async () => {
      try {
        await fn();
      } catch (e) {
        const text = String(e?.message ?? e);
        if (text.length <= 4000) throw e;
        const cut = new Error(`${text.slice(0, 2000)}\n…[${text.length - 3000} characters cut]…\n${text.slice(-1000)}`);
        cut.stack = cut.message;
        throw cut;
      }
    },
  ]);
}

for (const [name, paste, section, check] of PASTES) {
  test(
    `${name} opens ${section} with ${check} confirmed, confirmed first, announced`,
    () =>
      withPage(server.url, async (page, problems) => {
        // The live region must be on the page before the answer, or screen
        // readers do not announce the change.
        await page.$$eval("[aria-live]", (els) => els.forEach((e) => (e.__tsBefore = true)));
        await diagnose(page, paste, section);
        const items = await checklist(page, section);
        assert(stateOf(items, check) === "confirmed", `${check} is ${stateOf(items, check)}: ${show(items)}`);
        const firstOther = items.findIndex((i) => i.state !== "confirmed");
        const lateConfirmed = items.findIndex((i, at) => at > firstOther && i.state === "confirmed");
        assert(firstOther === -1 || lateConfirmed === -1, `a confirmed item comes after another: ${show(items)}`);
        const title = (await page.locator(`[data-section="${section}"] h2`).first().textContent()).trim();
        await page.waitForFunction(
          (t) =>
            [...document.querySelectorAll("[aria-live]")].some(
              (e) => e.__tsBefore && e.isConnected && /best match/i.test(e.textContent) && e.textContent.includes(t),
            ),
          title,
          { timeout: 30000 },
        );
        noProblems(problems);
      }),
  );
}

test(
  "a bare 401 opens 401-unauthorized",
  () =>
    withPage(server.url, async (page, problems) => {
      await diagnose(page, "401", "401-unauthorized");
      const items = await checklist(page, "401-unauthorized");
      assert(items.length > 0, "the 401 checklist has items");
      noProblems(problems);
    }),
);

test(
  "a share link restores the section, the tick and the redacted paste in a new page",
  () =>
    withPage(server.url, async (page, problems) => {
      await diagnose(page, CURL_401, "401-unauthorized");
      const tick = "401-unauthorized/token-expired";
      await page.locator(`[data-check="${tick}"] input[type=checkbox]`).check();
      await page.locator("#ts-share-paste").check();
      const link = await page.locator("[data-role=share-link]").inputValue();
      assert(link.startsWith(server.url), `the share link ${link} starts with the page address`);
      assert(link.includes("#"), `the share link ${link} carries a fragment`);
      assert(!link.includes("3f9a8c7d6e5b4a39281706f5e4d3c2b1"), `the share link carries the bearer token: ${link}`);
      // Only the link may restore the tick in the new page.
      await page.evaluate(() => localStorage.clear());
      const { page: again, problems: againProblems } = await open(browser.context, link);
      try {
        await again.waitForSelector(`[data-section="401-unauthorized"] [data-check="${tick}"]`, { timeout: 30000 });
        assert(
          await again.locator(`[data-check="${tick}"] input[type=checkbox]`).isChecked(),
          "the tick came back with the link",
        );
        const paste = await again.locator("textarea[data-role=paste]").inputValue();
        assert(paste.includes("The access token expired"), `the paste came back: ${JSON.stringify(paste)}`);
        assert(!paste.includes("3f9a8c7d6e5b4a39281706f5e4d3c2b1"), "the paste came back without the token");
        assert(/\[masked\]/.test(paste), `the paste came back masked: ${JSON.stringify(paste)}`);
        // The paste from the link is diagnosed again: the evidence is back.
        await again.waitForSelector(`[data-check="${tick}"][data-state=confirmed]`, { timeout: 30000 });
        noProblems(againProblems);
      } finally {
        await again.close();
      }
      noProblems(problems);
    }),
);

test(
  "a JWT bearer token never reaches the share link, the URL, storage or the page text",
  () =>
    withPage(server.url, async (page, problems) => {
      await diagnose(page, RAW_401_WITH_JWT, "401-unauthorized");
      await page.locator("[data-check] input[type=checkbox]").first().check();
      await page.locator("#ts-share-paste").check();
      // The support bundle is part of the page too: open it.
      await page.locator("details").evaluateAll((ds) => ds.forEach((d) => (d.open = true)));
      const link = await page.locator("[data-role=share-link]").inputValue();
      const seen = await visibleEverywhere(page);
      const places = { "share link": link, ...seen };
      for (const [where, text] of Object.entries(places)) {
        for (const part of JWT_PARTS) {
          assert(!text.includes(part), `${where} holds part of the token (${part.slice(0, 12)}…)`);
        }
      }
      // The mask keeps a short prefix, so people can tell tokens apart.
      assert(seen.dom.includes("Bearer eyJh…[masked]"), "the page shows the token masked, as eyJh…[masked]");
      const { page: again, problems: againProblems } = await open(browser.context, link);
      try {
        await again.waitForSelector("[data-section='401-unauthorized']", { timeout: 30000 });
        const paste = await again.locator("textarea[data-role=paste]").inputValue();
        const there = { ...(await visibleEverywhere(again)), "paste box": paste };
        for (const [where, text] of Object.entries(there)) {
          for (const part of JWT_PARTS) {
            assert(!text.includes(part), `the opened link's ${where} holds part of the token`);
          }
        }
        assert(paste.includes("Bearer eyJh…[masked]"), `the linked paste shows the mask: ${JSON.stringify(paste)}`);
        noProblems(againProblems);
      } finally {
        await again.close();
      }
      noProblems(problems);
    }),
);

test(
  "a hand-made #p= link with a raw token: the address bar and the history keep only the masked paste",
  () => {
    const raw = RAW_401_WITH_JWT;
    const url = `${server.url}#s=401-unauthorized&p=${encodeURIComponent(raw)}`;
    return withPage(url, async (page, problems) => {
      await page.waitForSelector("[data-section='401-unauthorized']", { timeout: 30000 });
      // The widget rewrites the address once it has read it: wait for that.
      await page.waitForFunction((part) => !decodeURIComponent(location.hash).includes(part), JWT_PARTS[2], { timeout: 30000 });
      const hash = await page.evaluate(() => decodeURIComponent(location.hash));
      for (const part of JWT_PARTS) assert(!hash.includes(part), `the address bar still holds part of the token: ${hash.slice(0, 200)}`);
      assert(hash.includes("s=401-unauthorized") && hash.includes("401 Unauthorized"), `the rest of the link stays: ${hash.slice(0, 200)}`);
      assert(hash.includes("eyJh…[masked]"), `the masked paste is in the address: ${hash.slice(0, 200)}`);
      // Replaced, not pushed: as many history entries as a clean link has.
      const entries = await page.evaluate(() => history.length);
      const baseline = await withPage(`${server.url}#401-unauthorized`, async (clean) => {
        await clean.waitForSelector("[data-section='401-unauthorized']", { timeout: 30000 });
        return clean.evaluate(() => history.length);
      });
      assert(entries === baseline, `no new history entry: ${entries} vs ${baseline} for a clean link`);
      noProblems(problems);
    });
  },
);

for (const [fragment, section] of [
  ["#401-unauthorized", "401-unauthorized"],
  ["#oauth-invalid-grant", "oauth-invalid-grant"],
  ["#invalid_grant", "oauth-invalid-grant"],
  ["#504", "504-gateway-timeout"],
]) {
  test(
    `the hand-typed link ${fragment} opens ${section} with every check unknown`,
    () =>
      withPage(server.url + fragment, async (page, problems) => {
        await page.waitForSelector(`[data-section="${section}"] [data-check]`, { timeout: 30000 });
        const items = await checklist(page, section);
        const known = items.filter((i) => i.state !== "unknown");
        assert(known.length === 0, `without a paste every check is unknown: ${show(known)}`);
        assert((await page.locator("[data-section]").count()) === 1, "one section is shown");
        noProblems(problems);
      }),
  );
}

test(
  "the hand-typed link #view=reference opens the quick reference",
  () =>
    withPage(server.url + "#view=reference", async (page, problems) => {
      await page.waitForSelector("[data-role=reference] [data-reference-section]", { timeout: 30000 });
      const selected = await page.locator("#ts-tab-reference").getAttribute("aria-selected");
      assert(selected === "true", `the reference tab is selected (aria-selected=${selected})`);
      noProblems(problems);
    }),
);

test(
  "a link clicked inside the page (hashchange) opens its section",
  () =>
    withPage(server.url, async (page, problems) => {
      await page.evaluate(() => (location.hash = "#403"));
      await page.waitForSelector("[data-section='403-forbidden'] [data-check]", { timeout: 30000 });
      noProblems(problems);
    }),
);

test(
  "a hostile paste stays text: no dialog, no element, echoed literally",
  () =>
    withPage(server.url, async (page, problems) => {
      const count = () =>
        page.evaluate(() => document.querySelectorAll("main img, main script, main svg, main iframe, main object").length);
      const before = await count();
      const paste = [
        "HTTP/1.1 422 Unprocessable Entity",
        "Content-Type: application/vnd.api+json",
        "",
        JSON.stringify({
          errors: [
            {
              title: "can't be blank",
              detail: `name - ${HOSTILE.join(" ")}`,
              source: { pointer: "/data/attributes/name" },
              status: "422",
            },
          ],
        }),
        ...HOSTILE,
      ].join("\n");
      await diagnose(page, paste, "422-unprocessable-entity");
      await page.locator("details").evaluateAll((ds) => ds.forEach((d) => (d.open = true)));
      // No element was added, so no onerror or onload can ever fire (and a
      // dialog would be caught by the page's listener).
      assert((await count()) === before, `the paste added elements (${before} before, ${await count()} after)`);
      const scriptish = await page.evaluate(
        () => [...document.querySelectorAll("main [href^='javascript:' i], main [src^='javascript:' i]")].length,
      );
      assert(scriptish === 0, "a javascript: URL became a link");
      const bundle = await page.locator("[data-role=support-bundle]").textContent();
      for (const h of HOSTILE) assert(bundle.includes(h), `the support bundle shows ${h} as text`);
      noProblems(problems);
    }),
);

test(
  "a hostile paste or section in a link executes nothing",
  async () => {
    const fragment = "#s=" + encodeURIComponent("<img src=x onerror=alert(5)>") + "&p=" + encodeURIComponent(HOSTILE.join("\n"));
    await withPage(server.url + fragment, async (page, problems) => {
      await page.waitForFunction(
        () => document.querySelector("textarea[data-role=paste]")?.value.includes("alert(2)"),
        null,
        { timeout: 30000 },
      );
      // The link's paste has been diagnosed: everything it leads to is on screen.
      await page.waitForFunction(() => performance.getEntriesByName("scopestack:diagnosed").length > 0, null, { timeout: 30000 });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
      const added = await page.evaluate(() => document.querySelectorAll("main img, main script, main svg").length);
      assert(added === 0, `the link added ${added} element(s)`);
      noProblems(problems);
    });
  },
);

test(
  "keyboard only: paste, tick, copy the link, open and copy the support message, focus always drawn",
  async () => {
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
    await withPage(server.url, async (page, problems) => {
      await tabTo(page, "textarea[data-role=paste]");
      await page.keyboard.insertText(CURL_401);
      await page.waitForSelector("[data-section='401-unauthorized'] [data-check]", { timeout: 30000 });
      await tabTo(page, "[data-check] input[type=checkbox]");
      const first = await page.evaluate(() => document.activeElement.closest("[data-check]").dataset.check);
      const firstInDom = await page.locator("[data-check]").first().getAttribute("data-check");
      assert(first === firstInDom, `the first checkbox reached is ${first}, the first in the list ${firstInDom}`);
      await page.keyboard.press("Space");
      assert(
        await page.locator(`[data-check="${first}"] input[type=checkbox]`).isChecked(),
        "Space ticks the checkbox",
      );
      await tabTo(page, "[data-role=copy-link]");
      await page.keyboard.press("Enter");
      const link = await page.locator("[data-role=share-link]").inputValue();
      assert(link.includes(first), `the share link ${link} carries the tick ${first}`);
      await page.waitForFunction(
        async (l) => (await navigator.clipboard.readText()) === l,
        link,
        { timeout: 30000 },
      ).catch(async () => {
        throw new Error(`the clipboard holds ${JSON.stringify(await clipboard(page))}, not the link ${link}`);
      });
      await tabTo(page, "details:has([data-role=support-bundle]) > summary");
      await page.keyboard.press("Enter");
      assert(await page.locator("details:has([data-role=support-bundle])").evaluate((d) => d.open), "Enter opens the support details");
      await tabTo(page, "[data-role=copy-bundle]");
      // Back one step and forward again: Shift+Tab works and focus stays drawn.
      await page.keyboard.press("Shift+Tab");
      const back = await focused(page);
      assert(back.visible, `focus is not drawn on ${back.desc} after Shift+Tab`);
      assert(back.desc !== "body", "Shift+Tab lost the focus");
      await tabTo(page, "[data-role=copy-bundle]", 3);
      await page.keyboard.press("Enter");
      const message = await page.locator("[data-role=support-bundle]").textContent();
      await page.waitForFunction(
        async (m) => (await navigator.clipboard.readText()) === m,
        message,
        { timeout: 30000 },
      ).catch(async () => {
        throw new Error(`the clipboard holds ${JSON.stringify((await clipboard(page)).slice(0, 200))}, not the support message`);
      });
      assert(message.includes("401"), "the support message is about the 401");
      noProblems(problems);
    });
  },
);

/** Relative luminance and contrast, as WCAG defines them. */
function contrast(a, b) {
  const lum = ([r, g, bl]) => {
    const c = [r, g, bl].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

test(
  "the focus ring contrasts at least 3:1 with the page around it, light and dark (WCAG 1.4.11)",
  async () => {
    const weak = [];
    for (const scheme of ["light", "dark"]) {
      const page = await browser.context.newPage();
      try {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(server.url);
        await page.waitForSelector("[data-ready=true]", { timeout: 30000 });
        await page.keyboard.press("Tab");
        const colours = await page.evaluate(() => {
          const rgb = (s) => (s.match(/[\d.]+/g) ?? []).map(Number);
          const el = document.activeElement;
          let bg = null;
          // The ring sits outside the element: what is behind it is the
          // nearest opaque background of an ancestor.
          for (let e = el.parentElement; e && !bg; e = e.parentElement) {
            const c = rgb(getComputedStyle(e).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] === 1)) bg = c.slice(0, 3);
          }
          return { ring: rgb(getComputedStyle(el).outlineColor).slice(0, 3), bg: bg ?? [255, 255, 255], el: el.id || el.tagName };
        });
        const ratio = contrast(colours.ring, colours.bg);
        if (ratio < 3) {
          weak.push(`${scheme}: ring rgb(${colours.ring}) on rgb(${colours.bg}) around ${colours.el} is ${ratio.toFixed(2)}:1`);
        }
      } finally {
        await page.close();
      }
    }
    assert(weak.length === 0, `the focus ring is too faint:\n  ${weak.join("\n  ")}`);
  },
);

test(
  "the quick reference lists every section, searches by code and message, and opens a row",
  () =>
    withPage(server.url, async (page, problems) => {
      await page.locator("#ts-tab-reference").click();
      await page.waitForSelector("[data-role=reference] [data-reference-section]", { timeout: 30000 });
      const rows = () => page.$$eval("[data-reference-section]", (r) => r.map((e) => e.dataset.referenceSection));
      const all = await rows();
      const kbIds = KB.sections.map((s) => s.id);
      const missing = [...new Set([...PUBLIC_SECTIONS, ...kbIds])].filter((id) => !all.includes(id));
      assert(missing.length === 0, `the reference lacks ${missing.join(", ")}`);
      assert(all.length === new Set(all).size, `a section is listed twice: ${all.join(", ")}`);
      const search = page.locator("[data-role=search]");
      for (const query of ["422", "can't be blank"]) {
        await search.fill("");
        await search.pressSequentially(query);
        // The status line names the query once its answer is on screen.
        await page.waitForFunction(
          (q) => document.querySelector("[data-role=reference] [role=status]")?.textContent.includes(q),
          query,
          { timeout: 30000 },
        );
        const found = await rows();
        assert(
          found[0] === "422-unprocessable-entity" && found.length < all.length,
          `“${query}” finds [${found.join(", ")}]: the 422 section first, fewer than all ${all.length} expected`,
        );
      }
      await search.fill("422");
      await page.waitForFunction(
        () => document.querySelector("[data-reference-section]")?.dataset.referenceSection === "422-unprocessable-entity",
        null,
        { timeout: 30000 },
      );
      await page.locator("[data-reference-section='422-unprocessable-entity'] button").click();
      await page.waitForSelector("[data-section='422-unprocessable-entity'] [data-check]", { timeout: 30000 });
      const tab = await page.locator("#ts-tab-diagnose").getAttribute("aria-selected");
      assert(tab === "true", "opening a row returns to the Diagnose tab");
      assert(page.url().endsWith("#422-unprocessable-entity"), `the address follows the section: ${page.url()}`);
      noProblems(problems);
    }),
);

test("axe: no violations on the empty page (light, dark; 360 and 1280 px)", () => auditEverywhere(async () => {}));

test(
  "axe: no violations on a diagnosed 401 with its details open (light, dark; 360 and 1280 px)",
  () =>
    auditEverywhere(async (page) => {
      await diagnose(page, CURL_401, "401-unauthorized");
      await page.locator("#ts-share-paste").check();
      await page.locator("details").evaluateAll((ds) => ds.forEach((d) => (d.open = true)));
    }),
);

test(
  "axe: no violations on the quick reference (light, dark; 360 and 1280 px)",
  () =>
    auditEverywhere(async (page) => {
      await page.locator("#ts-tab-reference").click();
      await page.waitForSelector("[data-reference-section]", { timeout: 30000 });
    }),
);

test(
  "a 10 MB curl -v paste shows progress and is diagnosed within 60 s without console errors",
  async () => {
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
    await withPage(server.url, async (page, problems) => {
      const paste = tenMegabytePaste();
      // Pasted the way a person does, through the clipboard: Playwright's
      // fill() types through Input.insertText, which in this Chromium takes
      // 4 s for 100 kB and grows faster than the text, so it never ends at 10 MB.
      await page.evaluate((text) => navigator.clipboard.writeText(text), paste);
      // Installed after the clipboard write, so only the paste is measured.
      await page.evaluate(() => {
        window.__tsLongest = { duration: 0, count: 0, tasks: [] };
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            window.__tsLongest.count++;
            window.__tsLongest.tasks.push([e.startTime, e.duration]);
            if (e.duration > window.__tsLongest.duration) window.__tsLongest.duration = e.duration;
          }
        }).observe({ type: "longtask" });
        // When the paste landed and when the answer did, to tell the
        // browser's own work on 10 MB of text from the widget's.
        window.__tsInputAt = null;
        document.addEventListener("input", () => (window.__tsInputAt ??= performance.now()), true);
        window.__tsProgress = null;
        new MutationObserver(() => {
          const s = [...document.querySelectorAll("[role=status]")].find((e) => /MB/.test(e.textContent));
          if (s && !window.__tsProgress) window.__tsProgress = s.textContent;
          if (!window.__tsAnsweredAt && document.querySelector("[data-section]")) window.__tsAnsweredAt = performance.now();
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await page.locator("textarea[data-role=paste]").focus();
      const started = Date.now();
      await page.keyboard.press("ControlOrMeta+V");
      await page.waitForSelector("[data-section='504-gateway-timeout']", { timeout: 60000 });
      const took = Date.now() - started;
      const stats = await page.evaluate(() => ({
        longest: window.__tsLongest,
        progress: window.__tsProgress,
        input: window.__tsInputAt,
        answered: window.__tsAnsweredAt,
      }));
      const at = (t) => (stats.input == null ? `${Math.round(t)} ms` : `${Math.round(t - stats.input)} ms`);
      console.log(
        `     10 MB paste (${(paste.length / 1048576).toFixed(1)} MiB): diagnosed in ${(took / 1000).toFixed(1)} s; ` +
          `longest main-thread task ${Math.round(stats.longest.duration)} ms (${stats.longest.count} long tasks); ` +
          `progress shown: ${stats.progress ? JSON.stringify(stats.progress) : "no"}\n` +
          `     long tasks (start after the input event, duration): ` +
          stats.longest.tasks.map(([start, d]) => `${at(start)}+${Math.round(d)}`).join(", ") +
          `; answer on screen at ${stats.answered == null ? "?" : at(stats.answered)}`,
      );
      assert(stats.progress, "no progress was shown while the engine read the paste");
      noProblems(problems);
    });
  },
);

/** Paste `text` through the clipboard, as a person does (see the 10 MB test). */
async function pasteThroughClipboard(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.locator("textarea[data-role=paste]").focus();
  await page.keyboard.press("ControlOrMeta+V");
}

test("a paste over the engine's limit is read from its start, says so, and the box keeps it", async () => {
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
  await withPage(server.url, async (page, problems) => {
    const paste = pasteOfSize(17 * 1024 * 1024);
    await pasteThroughClipboard(page, paste);
    await page.waitForSelector("[data-section='504-gateway-timeout']", { timeout: 60000 });
    const notice = (await page.locator("[data-role=read-notice]").textContent()).trim();
    assert(/too large to read whole \(17\.0 MB\): only its first 16\.0 MB were read/.test(notice), `the notice says ${JSON.stringify(notice)}`);
    // What was pasted is not lost: the box shows its start, read-only, and
    // says how much there is.
    const box = await page.locator("textarea[data-role=paste]").inputValue();
    assert(box.startsWith(paste.slice(0, 200)), "the box does not start with the paste");
    assert(box.includes("17.0 MB pasted"), `the box does not say how much was pasted: ${JSON.stringify(box.slice(-200))}`);
    assert(await page.locator("textarea[data-role=paste]").getAttribute("readonly") !== null, "the box of a large paste is not read-only");
    noProblems(problems);
  });
});

test("a paste of a million { gets an answer, not a frozen page", async () => {
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
  await withPage(server.url, async (page, problems) => {
    await pasteThroughClipboard(page, "{".repeat(1_000_000));
    await page.waitForSelector("[data-role=no-error]", { timeout: 60000 });
    // Cleared, the box takes a small paste again, typed.
    await page.locator("[data-role=clear-paste]").click();
    await diagnose(page, "HTTP/1.1 403 Forbidden", "403-forbidden");
    noProblems(problems);
  });
});

/**
 * Record, in the page, each worker started: whether the widget's wasm had
 * already arrived then (its resource timing entry is written when the last
 * byte is in, before the widget can be instantiated), and whether the
 * widget was already interactive (its Performance mark).
 */
async function recordWorkerStarts(page) {
  await page.addInitScript(() => {
    const Native = window.Worker;
    window.__workerStarts = [];
    window.Worker = class extends Native {
      constructor(url, options) {
        super(url, options);
        const widgetIn = performance
          .getEntriesByType("resource")
          .some((e) => /scopestack-troubleshooter-[0-9a-f]+_bg\.wasm/.test(e.name));
        const interactive = performance.getEntriesByName("scopestack:interactive").length > 0;
        window.__workerStarts.push({ url: String(url), widgetIn, interactive });
      }
    };
  });
}

test("a plain standalone page starts the engine's worker after the widget, a link with a paste before it", async () => {
  for (const [fragment, before] of [["", false], [`#p=${encodeURIComponent(CURL_401)}`, true]]) {
    const page = await browser.context.newPage();
    const problems = [];
    page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    try {
      await recordWorkerStarts(page);
      await page.goto(`${server.url}${fragment}`);
      await page.waitForFunction(
        () => (window.__workerStarts ?? []).some((w) => /engine-worker/.test(w.url)),
        null,
        { timeout: 30000 },
      );
      const starts = (await page.evaluate(() => window.__workerStarts)).filter((w) => /engine-worker/.test(w.url));
      assert(starts.length === 1, `${fragment || "plain page"}: engine workers started: ${JSON.stringify(starts)}`);
      // With a paste waiting, the engine starts before the widget is up (the
      // wasm may be in already: the page preloads it); without, only once the
      // widget's wasm is in and compiled.
      const when = before ? !starts[0].interactive : starts[0].widgetIn;
      assert(
        when,
        `${fragment ? "a link with a paste" : "a plain page"} should start the engine ${before ? "before the widget is interactive" : "after the widget's wasm arrived"}: ${JSON.stringify(starts)}`,
      );
      if (before) {
        await page.waitForSelector('[data-section="401-unauthorized"] [data-check]', { timeout: 30000 });
      }
      // Either way the next question is answered by that worker.
      await diagnose(page, "HTTP/1.1 403 Forbidden", "403-forbidden");
      const again = (await page.evaluate(() => window.__workerStarts)).filter((w) => /engine-worker/.test(w.url));
      assert(again.length === 1, `engine workers started: ${JSON.stringify(again)}`);
      noProblems(problems);
    } finally {
      await page.close();
    }
  }
});

test("the standalone page starts the engine's worker itself, and the widget uses that one", async () => {
  // Listening before the page loads: its start-up script starts the worker.
  const page = await browser.context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  try {
    const workers = [];
    page.on("worker", (w) => workers.push(w.url()));
    await page.goto(`${server.url}#p=${encodeURIComponent(CURL_401)}`);
    await page.waitForSelector('[data-section="401-unauthorized"] [data-check]', { timeout: 30000 });
    await page.waitForFunction(() => performance.getEntriesByName("scopestack:diagnosed").length > 0, null, { timeout: 30000 });
    const engines = workers.filter((u) => /engine-worker/.test(u));
    assert(engines.length === 1, `engine workers started: ${JSON.stringify(workers)}`);
    // Every kind of question still goes through it: a section, a search.
    await page.locator("#ts-tab-reference").click();
    await page.waitForSelector("[data-reference-section]", { timeout: 30000 });
    assert(workers.filter((u) => /engine-worker/.test(u)).length === 1, `engine workers started: ${JSON.stringify(workers)}`);
    noProblems(problems);
  } finally {
    await page.close();
  }
});

// ------------------------------------- what the engine shows beside it ---

const FIXTURES = path.join(HERE, "..", "fixtures");

/** A paste of the fixture corpus, with the secrets its header lists. */
function fixture(name) {
  const text = fs.readFileSync(path.join(FIXTURES, name), "utf8");
  const at = text.indexOf("=== paste ===\n");
  assert(at >= 0, `${name} has no paste`);
  const secrets = text
    .slice(0, at)
    .split("\n")
    .filter((l) => l.startsWith("secret: "))
    .map((l) => l.slice("secret: ".length).trim());
  return { paste: text.slice(at + "=== paste ===\n".length), secrets };
}

/** The marked parts of `selector`, and its whole text. */
async function markedIn(page, selector) {
  return page.locator(selector).evaluate((el) => ({
    marks: [...el.querySelectorAll("mark")].map((m) => m.textContent),
    text: el.textContent,
  }));
}

test(
  "a 422 whose request body is in the paste shows the body with the failing member marked",
  () =>
    withPage(server.url, async (page, problems) => {
      const { paste, secrets } = fixture("422__har__create-project-blank-project-name.txt");
      await diagnose(page, paste, "422-unprocessable-entity");
      const pin = page.locator("[data-role=pinpoint]");
      await pin.waitFor({ timeout: 30000 });
      assert((await pin.getAttribute("data-present")) === "true", "the member is found in the body sent");
      const { marks, text } = await markedIn(page, "[data-role=pinpoint] pre");
      assert(marks.length === 1, `one member is marked: ${JSON.stringify(marks)}`);
      assert(/"project-name"/.test(marks[0]), `the mark is the project-name member: ${JSON.stringify(marks[0])}`);
      assert(text.includes('"attributes"'), `the body sent is shown around it: ${text.slice(0, 200)}`);
      const note = await pin.locator("p").textContent();
      assert(note.includes("/data/attributes/project-name"), `the sentence names the pointer: ${note}`);
      for (const secret of secrets) assert(!text.includes(secret), "the shown body holds a secret");
      noProblems(problems);
    }),
);

test(
  "a 422 without a request body says where the member belongs in a minimal JSON:API body",
  () =>
    withPage(server.url, async (page, problems) => {
      await diagnose(page, JSONAPI_422, "422-unprocessable-entity");
      const pin = page.locator("[data-role=pinpoint]");
      await pin.waitFor({ timeout: 30000 });
      assert((await pin.getAttribute("data-present")) === "false", "the member is not in a body sent");
      const { marks, text } = await markedIn(page, "[data-role=pinpoint] pre");
      assert(marks.length === 1 && marks[0].includes('"name"'), `the place of name is marked: ${JSON.stringify(marks)}`);
      assert(text.includes('"data"') && text.includes('"attributes"'), `a minimal JSON:API body: ${text}`);
      noProblems(problems);
    }),
);

test(
  "a redirect_uri that differs from the registered callback shows both side by side, the difference marked",
  () =>
    withPage(server.url, async (page, problems) => {
      const { paste, secrets } = fixture("oauth-invalid-grant__postman-console__callback-differs-from-registered.txt");
      await diagnose(page, paste, "oauth-invalid-grant");
      const pair = page.locator("[data-role=sent-vs-expected] [data-what=redirect_uri]");
      await pair.waitFor({ timeout: 30000 });
      const sent = await markedIn(page, "[data-role=sent-vs-expected] [data-what=redirect_uri] [data-side=sent]");
      const expected = await markedIn(page, "[data-role=sent-vs-expected] [data-what=redirect_uri] [data-side=expected]");
      assert(sent.text === "https://oauth.pstmn.io/v1/callback", `sent: ${sent.text}`);
      assert(expected.text === "https://oauth.pstmn.io/v1/browser-callback", `expected: ${expected.text}`);
      // The sent value lacks a part: only the expected side has a mark.
      assert(sent.marks.length === 0, `nothing of the sent value differs: ${JSON.stringify(sent.marks)}`);
      assert(expected.marks.join("") === "browser-", `the difference is marked: ${JSON.stringify(expected.marks)}`);
      const all = await page.locator("[data-role=sent-vs-expected]").textContent();
      for (const secret of secrets) assert(!all.includes(secret), "the pair shows a secret");
      noProblems(problems);
    }),
);

test(
  "the reply for the customer is shown in full and copied as shown, with no secret of the paste",
  async () => {
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
    await withPage(server.url, async (page, problems) => {
      const { paste, secrets } = fixture("401__har__expired-token-with-cookie.txt");
      assert(secrets.length > 0, "the fixture plants secrets");
      await diagnose(page, paste, "401-unauthorized");
      await page.locator("details:has([data-role=reply]) > summary").click();
      const reply = await page.locator("[data-role=reply]").textContent();
      assert(reply.includes("**What happened:**"), `the reply says what happened: ${reply.slice(0, 300)}`);
      assert(reply.includes("docs.scopestack.io"), `the reply links the article: ${reply.slice(0, 300)}`);
      await page.evaluate(() => navigator.clipboard.writeText(""));
      await page.locator("[data-role=copy-reply]").click();
      await page.waitForFunction(
        async (r) => (await navigator.clipboard.readText()) === r,
        reply,
        { timeout: 30000 },
      ).catch(async () => {
        throw new Error(`the clipboard holds ${JSON.stringify((await clipboard(page)).slice(0, 200))}, not the reply`);
      });
      const status = await page.locator("details:has([data-role=reply]) [role=status]").textContent();
      assert(/copied/i.test(status), `the copy is announced: ${status}`);
      for (const secret of secrets) assert(!reply.includes(secret), "the reply holds a secret of the paste");
      noProblems(problems);
    });
  },
);

/** A HAR with a secret in every place a HAR keeps one. */
const PLANTED = {
  bearer: "PLANTEDbearer7f3a9c2e1d4b8a6f",
  cookie: "PLANTEDcookie5e8d2c7b1a9f3e",
  query: "PLANTEDquery4c1b9a8d7e6f5a",
  password: "PLANTEDpass9x8y7z",
  secret: "PLANTEDclientsecret2k4m6n8p",
  setCookie: "PLANTEDsetcookie3q5r7s9t",
  access: "PLANTEDaccess1a2b3c4d5e6f7g8h",
};
const PLANTED_HAR = JSON.stringify({
  log: {
    version: "1.2",
    creator: { name: "WebInspector", version: "537.36" },
    entries: [
      {
        startedDateTime: "2024-06-03T09:12:44.106Z",
        time: 120.5,
        request: {
          method: "POST",
          url: `https://app.scopestack.io/oauth/token?access_token=${PLANTED.query}`,
          httpVersion: "http/2.0",
          headers: [
            { name: "authorization", value: `Bearer ${PLANTED.bearer}` },
            { name: "cookie", value: `_session=${PLANTED.cookie}` },
            { name: "content-type", value: "application/x-www-form-urlencoded" },
          ],
          cookies: [{ name: "_session", value: PLANTED.cookie }],
          queryString: [{ name: "access_token", value: PLANTED.query }],
          postData: {
            mimeType: "application/x-www-form-urlencoded",
            params: [
              { name: "grant_type", value: "password" },
              { name: "password", value: PLANTED.password },
            ],
            text: `grant_type=password&username=jane%40acme.example&password=${PLANTED.password}&client_secret=${PLANTED.secret}`,
          },
          headersSize: -1,
          bodySize: -1,
        },
        response: {
          status: 200,
          statusText: "OK",
          httpVersion: "http/2.0",
          headers: [{ name: "set-cookie", value: `_session=${PLANTED.setCookie}; HttpOnly` }],
          cookies: [{ name: "_session", value: PLANTED.setCookie, httpOnly: true }],
          content: {
            mimeType: "application/json",
            text: JSON.stringify({ access_token: PLANTED.access, token_type: "Bearer", expires_in: 7200 }),
          },
          redirectURL: "",
          headersSize: -1,
          bodySize: -1,
        },
        cache: {},
        timings: { send: 1, wait: 100, receive: 2 },
      },
      {
        startedDateTime: "2024-06-03T09:12:45.010Z",
        time: 80.2,
        request: {
          method: "GET",
          url: "https://api.scopestack.io/acme/v1/projects",
          httpVersion: "http/2.0",
          headers: [
            { name: "authorization", value: `Bearer ${PLANTED.access}` },
            { name: "accept", value: "application/vnd.api+json" },
          ],
          cookies: [],
          queryString: [],
          headersSize: -1,
          bodySize: 0,
        },
        response: {
          status: 401,
          statusText: "Unauthorized",
          httpVersion: "http/2.0",
          headers: [
            { name: "www-authenticate", value: 'Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token expired"' },
          ],
          cookies: [],
          content: { mimeType: "application/vnd.api+json", text: "" },
          redirectURL: "",
          headersSize: -1,
          bodySize: 0,
        },
        cache: {},
        timings: { send: 1, wait: 70, receive: 1 },
      },
    ],
  },
}, null, 2);

/** Drop `text` on the paste box as the file `name`, as a person drags one in. */
async function dropFile(page, name, text) {
  await page.locator("textarea[data-role=paste]").evaluate(
    (box, [n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: "application/json" }));
      box.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [name, text],
  );
}

/** Click Save sanitized HAR and read the file the browser saved. */
async function savedHar(page) {
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 30000 }),
    page.locator("[data-role=save-har]").click(),
  ]);
  const name = download.suggestedFilename();
  const text = fs.readFileSync(await download.path(), "utf8");
  return { name, text };
}

test(
  "a dropped HAR is saved back sanitized: the file parses as a HAR and holds no planted secret",
  () =>
    withPage(server.url, async (page, problems) => {
      await dropFile(page, "api-call.har", PLANTED_HAR);
      await page.waitForSelector("[data-role=save-har]", { timeout: 30000 });
      const { name, text } = await savedHar(page);
      assert(name.endsWith(".har"), `the file is a .har: ${name}`);
      const har = JSON.parse(text);
      assert(Array.isArray(har?.log?.entries) && har.log.entries.length === 2, `a HAR with both entries: ${text.slice(0, 200)}`);
      assert(har.log.entries[1].response.status === 401, "the entries keep what they were");
      for (const [where, secret] of Object.entries(PLANTED)) {
        assert(!text.includes(secret), `the saved HAR holds the planted ${where}`);
      }
      assert(text.includes("[masked]"), "the secrets are masked, not dropped silently");
      noProblems(problems);
    }),
);

test(
  "a pasted HAR from the corpus is saved back as a HAR without its secrets",
  () =>
    withPage(server.url, async (page, problems) => {
      const { paste, secrets } = fixture("401__har__expired-token-with-cookie.txt");
      await diagnose(page, paste, "401-unauthorized");
      const { text } = await savedHar(page);
      const har = JSON.parse(text);
      assert(Array.isArray(har?.log?.entries) && har.log.entries.length > 0, "the file is a HAR with entries");
      for (const secret of secrets) assert(!text.includes(secret), `the saved HAR holds ${secret.slice(0, 8)}…`);
      noProblems(problems);
    }),
);

test(
  "a paste that is not a HAR offers no HAR to save",
  () =>
    withPage(server.url, async (page, problems) => {
      await diagnose(page, CURL_401, "401-unauthorized");
      await page.locator("[data-role=reply]").waitFor({ state: "attached", timeout: 30000 });
      assert((await page.locator("[data-role=save-har]").count()) === 0, "a Save sanitized HAR button for a curl paste");
      noProblems(problems);
    }),
);

test(
  "axe: no violations on a 422 HAR with the marked member, the reply and the HAR button (light, dark; 360 and 1280 px)",
  () =>
    auditEverywhere(async (page) => {
      await diagnose(page, fixture("422__har__create-project-blank-project-name.txt").paste, "422-unprocessable-entity");
      await page.locator("[data-role=pinpoint]").waitFor({ timeout: 30000 });
      await page.locator("details").evaluateAll((ds) => ds.forEach((d) => (d.open = true)));
    }),
);

test(
  "axe: no violations on a redirect_uri shown next to the callback registered (light, dark; 360 and 1280 px)",
  () =>
    auditEverywhere(async (page) => {
      const { paste } = fixture("oauth-invalid-grant__postman-console__callback-differs-from-registered.txt");
      await diagnose(page, paste, "oauth-invalid-grant");
      await page.locator("[data-role=sent-vs-expected]").waitFor({ timeout: 30000 });
    }),
);

let ok = false;
try {
  ok = await run("widget", tests);
} finally {
  await browser.close();
  await server.close();
}
process.exit(ok ? 0 : 1);
