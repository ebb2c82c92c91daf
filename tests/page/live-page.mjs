// What the live page tests do on the page: open the widget on its live tab,
// fill the request builder and the token helper, send, and read what the
// panel shows (its diagnosis, the lint, the status).
import { open, assert } from "./harness.mjs";

export const MEDIA = "application/vnd.api+json";

/** Chromium's own line for every fetch answered 4xx/5xx: the browser, not the widget. */
const BROWSER_HTTP_ERROR = /^Failed to load resource: the server responded with a status of [45]\d\d\b/;

/**
 * What the widget itself logged or threw. Chromium's lines for answers with
 * a 4xx/5xx status are left out, and so are its lines for the requests the
 * failure tests make fail on purpose, but only for the origins they use
 * (`deadOrigins`): the stopped stand-in and the one refusing CORS.
 */
export function widgetProblems(opened, deadOrigins) {
  const dead = (url) => deadOrigins.some((o) => url === o || url.startsWith(`${o}/`));
  const expected = (e) =>
    BROWSER_HTTP_ERROR.test(e.text) ||
    (/^Failed to load resource: net::ERR_(CONNECTION_REFUSED|FAILED)$/.test(e.text) && dead(e.url)) ||
    deadOrigins.some((o) => e.text.startsWith(`Access to fetch at '${o}/`) && e.text.includes("blocked by CORS policy"));
  return [
    ...opened.problems.filter((p) => !p.startsWith("console error: ")),
    ...opened.consoleErrors.filter((e) => !expected(e)).map((e) => `console error: ${e.text} (${e.url})`),
  ];
}

/** Open the widget on the live tab, counting the panel's answers as they come. */
export async function openLive(context, url) {
  const { page, problems } = await open(context, url);
  const consoleText = [];
  const consoleErrors = [];
  page.on("console", (m) => {
    consoleText.push(`${m.type()}: ${m.text()}`);
    if (m.type() === "error") consoleErrors.push({ text: m.text(), url: m.location()?.url ?? "" });
  });
  await page.evaluate(() => {
    // The live panel renders in a shadow root of its own: queries and the
    // page's text must look inside open shadow roots too.
    window.__roots = () => {
      const roots = [document];
      for (let i = 0; i < roots.length; i++) {
        for (const el of roots[i].querySelectorAll("*")) if (el.shadowRoot) roots.push(el.shadowRoot);
      }
      return roots;
    };
    window.__q = (sel) => {
      for (const r of window.__roots()) {
        const e = r.querySelector(sel);
        if (e) return e;
      }
      return null;
    };
    window.__qa = (sel) => window.__roots().flatMap((r) => [...r.querySelectorAll(sel)]);
    window.__html = () =>
      window.__roots().map((r) => (r === document ? document.documentElement.outerHTML : r.innerHTML)).join("\n");
  });
  await page.click("#ts-tab-live");
  await page.waitForSelector("[data-role=live-call]", { timeout: 30000 });
  await page.waitForSelector("[data-role=token-helper]", { timeout: 30000 });
  return { page, problems, consoleText, consoleErrors };
}

/** Show the live tab if something took the page elsewhere (each test starts from it). */
export async function showLive(page) {
  if ((await page.getAttribute("#ts-tab-live", "aria-selected")) !== "true") await page.click("#ts-tab-live");
  await page.waitForSelector("#ts-live-origin", { state: "visible", timeout: 30000 });
}

/** Which tab is selected. */
export async function currentTab(page) {
  return page.$eval("[role=tab][aria-selected=true]", (e) => e.id);
}

/** Wait until the lint shown is the engine's answer for the form as it is
 * now (the panel marks it `data-current`): the debounce and the worker have
 * caught up. `role` is `lint` (the request builder) or `token-lint`. */
export const settle = (page, role = "lint") =>
  page.waitForFunction((r) => window.__q(`[data-role=${r}]`)?.dataset.current === "true", role, { timeout: 30000 });

/** Fill the request builder; every field is set, so no test leans on another's leftovers. */
export async function fillCall(page, c) {
  const method = c.method ?? "GET";
  await showLive(page);
  await page.selectOption("#ts-live-origin", c.origin);
  await page.selectOption("#ts-live-method", method);
  await page.fill("#ts-live-slug", c.slug ?? "acme");
  await page.fill("#ts-live-path", c.path);
  await page.fill("#ts-live-token", c.token ?? "");
  await page.fill("#ts-live-accept", c.accept ?? MEDIA);
  if (["POST", "PATCH", "PUT"].includes(method)) {
    await page.fill("#ts-live-content-type", c.contentType ?? MEDIA);
  }
  if ((await page.locator("#ts-live-body").count()) > 0) {
    await page.fill("#ts-live-body", c.body ?? "");
  }
  await page.fill("#ts-live-timeout", String(c.timeout ?? 30));
  await settle(page);
}

/** Wait for the panel to show its next answer (it counts them in
 * `data-answers` on its result area). */
export async function nextAnswer(page, before, timeout = 30000) {
  await page.waitForFunction(
    (n) => Number(window.__q("[data-role=live-result]")?.dataset.answers ?? 0) > n,
    before,
    { timeout },
  );
  return shown(page);
}

/** What the page shows for the latest diagnosis. */
export async function shown(page) {
  return page.evaluate(() => {
    // The live call's diagnosis, in the panel's result area.
    const result = window.__q("[data-role=live-result]");
    const section = result?.querySelector("[data-section]");
    const checks = {};
    for (const el of result?.querySelectorAll("[data-check]") ?? []) checks[el.dataset.check] = el.dataset.state;
    const status = window.__q("[data-role=response-status]");
    return {
      section: section ? section.dataset.section : null,
      noError: !!result?.querySelector("[data-role=no-error]"),
      checks,
      status: status ? status.textContent.trim() : null,
    };
  });
}

export async function answerCount(page) {
  return page.evaluate(() => Number(window.__q("[data-role=live-result]")?.dataset.answers ?? 0));
}

/** Fill, send, and read the diagnosis the widget shows for this call. */
export async function call(page, c) {
  await fillCall(page, c);
  const before = await answerCount(page);
  await page.click("[data-role=send]");
  return nextAnswer(page, before, c.wait ?? 30000);
}

export function expectCheck(got, section, check, state = "confirmed") {
  const id = `${section}/${check}`;
  const where = `(status ${JSON.stringify(got.status)}, section ${got.section}, checks ${JSON.stringify(got.checks)})`;
  assert(got.section === section, `expected section ${section}, the page shows ${got.section} ${where}`);
  const states = Array.isArray(state) ? state : [state];
  assert(states.includes(got.checks[id]), `expected ${id} ${states.join(" or ")}, it is ${got.checks[id]} ${where}`);
}

export function expectStatus(got, code) {
  assert(got.status && got.status.startsWith(String(code)), `expected a ${code} response, the page shows ${JSON.stringify(got.status)}`);
}

/** Ids of the lint findings currently shown in `[data-role=<role>]`. */
export async function lintIds(page, role = "lint") {
  return page.$$eval(`[data-role=${role}] li[data-lint]`, (els) => els.map((e) => e.dataset.lint));
}

export async function expectLint(page, id, role = "lint") {
  try {
    await page.waitForSelector(`[data-role=${role}] li[data-lint="${id}"]`, { timeout: 30000 });
  } catch {
    throw new Error(`lint finding ${id} not shown; shown: ${JSON.stringify(await lintIds(page, role))}`);
  }
}

/** Fill the token helper. Fields the chosen grant hides are skipped. */
export async function fillToken(page, t) {
  await showLive(page);
  await page.selectOption("#ts-token-grant", t.grant);
  await page.fill("#ts-token-url", t.url);
  await page.fill("#ts-token-client-id", t.clientId ?? "");
  const fields = {
    "#ts-token-client-secret": t.clientSecret,
    "#ts-token-username": t.username,
    "#ts-token-password": t.password,
    "#ts-token-code": t.code,
    "#ts-token-refresh": t.refresh,
    "#ts-token-redirect": t.redirect,
  };
  for (const [sel, value] of Object.entries(fields)) {
    if ((await page.locator(sel).count()) > 0) await page.fill(sel, value ?? "");
  }
  await settle(page, "token-lint");
}

export async function requestToken(page, t) {
  await fillToken(page, t);
  const before = await answerCount(page);
  await page.waitForSelector("[data-role=send-token]:not([disabled])", { timeout: 30000 });
  await page.click("[data-role=send-token]");
  return nextAnswer(page, before);
}
