// Page tests of the widget's live calls, against the local stand-in of the
// ScopeStack API (standin/): each error the stand-in can give lands on the
// right section with the right check confirmed, the token helper on each
// OAuth error and on success, the lint before sending, the failures a
// browser can meet (server gone, CORS refused, timeout, cancel), where
// secrets must never end up, and "Copy as curl"; the tab as a person first
// meets it (the shown common call, hints before problems, axe's landmark
// rules), and verifying a fix: a failed call sent again with the engine's
// fix, or with a new token, and what the engine says the change did.
// The shipped index.html allows no extra origin, so the build is copied and
// the copy's page markup allows the stand-ins (the only way to add one).
// Usage: node live.mjs <abs-dist-dir> <abs-standin-binary>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { originsOf, policyOf, withPolicy } from "../../scripts/csp.mjs";
import { serve, launch, run, assert } from "./harness.mjs";
import { serveBody } from "../../scripts/audit/server.mjs";
import { started, startStandin as startWith, stopStandin, stopped } from "./live-standin.mjs";
import {
  MEDIA, widgetProblems, openLive, showLive, currentTab, settle, fillCall, nextAnswer, shown, answerCount,
  call, expectCheck, expectStatus, lintIds, expectLint, fillToken, requestToken,
} from "./live-page.mjs";

const [dist, standinBin] = process.argv.slice(2);
if (!dist || !standinBin || !path.isAbsolute(dist) || !path.isAbsolute(standinBin)) {
  console.error("usage: node live.mjs <absolute-dist-dir> <absolute-standin-binary>");
  process.exit(2);
}

const META = "scopestack-troubleshooter:allowed-origins";
// The stand-ins stop by themselves after this, should this script die badly.
const STANDIN_TTL_SECONDS = 600;
const startStandin = (args) => startWith(standinBin, STANDIN_TTL_SECONDS, args);

// Seed data of the stand-in (standin/README.md).
const SEED = {
  adminToken: "standin-admin-token",
  readonlyToken: "standin-readonly-token",
  expiredToken: "standin-expired-token",
  revokedToken: "standin-revoked-token",
  northwindToken: "standin-northwind-token",
  pwClientId: "ssk-lO0I1-pw-7dQ2mX9vTb4LcR8nE3aWf6Yh",
  pwClientSecret: "ssk-secret-pw-Vq3Zr8Kd2Lm7Tx5Pn9Hc4Wb",
  svcClientId: "ssk-svc-acme-2Gh7Jk4Np9Qs3Tv8Wx5Yz",
  svcClientSecret: "ssk-secret-svc-Bc6Df2Gh8Jk3Lm9Np4Qr",
  adminEmail: "ada.admin@acme.example",
  adminPassword: "Acme-Admin-Pass-1",
};
// Values made up for these tests that are just as secret once typed.
const WRONG_PASSWORD = "Not-Ada-Pass-77";
const UNKNOWN_CLIENT_SECRET = "made-up-secret-Zq81Lm";
const JSON_TOKEN = '{"access_token":"jsonpasted9Xk2LmQ7","token_type":"Bearer","expires_in":7200}';
const QUOTED_TOKEN = '"quotedtok4Hs8Wn2Pd"';

const AXE = fileURLToPath(new URL("./node_modules/axe-core/axe.min.js", import.meta.url));

/** axe's violations on the page (WCAG and best practice), each with its nodes. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    // Evaluated by the harness: the page's policy refuses inline scripts.
    await page.evaluate(fs.readFileSync(AXE, "utf8"));
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    }),
  );
  return result.violations.map((v) => ({
    id: v.id,
    text: `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`,
  }));
}

/** What the panel says the change did, as shown. */
async function verification(page) {
  return page.evaluate(() => ({
    text: window.__q("[data-role=verification-text]")?.textContent ?? null,
    outcome: window.__q("[data-role=verification]")?.dataset.outcome ?? null,
    fixed: window.__qa("[data-verified-check][data-state=fixed]").map((e) => e.dataset.verifiedCheck),
    holding: window.__qa("[data-verified-check][data-state=holding]").map((e) => e.dataset.verifiedCheck),
  }));
}

/** Send the failed call again with the fix the panel offers. */
async function sendAgain(page, wanted) {
  await page.waitForSelector("[data-role=send-again]", { timeout: 30000 });
  const changes = await page.locator("[data-role=fix-changes]").textContent();
  assert(changes.includes(wanted), `the fix offered is “${changes.trim()}”, not ${wanted}`);
  const before = await answerCount(page);
  await page.click("[data-role=send-again]");
  return nextAnswer(page, before);
}

const createClient = (name) =>
  JSON.stringify({ data: { type: "clients", attributes: { name } } }, null, 2);

// A hung browser must not hold the run (or the machine) forever.
const WATCHDOG_MS = 12 * 60 * 1000;
const watchdog = setTimeout(() => {
  console.error(`live page tests: no end after ${WATCHDOG_MS / 60000} minutes, giving up`);
  started.forEach(stopStandin);
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();
process.on("exit", () => started.forEach(stopStandin));

// ---------------------------------------------------------------- set-up ---

const work = fs.mkdtempSync(path.join(os.tmpdir(), "ts-live-"));
const site = path.join(work, "site");
fs.cpSync(dist, site, { recursive: true });
const server = await serve(site);
const pageOrigin = server.url.replace(/\/$/, "");

let browser;
let ok = false;
try {
  // A: the API, for this page. B: up, but answers no CORS to this page.
  // C: allowed, and stopped before it is called. Short gateway delay: the
  // 504 only has to come after a pause, not a minute.
  const A = await startStandin(["--allow-origin", pageOrigin, "--gateway-delay-ms", "300"]);
  const B = await startStandin(["--allow-origin", "http://127.0.0.1:9"]);
  const C = await startStandin(["--allow-origin", pageOrigin]);
  // BIG: a 422 whose body is over a megabyte (the panel hands such a body
  // to the engine's worker as the browser's string, never copied on the page).
  const bigBody = Buffer.from(JSON.stringify({
    errors: [{ status: "422", title: "can't be blank", detail: "name - can't be blank", source: { pointer: "/data/attributes/name" } }],
    meta: { log: "x".repeat(1.5 * 1024 * 1024) },
  }));
  const BIG = await serveBody(bigBody, { status: 422, allowOrigin: pageOrigin });
  BIG.url = BIG.origin;

  // The stand-ins are allowed as a host page (or ./x demo) allows them: in
  // the widget's list and in the page's own Content-Security-Policy, which
  // every test here runs under.
  const indexPath = path.join(site, "index.html");
  const html = fs.readFileSync(indexPath, "utf8");
  assert(!html.includes(META), "the shipped index.html already allows origins");
  assert(policyOf(html), "the shipped index.html has no Content-Security-Policy");
  fs.writeFileSync(indexPath, withPolicy(html, originsOf(html), [A.url, B.url, C.url, BIG.url]));

  browser = await launch();
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: pageOrigin });
  // The main page carries the flows of tests 1-4 and 6, so the secrets
  // test can look for everything they typed; tests that need a page of
  // their own open one, and the console check covers every page.
  const pages = [];
  const fresh = async () => {
    const p = await openLive(browser.context, server.url);
    pages.push(p);
    return p;
  };
  const live = await fresh();
  const { page } = live;
  // The access token the stand-in issued to the helper (test 2), for the secrets test.
  let issuedToken = null;

  const errorCall = (name, c, section, check, status, state) => [
    name,
    async () => {
      const got = await call(page, { origin: A.url, ...c });
      expectStatus(got, status);
      expectCheck(got, section, check, state);
    },
  ];

  ok = await run("live calls", [
    [
      "the origin select lists ScopeStack's two origins and the ones the page allows",
      async () => {
        const options = await page.$$eval("#ts-live-origin option", (els) => els.map((e) => e.textContent.trim()));
        for (const o of ["https://api.scopestack.io", "https://app.scopestack.io", A.url, B.url, C.url]) {
          assert(options.includes(o), `origin ${o} missing from ${JSON.stringify(options)}`);
        }
      },
    ],

    [
      "a 422 with a 1.5 MB body is diagnosed from that body",
      async () => {
        const got = await call(page, { origin: BIG.url, path: "/{slug}/v1/clients", token: "" });
        expectStatus(got, 422);
        assert(got.section === "422-unprocessable-entity", `the page shows ${got.section}`);
        assert(BIG.served() >= 1, "the big body was never requested");
      },
    ],

    // ---- 1. every stand-in error lands on its section and check ----
    errorCall("401 without a token → 401-unauthorized/header-missing", { path: "/{slug}/v1/projects", token: "" },
      "401-unauthorized", "header-missing", 401),
    errorCall("401 with an unknown token → 401-unauthorized/token-unknown", { path: "/{slug}/v1/projects", token: "no-such-token-5Tq9" },
      "401-unauthorized", "token-unknown", 401),
    errorCall("401 with an expired token → 401-unauthorized/token-expired", { path: "/{slug}/v1/projects", token: SEED.expiredToken },
      "401-unauthorized", "token-expired", 401),
    errorCall("401 with a revoked token → 401-unauthorized/token-revoked", { path: "/{slug}/v1/projects", token: SEED.revokedToken },
      "401-unauthorized", "token-revoked", 401),
    errorCall("403 read-only user creating a client → 403-forbidden/role-lacks-permission",
      { method: "POST", path: "/{slug}/v1/clients", token: SEED.readonlyToken, body: createClient("Readonly Attempt Co") },
      "403-forbidden", "role-lacks-permission", 403),
    errorCall("403 another account's token on /acme → 403-forbidden/wrong-account",
      { path: "/{slug}/v1/projects", token: SEED.northwindToken },
      "403-forbidden", "wrong-account", 403),
    errorCall("403 a project of another account → 403-forbidden/other-account-resource",
      { path: "/{slug}/v1/projects/201", token: SEED.adminToken },
      "403-forbidden", "other-account-resource", 403),
    errorCall("404 unknown project id → 404-not-found/wrong-id", { path: "/{slug}/v1/projects/999999", token: SEED.adminToken },
      "404-not-found", "wrong-id", 404),
    errorCall("404 unknown account slug → 404-not-found/account-context",
      { slug: "no-such-account", path: "/{slug}/v1/projects", token: SEED.adminToken },
      "404-not-found", "account-context", 404),
    errorCall("404 path without the slug → 404-not-found/url-format", { path: "/v1/projects", token: SEED.adminToken },
      "404-not-found", "url-format", 404),
    errorCall("400 unsupported filter → 400-bad-request/filter-not-supported",
      { path: "/{slug}/v1/projects?filter[created-before]=2024-01-01", token: SEED.adminToken },
      "400-bad-request", "filter-not-supported", 400),
    errorCall("406 Accept: application/json → required-headers/wrong-accept",
      { path: "/{slug}/v1/projects", token: SEED.adminToken, accept: "application/json" },
      "required-headers", "wrong-accept", 406),
    errorCall("415 POST with Content-Type: application/json → required-headers/wrong-content-type",
      { method: "POST", path: "/{slug}/v1/clients", token: SEED.adminToken, contentType: "application/json", body: createClient("Json Typed Co") },
      "required-headers", "wrong-content-type", 415),
    errorCall("422 blank name → 422-unprocessable-entity/blank-field",
      { method: "POST", path: "/{slug}/v1/clients", token: SEED.adminToken, body: createClient("") },
      "422-unprocessable-entity", "blank-field", 422),
    errorCall("422 duplicate name → 422-unprocessable-entity/uniqueness",
      { method: "POST", path: "/{slug}/v1/clients", token: SEED.adminToken, body: createClient("globex corporation") },
      "422-unprocessable-entity", "uniqueness", 422),
    errorCall("504 v1 merge data of project 102 → 504-gateway-timeout/merge-data-v1",
      { path: "/{slug}/v1/projects/102/merge-data", token: SEED.adminToken },
      "504-gateway-timeout", "merge-data-v1", 504),
    [
      "200 merge data with version=2 → no error",
      async () => {
        const got = await call(page, { origin: A.url, path: "/{slug}/v1/projects/102/merge-data?version=2", token: SEED.adminToken });
        expectStatus(got, 200);
        assert(got.section === null || got.noError, `a 200 shows section ${got.section}`);
        assert(got.noError, "the no-error note is shown");
      },
    ],

    // ---- 2. the token helper ----
    [
      "token helper: unknown client id → oauth-invalid-client/wrong-credentials",
      async () => {
        const got = await requestToken(page, {
          grant: "client_credentials", url: `${A.url}/oauth/token`,
          clientId: "ssk-unknown-acme-9Hx3Kd", clientSecret: UNKNOWN_CLIENT_SECRET,
        });
        expectCheck(got, "oauth-invalid-client", "wrong-credentials", ["confirmed", "likely"]);
      },
    ],
    [
      "token helper: wrong password → oauth-invalid-grant/wrong-password, not the Postman pitfall",
      async () => {
        const got = await requestToken(page, {
          grant: "password", url: `${A.url}/oauth/token`, clientId: SEED.pwClientId, clientSecret: SEED.pwClientSecret,
          username: SEED.adminEmail, password: WRONG_PASSWORD,
        });
        // Doorkeeper's invalid_grant says nothing more; a wrong password is the
        // first suspect, and the request proves no redirect_uri went along.
        expectCheck(got, "oauth-invalid-grant", "wrong-password", ["confirmed", "likely"]);
        expectCheck(got, "oauth-invalid-grant", "postman-password-helper", "ruled_out");
      },
    ],
    [
      "token helper: password grant with a redirect URI warns first, then → oauth-invalid-grant/postman-password-helper",
      async () => {
        await fillToken(page, {
          grant: "password", url: `${A.url}/oauth/token`, clientId: SEED.pwClientId, clientSecret: SEED.pwClientSecret,
          username: SEED.adminEmail, password: SEED.adminPassword, redirect: "https://oauth.pstmn.io/v1/callback",
        });
        const sentBefore = A.log.length;
        await expectLint(page, "password-grant-redirect-uri", "token-lint");
        assert(A.log.length === sentBefore, `the lint sent requests: ${A.log.slice(sentBefore).join(" | ")}`);
        const got = await requestToken(page, {
          grant: "password", url: `${A.url}/oauth/token`, clientId: SEED.pwClientId, clientSecret: SEED.pwClientSecret,
          username: SEED.adminEmail, password: SEED.adminPassword, redirect: "https://oauth.pstmn.io/v1/callback",
        });
        expectCheck(got, "oauth-invalid-grant", "postman-password-helper");
      },
    ],
    [
      "token helper: unknown e-mail → oauth-invalid-resource-owner/unknown-email",
      async () => {
        const got = await requestToken(page, {
          grant: "password", url: `${A.url}/oauth/token`, clientId: SEED.pwClientId, clientSecret: SEED.pwClientSecret,
          username: "nobody.here@acme.example", password: WRONG_PASSWORD,
        });
        expectCheck(got, "oauth-invalid-resource-owner", "unknown-email", ["confirmed", "likely"]);
      },
    ],
    [
      "token helper: the grant select offers only the four real grants (unsupported_grant_type cannot be sent from it)",
      async () => {
        const grants = await page.$$eval("#ts-token-grant option", (els) => els.map((e) => e.textContent.trim()));
        assert(
          JSON.stringify(grants) === JSON.stringify(["password", "client_credentials", "authorization_code", "refresh_token"]),
          `grant options ${JSON.stringify(grants)}`,
        );
      },
    ],
    [
      "token helper: client_credentials succeeds, the token moves to the request hidden, and GET /v1/me works with it",
      async () => {
        const issued = page.waitForResponse(
          (r) => r.url() === `${A.url}/oauth/token` && r.request().method() === "POST",
          { timeout: 30000 },
        );
        const got = await requestToken(page, {
          grant: "client_credentials", url: `${A.url}/oauth/token`, clientId: SEED.svcClientId, clientSecret: SEED.svcClientSecret,
        });
        const response = await issued;
        assert(response.status() === 200, `the token request answered ${response.status()}`);
        issuedToken = JSON.parse(await response.text()).access_token;
        assert(typeof issuedToken === "string" && issuedToken.length >= 20, `issued token ${issuedToken}`);
        assert(got.noError, `a 200 token answer shows section ${got.section}`);
        const result = await page.locator("[data-role=token-result]").textContent();
        assert(result && result.includes("access_token"), `token result: ${result}`);
        assert(!result.includes(issuedToken), "the token result shows the token unmasked");

        await page.fill("#ts-live-token", "");
        await page.click("[data-role=use-token]");
        await page.waitForFunction(
          (t) => window.__q("#ts-live-token").value === t,
          issuedToken,
          { timeout: 30000 },
        );
        assert((await page.getAttribute("#ts-live-token", "type")) === "password", "the token field is a password field");
        const text = await page.evaluate(() => window.__html());
        assert(!text.includes(issuedToken), "the issued token is in the page's HTML");

        // Send /v1/me with the token the helper handed over (the field is not refilled).
        await page.selectOption("#ts-live-origin", A.url);
        await page.selectOption("#ts-live-method", "GET");
        await page.fill("#ts-live-path", "/v1/me");
        await page.fill("#ts-live-accept", MEDIA);
        await page.fill("#ts-live-timeout", "30");
        await settle(page);
        const before = await answerCount(page);
        await page.click("[data-role=send]");
        const me = await nextAnswer(page, before);
        expectStatus(me, 200);
        assert(me.noError, `GET /v1/me with the issued token shows section ${me.section}`);
        const body = await page.locator("[data-role=response] pre").textContent();
        assert(body.includes("service@acme.example"), `/v1/me answered for someone else: ${body}`);

        await page.click("[data-role=whoami]");
        await page.waitForFunction(
          () => /belongs to/.test(window.__q("[data-role=whoami-result]")?.textContent ?? ""),
          null,
          { timeout: 15000 },
        );
        const who = await page.locator("[data-role=whoami-result]").textContent();
        assert(who.includes("service@acme.example") && who.includes("acme"), `whoami: ${who}`);
      },
    ],
    [
      "token helper: the client id with lO0I1 is read back with those five characters marked",
      async () => {
        await fillToken(page, {
          grant: "password", url: `${A.url}/oauth/token`, clientId: SEED.pwClientId, clientSecret: SEED.pwClientSecret,
          username: SEED.adminEmail, password: SEED.adminPassword,
        });
        await page.waitForSelector("[data-role=client-id-readback] mark", { timeout: 30000 });
        const marks = await page.$$eval("[data-role=client-id-readback] mark", (els) => els.map((e) => e.textContent));
        assert(JSON.stringify(marks) === JSON.stringify(["l", "O", "0", "I", "1"]), `marked: ${JSON.stringify(marks)}`);
        const readback = await page.locator("[data-role=client-id-readback]").textContent();
        assert(readback.includes(SEED.pwClientId), `read-back: ${readback}`);
        await expectLint(page, "client-id-confusable", "token-lint");
        // An id without look-alikes has no read-back.
        await page.fill("#ts-token-client-id", SEED.svcClientId);
        await page
          .waitForSelector("[data-role=client-id-readback]", { state: "detached", timeout: 30000 })
          .catch(() => assert(false, "read-back shown for an id without look-alikes"));
      },
    ],

    // ---- 3. lint before sending ----
    [
      "lint warns before sending: missing Accept, application/json on a write, no slug, merge data v1, JSON token, quoted token",
      async () => {
        const sentBefore = A.log.length;
        const base = { origin: A.url, path: "/{slug}/v1/projects", token: SEED.adminToken };
        const cases = [
          ["missing-accept", { ...base, accept: "" }],
          ["wrong-content-type", { ...base, method: "POST", path: "/{slug}/v1/clients", contentType: "application/json", body: createClient("Lint Co") }],
          ["missing-account-slug", { ...base, path: "/v1/projects" }],
          ["merge-data-v1", { ...base, path: "/{slug}/v1/projects/101/merge-data" }],
          ["token-is-json", { ...base, token: JSON_TOKEN }],
          ["token-quoted", { ...base, token: QUOTED_TOKEN }],
        ];
        const missing = [];
        for (const [id, c] of cases) {
          await fillCall(page, c);
          try {
            await expectLint(page, id);
          } catch (e) {
            missing.push(e.message);
          }
        }
        // A clean request shows none of them.
        await fillCall(page, { ...base, path: "/{slug}/v1/projects/101/merge-data?version=2" });
        const clean = await page
          .waitForSelector("[data-role=lint] p.ts-ok", { timeout: 30000 })
          .then(() => [])
          .catch(() => lintIds(page));
        assert(missing.length === 0, `not warned: ${missing.join("; ")}`);
        assert(clean.length === 0, `a clean request is linted: ${JSON.stringify(clean)}`);
        assert(A.log.length === sentBefore, `linting sent requests: ${A.log.slice(sentBefore).join(" | ")}`);
      },
    ],

    // ---- 4. failures ----
    [
      "server stopped → network-error/offline-or-dns",
      async () => {
        stopStandin(C.proc);
        await stopped(C.proc);
        const got = await call(page, { origin: C.url, path: "/{slug}/v1/projects", token: SEED.adminToken });
        expectCheck(got, "network-error", "offline-or-dns");
      },
    ],
    [
      "origin refused by CORS → network-error/cors-blocked",
      async () => {
        const got = await call(page, { origin: B.url, path: "/{slug}/v1/projects", token: SEED.adminToken });
        expectCheck(got, "network-error", "cors-blocked");
        assert(B.log.length > 0, "the refusing stand-in was never asked");
      },
    ],
    [
      "slow answer past the timeout field → network-error/timeout",
      async () => {
        // The stand-in would answer 200 after 20 s: a timeout diagnosis
        // proves the 2 s limit stopped the call (no clock is read here).
        const got = await call(page, { origin: A.url, path: "/{slug}/v1/projects?delay_ms=20000", token: SEED.adminToken, timeout: 2 });
        expectCheck(got, "network-error", "timeout");
      },
    ],
    [
      "Cancel during a slow call → network-error/aborted",
      async () => {
        await fillCall(page, { origin: A.url, path: "/slow?delay_ms=20000", token: SEED.adminToken, timeout: 60 });
        const before = await answerCount(page);
        await page.click("[data-role=send]");
        await page.waitForSelector("[data-role=cancel]", { timeout: 30000 });
        await page.click("[data-role=cancel]");
        const got = await nextAnswer(page, before);
        expectCheck(got, "network-error", "aborted");
        await page.waitForSelector("[data-role=send]", { timeout: 30000 });
      },
    ],

    // ---- 4b. the token goes only to allowed origins ----
    [
      "a path or slug that moves the host disables Send with the reason, and no request leaves for another host",
      async () => {
        const leftFor = [];
        const onRequest = (r) => {
          const origin = new URL(r.url()).origin;
          if (![pageOrigin, A.url, B.url, C.url].includes(origin)) leftFor.push(r.url());
        };
        page.on("request", onRequest);
        await page.evaluate(() => {
          window.__violations = [];
          document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.blockedURI));
        });
        const api = "https://api.scopestack.io";
        const cases = [
          { origin: api, path: ".evil.example/v1/me" },
          { origin: api, path: ".evil.example:443/x" },
          { origin: api, path: "%2e.evil.example/x" },
          { origin: api, path: ":8443/x" },
          { origin: api, slug: ".evil.example", path: "{slug}/v1/projects" },
          { origin: A.url, path: ".evil.example/v1/me" },
          { origin: A.url, path: ":8443/x" },
        ];
        const notRefused = [];
        for (const c of cases) {
          await fillCall(page, { ...c, token: SEED.adminToken });
          const disabled = await page.$eval("[data-role=send]", (b) => b.disabled).catch(() => false);
          const why = await page.evaluate(() => window.__q("[data-role=send-refused]")?.textContent ?? "");
          if (!disabled || !/not/i.test(why)) notRefused.push(`${c.origin} + ${c.slug ?? "acme"} + ${c.path}: disabled=${disabled}, shown “${why}”`);
          // A click on the disabled button sends nothing either.
          await page.evaluate(() => window.__q("[data-role=send]")?.click());
        }
        // The token helper's URL is held to the same rule.
        await fillToken(page, {
          grant: "client_credentials", url: `${A.url}.evil.example/oauth/token`,
          clientId: SEED.svcClientId, clientSecret: SEED.svcClientSecret,
        });
        const tokenDisabled = await page.$eval("[data-role=send-token]", (b) => b.disabled);
        const tokenWhy = await page.evaluate(() => window.__q("[data-role=send-token-refused]")?.textContent ?? "");
        // Whatever the clicks would have sent starts in their handlers' tasks:
        // two animation frames later every one of them has run.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        page.off("request", onRequest);
        const violations = await page.evaluate(() => window.__violations);
        assert(notRefused.length === 0, `not refused by the widget: ${notRefused.join("; ")}`);
        assert(tokenDisabled && /not/i.test(tokenWhy), `the token helper would send to ${A.url}.evil.example (“${tokenWhy}”)`);
        assert(leftFor.length === 0, `requests left for other hosts: ${leftFor.join(" | ")}`);
        assert(violations.length === 0, `the page's CSP had to stop: ${violations.join(" | ")}`);
      },
    ],
    [
      "a token request made in the request builder (JSON body) is linted and its answer shown masked",
      async () => {
        const issued = [];
        const onResponse = async (r) => {
          if (r.url().startsWith(`${A.url}/oauth/token`)) {
            try {
              const body = JSON.parse(await r.text());
              for (const k of ["access_token", "refresh_token"]) if (body[k]) issued.push(body[k]);
            } catch {}
          }
        };
        page.on("response", onResponse);
        const c = {
          origin: A.url, method: "POST", path: "/oauth/token", token: "", contentType: "application/json",
          body: JSON.stringify({ grant_type: "client_credentials", client_id: SEED.svcClientId, client_secret: SEED.svcClientSecret, scope: "read write" }),
        };
        await fillCall(page, c);
        await expectLint(page, "token-body-not-form");
        const before = await answerCount(page);
        await page.click("[data-role=send]");
        const got = await nextAnswer(page, before);
        page.off("response", onResponse);
        assert(got.status, "no response shown");
        assert(issued.length > 0, `the stand-in issued no token to a JSON body (status ${got.status})`);
        const text = await page.evaluate(() => window.__html());
        const shownLeaks = issued.filter((t) => text.includes(t));
        assert(shownLeaks.length === 0, `fresh credentials in the page: ${shownLeaks.length} of ${issued.length}`);
        assert(!text.includes(SEED.svcClientSecret), "the client secret is in the page");
      },
    ],

    // ---- 5. secrets ----
    // ---- 6. copy as curl ----
    [
      "Copy as curl puts a curl command with $SCOPESTACK_TOKEN on the clipboard, never the token",
      async () => {
        await page.evaluate(() => navigator.clipboard.writeText(""));
        await fillCall(page, { origin: A.url, path: "/{slug}/v1/projects/101", token: SEED.adminToken });
        // The command is built by the engine after the lint pause.
        await page.waitForFunction(
          (u) => window.__q("[data-role=curl]").textContent.includes(u),
          `${A.url}/acme/v1/projects/101`,
          { timeout: 30000 },
        );
        await page.click("[data-role=copy-curl]");
        await page.waitForFunction(async () => (await navigator.clipboard.readText()).length > 0, null, { timeout: 30000 });
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        assert(copied.startsWith("curl"), `clipboard: ${copied}`);
        assert(copied.includes("$SCOPESTACK_TOKEN"), `no $SCOPESTACK_TOKEN in ${copied}`);
        assert(copied.includes(`${A.url}/acme/v1/projects/101`), `the URL is not in ${copied}`);
        assert(copied.includes(MEDIA), `the Accept header is not in ${copied}`);
        assert(!copied.includes(SEED.adminToken), "the token is on the clipboard");
        const shownCurl = await page.locator("[data-role=curl]").textContent();
        assert(shownCurl.trim() === copied.trim(), `shown curl differs:\n${shownCurl}\nvs\n${copied}`);
      },
    ],

    // ---- 7. the tab as a person meets it ----
    [
      "fresh tab: “Common calls” shows the call the form holds, and follows the form",
      async () => {
        const { page: p } = await fresh();
        await settle(p);
        const shownCall = () =>
          p.evaluate(() => {
            const s = window.__q("#ts-live-preset");
            return {
              index: s.selectedIndex,
              text: s.selectedOptions[0]?.textContent.trim() ?? "",
              method: window.__q("#ts-live-method").value,
              path: window.__q("#ts-live-path").value,
            };
          });
        const first = await shownCall();
        assert(first.index > 0 && first.text.includes(`${first.method} ${first.path}`),
          `the list shows “${first.text}” (index ${first.index}) while the form holds ${first.method} ${first.path}`);
        await p.selectOption("#ts-live-preset", { label: "List projects" });
        await p.waitForFunction(() => window.__q("#ts-live-path")?.value === "/{slug}/v1/projects", null, { timeout: 30000 });
        const picked = await shownCall();
        assert(picked.text === "List projects", `after picking, the list shows “${picked.text}”`);
        // A form that is no common call any more shows none.
        await p.fill("#ts-live-path", "/{slug}/v1/projects/7");
        await p.waitForFunction(() => window.__q("#ts-live-preset")?.selectedIndex === 0, null, { timeout: 30000 })
          .catch(async () => assert(false, `an edited path still shows “${(await shownCall()).text}”`));
        await p.close();
      },
    ],
    [
      "fresh tab: the token form says what it needs as hints; pressing the button shows the problems",
      async () => {
        const { page: p } = await fresh();
        await settle(p, "token-lint");
        await settle(p);
        const panelText = () => p.evaluate(() => window.__q(".ts-live-panel")?.textContent ?? "");
        const text = await panelText();
        assert(!text.includes("Problem:"), `an untouched tab says: ${text.match(/Problem:[^.]*\./g)?.join(" | ")}`);
        const hints = await p.$$eval("[data-role=token-lint] li[data-hint=true]", (els) => els.map((e) => e.textContent));
        assert(hints.length >= 2 && hints.every((h) => /client_(id|secret)/.test(h)), `hints: ${JSON.stringify(hints)}`);
        // The default token URL is ScopeStack's: answer it here, as Doorkeeper would.
        await p.route("https://app.scopestack.io/**", (r) =>
          r.fulfill({
            status: 401,
            headers: { "access-control-allow-origin": "*", "content-type": "application/json; charset=utf-8" },
            body: JSON.stringify({ error: "invalid_client", error_description: "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method." }),
          }),
        );
        const before = await answerCount(p);
        await p.click("[data-role=send-token]");
        await p.waitForSelector("[data-role=token-lint] li.ts-finding-problem", { timeout: 30000 });
        const problems = await p.$$eval("[data-role=token-lint] li.ts-finding-problem", (els) => els.map((e) => e.textContent));
        assert(problems.length >= 2 && problems.every((t) => t.startsWith("Problem:")), `after pressing: ${JSON.stringify(problems)}`);
        await nextAnswer(p, before);
        await p.close();
      },
    ],
    [
      "axe: no violation (landmark-unique and region among them) on the live tab, fresh and after a call sent again",
      async () => {
        const { page: p } = await fresh();
        await settle(p, "token-lint");
        const found = [];
        const others = [];
        const check = async (when) => {
          for (const v of await axeViolations(p)) {
            (["landmark-unique", "region"].includes(v.id) ? found : others).push(`[${when}] ${v.text}`);
          }
        };
        await check("fresh");
        await call(p, { origin: A.url, path: "/{slug}/v1/projects", token: SEED.adminToken, accept: "application/json" });
        await sendAgain(p, `Accept: ${MEDIA}`);
        await p.locator("details").evaluateAll((ds) => ds.forEach((d) => (d.open = true)));
        await check("sent again");
        assert(found.length === 0, `axe, the landmark rules: ${found.join("\n")}`);
        assert(others.length === 0, `axe: ${others.join("\n")}`);
        await p.close();
      },
    ],

    // ---- 8. verify the fix ----
    [
      "406 → Send again with the fix → 200: the engine says Accept changed and the 406 is gone, its checks fixed",
      async () => {
        const { page: p } = await fresh();
        const first = await call(p, { origin: A.url, path: "/{slug}/v1/projects", token: SEED.adminToken, accept: "application/json" });
        expectStatus(first, 406);
        expectCheck(first, "required-headers", "wrong-accept");
        const second = await sendAgain(p, `Accept: ${MEDIA}`);
        expectStatus(second, 200);
        assert((await p.inputValue("#ts-live-accept")) === MEDIA, "the form does not show the fixed Accept");
        const v = await verification(p);
        assert(v.text && v.text.includes(`Accept is now ${MEDIA}`) && v.text.includes("the 406 is gone") && v.text.includes("now succeeds"),
          `verification: ${JSON.stringify(v)}`);
        assert(v.outcome === "resolved", `outcome ${v.outcome}`);
        assert(v.fixed.includes("required-headers/wrong-accept"), `fixed: ${JSON.stringify(v.fixed)}`);
        assert(v.holding.length === 0, `still holding: ${JSON.stringify(v.holding)}`);
        assert((await p.locator("[data-role=send-again]").count()) === 0, "a call that worked still offers a fix");
        await p.close();
      },
    ],
    [
      "406 → Send again with the fix → 403: the engine says the 406 is gone and the call fails with a different problem",
      async () => {
        const { page: p } = await fresh();
        const first = await call(p, {
          origin: A.url, method: "POST", path: "/{slug}/v1/clients", token: SEED.readonlyToken,
          accept: "application/json", body: createClient("Verify Walk Co"),
        });
        expectStatus(first, 406);
        const second = await sendAgain(p, `Accept: ${MEDIA}`);
        expectStatus(second, 403);
        const v = await verification(p);
        assert(v.text && v.text.includes(`Accept is now ${MEDIA}`) && v.text.includes("the 406 is gone")
          && v.text.includes("fails with 403: a different problem"), `verification: ${JSON.stringify(v)}`);
        assert(v.outcome === "different", `outcome ${v.outcome}`);
        assert(v.fixed.includes("required-headers/wrong-accept"), `fixed: ${JSON.stringify(v.fixed)}`);
        await p.close();
      },
    ],
    [
      "401 expired → a new token from the helper → 200: the engine says the credential changed and the 401 is gone",
      async () => {
        const { page: p } = await fresh();
        const first = await call(p, { origin: A.url, path: "/{slug}/v1/projects", token: SEED.expiredToken });
        expectStatus(first, 401);
        expectCheck(first, "401-unauthorized", "token-expired");
        const issued = p.waitForResponse((r) => r.url() === `${A.url}/oauth/token`, { timeout: 30000 });
        const got = await requestToken(p, {
          grant: "client_credentials", url: `${A.url}/oauth/token`, clientId: SEED.svcClientId, clientSecret: SEED.svcClientSecret,
        });
        assert(got.noError, `the token request shows section ${got.section}`);
        const fresh_token = JSON.parse(await (await issued).text()).access_token;
        await p.click("[data-role=use-token]");
        await p.waitForFunction((t) => window.__q("#ts-live-token").value === t, fresh_token, { timeout: 30000 });
        const before = await answerCount(p);
        await p.click("[data-role=send]");
        const second = await nextAnswer(p, before);
        expectStatus(second, 200);
        const v = await verification(p);
        assert(v.text && v.text.includes("Authorization now carries a different credential") && v.text.includes("the 401 is gone")
          && v.text.includes("now succeeds"), `verification: ${JSON.stringify(v)}`);
        assert(v.fixed.includes("401-unauthorized/token-expired"), `fixed: ${JSON.stringify(v.fixed)}`);
        const html = await p.evaluate(() => window.__html());
        for (const t of [fresh_token, SEED.expiredToken, SEED.svcClientSecret]) assert(!html.includes(t), "a credential is in the page");
        await p.close();
      },
    ],
    [
      "token helper: a wrong secret, then the right one → the engine says the 401 is gone, its checks fixed",
      async () => {
        const { page: p } = await fresh();
        const first = await requestToken(p, {
          grant: "client_credentials", url: `${A.url}/oauth/token`, clientId: SEED.svcClientId, clientSecret: UNKNOWN_CLIENT_SECRET,
        });
        expectCheck(first, "oauth-invalid-client", "wrong-credentials", ["confirmed", "likely"]);
        const second = await requestToken(p, {
          grant: "client_credentials", url: `${A.url}/oauth/token`, clientId: SEED.svcClientId, clientSecret: SEED.svcClientSecret,
        });
        assert(second.noError, `the second token request shows section ${second.section}`);
        const v = await verification(p);
        assert(v.text && v.text.includes("the 401 is gone") && v.text.includes("now succeeds"), `verification: ${JSON.stringify(v)}`);
        assert(v.fixed.includes("oauth-invalid-client/wrong-credentials"), `fixed: ${JSON.stringify(v.fixed)}`);
        const html = await p.evaluate(() => window.__html());
        for (const t of [UNKNOWN_CLIENT_SECRET, SEED.svcClientSecret]) assert(!html.includes(t), "a secret is in the page");
        await p.close();
      },
    ],

    // ---- the panel within the widget ----
    ...["Check my token", "choosing a preset", "Copy as curl", "ticking the keep-token box"].map((name) => [
      `${name} leaves the live tab shown`,
      async () => {
        const { page: p } = await fresh();
        await fillCall(p, { origin: A.url, path: "/{slug}/v1/projects", token: SEED.adminToken });
        // Each action, then what shows it has taken effect.
        const act = {
          "Check my token": async () => {
            await p.click("[data-role=whoami]");
            await p.waitForFunction(() => (window.__q("[data-role=whoami-result]")?.textContent ?? "").trim().length > 0, null, { timeout: 30000 });
          },
          "choosing a preset": async () => {
            await p.selectOption("#ts-live-preset", { label: "Get a project" });
            await p.waitForFunction(() => window.__q("#ts-live-path")?.value.includes("/v1/projects/1"), null, { timeout: 30000 });
          },
          "Copy as curl": async () => {
            await p.click("[data-role=copy-curl]");
            await p.waitForFunction(() => (window.__q("[data-role=live-call] .ts-status, [data-role=live-call] [role=status]")?.textContent ?? "").trim().length > 0, null, { timeout: 30000 });
          },
          "ticking the keep-token box": async () => {
            await p.click("#ts-keep-token");
            await p.waitForFunction(() => sessionStorage.getItem("scopestack-troubleshooter.token") !== null, null, { timeout: 30000 });
          },
        }[name];
        await act();
        const tab = await currentTab(p);
        assert(tab === "ts-tab-live", `${name} switched the widget to #${tab}`);
        await p.close();
      },
    ]),
    [
      "the live panel is still there after a visit to the Quick reference tab",
      async () => {
        const { page: p } = await fresh();
        await p.click("#ts-tab-reference");
        await p.waitForSelector("[data-role=reference]", { state: "visible", timeout: 30000 });
        await p.click("#ts-tab-live");
        try {
          await p.waitForSelector("#ts-live-origin", { state: "visible", timeout: 30000 });
        } catch {
          const n = await p.evaluate(() => (window.__q("[data-allowed-origins]")?.shadowRoot?.querySelector("[data-role=live-call]") ? 1 : 0));
          throw new Error(`back on the live tab, the panel is gone (its mount element has ${n} children)`);
        }
        await p.close();
      },
    ],
    [
      "keep-token box: ticked stores the token in sessionStorage only, unticked removes it",
      async () => {
        const { page: p } = await fresh();
        const key = "scopestack-troubleshooter.token";
        const stored = () => p.evaluate((k) => sessionStorage.getItem(k), key);
        await p.fill("#ts-live-token", SEED.adminToken);
        assert(!(await p.isChecked("#ts-keep-token")), "the keep box starts ticked");
        assert((await stored()) === null, "stored before ticking");
        await p.click("#ts-keep-token");
        await p.waitForFunction((k) => sessionStorage.getItem(k) !== null, key, { timeout: 30000 });
        assert((await stored()) === SEED.adminToken, `sessionStorage holds ${JSON.stringify(await stored())}`);
        const local = await p.evaluate(() => JSON.stringify(Object.entries(localStorage)));
        assert(!local.includes(SEED.adminToken), "the kept token is in localStorage");
        // The panel must still be there to type into and untick.
        const tab = await currentTab(p);
        assert(await p.isVisible("#ts-live-token"), `after ticking the box the panel is not shown (tab #${tab})`);
        // Typing while ticked keeps the stored value current.
        await p.fill("#ts-live-token", SEED.readonlyToken);
        assert((await stored()) === SEED.readonlyToken, `after typing, sessionStorage holds ${JSON.stringify(await stored())}`);
        await p.click("#ts-keep-token");
        assert(!(await p.isChecked("#ts-keep-token")), "the box is still ticked");
        assert((await stored()) === null, `unticking left ${JSON.stringify(await stored())}`);
        await p.close();
      },
    ],

    [
      "no token, secret or password used above is in the DOM, the URL, storage or the console",
      async () => {
        const secrets = [
          SEED.adminToken, SEED.readonlyToken, SEED.expiredToken, SEED.revokedToken, SEED.northwindToken,
          SEED.pwClientSecret, SEED.svcClientSecret, SEED.adminPassword, WRONG_PASSWORD, UNKNOWN_CLIENT_SECRET,
          "jsonpasted9Xk2LmQ7", "quotedtok4Hs8Wn2Pd", "no-such-token-5Tq9",
        ];
        if (issuedToken) secrets.push(issuedToken);
        const places = {
          DOM: await page.evaluate(() => window.__html()),
          URL: page.url(),
          localStorage: await page.evaluate(() => JSON.stringify(Object.entries(localStorage))),
          sessionStorage: await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage))),
          console: pages.flatMap((p) => p.consoleText).join("\n"),
        };
        const leaks = [];
        for (const [where, text] of Object.entries(places)) {
          for (const s of secrets) if (text.includes(s)) leaks.push(`${s} in ${where}`);
        }
        assert(leaks.length === 0, leaks.join("; "));
        assert(issuedToken, "the issued token was never seen (token helper test failed), so it was not checked");
      },
    ],

    [
      "no console errors nor page errors from the widget (Chromium's 4xx/5xx resource lines aside)",
      async () => {
        const problems = pages.flatMap((p) => widgetProblems(p, [B.url, C.url]));
        assert(problems.length === 0, problems.join("\n"));
      },
    ],
  ]);
} catch (e) {
  console.error(`live page tests: set-up failed: ${e?.stack ?? e}`);
  ok = false;
} finally {
  if (browser) await browser.close().catch(() => {});
  await server.close();
  started.forEach(stopStandin);
  await Promise.all(started.map(stopped));
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
