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
  ]);
} finally {
  await browser.close();
  await server.close();
}
process.exit(ok ? 0 : 1);
