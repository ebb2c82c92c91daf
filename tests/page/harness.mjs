// Shared ground for page tests: a static server for the built site on
// 127.0.0.1 (stopped by the caller, and by a watchdog if it is not), Debian's
// Chromium launched headless with the flags this closed network needs, and a
// tiny runner that prints a closing "N passed, N failed" line.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { chromium } from "playwright-core";
import { mime } from "../../scripts/mime.mjs";


/** Serve `root` on an ephemeral loopback port. `headers` are added to every answer. */
export async function serve(root, headers = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(path.resolve(root))) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      res.writeHead(200, { "content-type": mime(file), ...headers });
      res.end(data);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  // Never outlive the test run, whatever happens to the caller.
  const watchdog = setTimeout(() => server.close(), 10 * 60 * 1000);
  watchdog.unref();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export const CHROMIUM = process.env.CHROMIUM_BIN || "/usr/bin/chromium";

/** Debian's Chromium, headless, quiet on a network that refuses everything. */
export async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ts-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Open `url` in a new page, collecting console errors and page errors. */
export async function open(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await page.goto(url);
  await page.waitForSelector("[data-ready=true]", { timeout: 30000 });
  return { page, problems };
}

/** Run named async tests in order; print each result and the closing line. */
export async function run(suite, tests) {
  let passed = 0;
  let failed = 0;
  // ONLY=words runs just the tests whose name holds them (for debugging;
  // ./x test never sets it).
  const only = process.env.ONLY;
  for (const [name, fn] of tests.filter(([n]) => !only || n.includes(only))) {
    try {
      await fn();
      passed++;
      console.log(`ok   ${suite}: ${name}`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${suite}: ${name}\n     ${String(e?.stack ?? e).split("\n").join("\n     ")}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0;
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}
