// Page smoke test: the release build, served on loopback, mounts in headless
// Chromium with its paste box and no console errors.
// Usage: node smoke.mjs <dist-dir>
import { serve, launch, open, run, assert } from "./harness.mjs";

const dist = process.argv[2];
if (!dist) {
  console.error("usage: node smoke.mjs <dist-dir>");
  process.exit(2);
}

const server = await serve(dist);
const browser = await launch();
let ok = false;
try {
  ok = await run("page smoke", [
    [
      "the widget mounts with a labelled paste box and no console errors",
      async () => {
        const { page, problems } = await open(browser.context, server.url);
        const title = await page.title();
        assert(/ScopeStack/.test(title), `page title is ${JSON.stringify(title)}`);
        const box = page.locator("textarea[data-role=paste]");
        assert((await box.count()) === 1, "one paste box");
        const label = await page.locator("label[for=ts-paste-input]").textContent();
        assert(label && label.trim().length > 0, "the paste box has a label");
        await box.fill("401");
        assert((await box.inputValue()) === "401", "the paste box takes input");
        // The engine answers from its worker, loaded on this first question.
        await page.waitForSelector("[data-section='401-unauthorized']", { timeout: 30000 });
        assert(problems.length === 0, problems.join("\n"));
        await page.close();
      },
    ],
    [
      "the standalone page ships its own strict policy: connect-src is only ScopeStack's API origins",
      async () => {
        const { page, problems } = await open(browser.context, server.url);
        const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? "");
        const connect = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("connect-src"));
        assert(connect === "connect-src 'self' https://api.scopestack.io https://app.scopestack.io", `connect-src: ${connect} (policy ${csp})`);
        assert(/script-src 'self' 'wasm-unsafe-eval'(;|$)/.test(csp), `script-src: ${csp}`);
        // The browser enforces it: a fetch to any other host is refused
        // before it leaves the page, and reported as a violation.
        const refused = await page.evaluate(async () => {
          const seen = new Promise((resolve) => document.addEventListener("securitypolicyviolation", (e) => resolve(e.blockedURI), { once: true }));
          const sent = fetch("https://api.scopestack.io.evil.example/v1/me").then(() => "sent", () => "refused");
          return { outcome: await sent, blocked: await seen };
        });
        assert(refused.outcome === "refused" && refused.blocked.includes("evil.example"), JSON.stringify(refused));
        // The violation is the test's own doing; nothing else went wrong.
        const rest = problems.filter((p) => !p.includes("evil.example"));
        assert(rest.length === 0, rest.join("\n"));
        await page.close();
      },
    ],
  ]);
} finally {
  await browser.close();
  await server.close();
}
process.exit(ok ? 0 : 1);
