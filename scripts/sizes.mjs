// Prints the release assets' transfer sizes (raw, gzip, brotli) and fails
// when the first load — wasm + JS + CSS + HTML the page needs to become
// interactive — or either module loaded later exceeds its gzip budget. The diagnosis engine's worker
// (engine-worker*) is fetched only when the engine is first asked something,
// and the live-call panel (live-panel*) only when its tab is opened, so they
// are listed and totalled apart. `measure` and `compressed` are also used by
// scripts/audit.mjs (`./x audit`), so both report the same figures.
// Usage: node scripts/sizes.mjs <dist-dir> [first-load-budget-bytes]
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { pathToFileURL } from "node:url";

const FIRST_LOAD = new Set([".wasm", ".js", ".css", ".html"]);

// The enforced gzip budgets, here once (`./x test` and `./x audit --enforce`
// read them): what each module reached plus about 2 KB, so none can grow
// back unnoticed. Lower one when a module gets smaller; raising one needs a
// reason in the commit.
export const FIRST_LOAD_BUDGET = 148_600; // reached 146.6 KB
export const MODULE_BUDGETS = [
  // [label, files, gzip budget]
  ["engine worker", /^engine-worker/, 238_500], // reached 236.4 KB
  ["live panel", /^live-panel/, 177_900], // reached 175.8 KB (the verify-the-fix loop added 7 KB)
];

export const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
export const LAZY = /^(engine-worker|live-panel)/;
// embed.js is what a host page loads instead of index.html and boot-*.js:
// the standalone page's first load does not include it, an embed's does.
const EMBED_ONLY = /^embed\.js$/;
const PAGE_ONLY = /^(index\.html|boot-[0-9a-f]+\.js)$/;
// Not the widget's: the host page's side of an iframe embed, and the demo
// help-center pages.
const NOT_WIDGET = /^(iframe-host\.js$|demo\/)/;

/** Raw, gzip -9 and brotli -11 sizes of one asset, as a server would send it. */
export function compressed(data) {
  return {
    raw: data.length,
    gzip: zlib.gzipSync(data, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(data, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
  };
}

export const sum = (list) =>
  list.reduce(
    (t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
    { raw: 0, gzip: 0, brotli: 0 },
  );

/** Every wasm/JS/CSS/HTML asset under `dist` (snippets/ included: the page
 * preloads them), split into the standalone page's first load, an embed's
 * first load, and what is loaded when first needed. */
export function measure(dist) {
  const rows = [];
  for (const name of fs.readdirSync(dist, { recursive: true }).sort()) {
    const file = path.join(dist, name);
    if (!fs.statSync(file).isFile() || !FIRST_LOAD.has(path.extname(name)) || NOT_WIDGET.test(name)) continue;
    rows.push({ name, ...compressed(fs.readFileSync(file)) });
  }
  const eager = rows.filter((r) => !LAZY.test(r.name));
  const first = eager.filter((r) => !EMBED_ONLY.test(r.name));
  const embedFirst = eager.filter((r) => !PAGE_ONLY.test(r.name));
  const lazy = rows.filter((r) => LAZY.test(r.name));
  return { eager, first, embedFirst, lazy, total: sum(first), embedTotal: sum(embedFirst), lazyTotal: sum(lazy) };
}

function main() {
  const dist = process.argv[2] ?? "dist";
  const budget = Number(process.argv[3] ?? FIRST_LOAD_BUDGET);
  const { eager, first, lazy, total, embedTotal, lazyTotal } = measure(dist);
  const pad = (s, n) => String(s).padEnd(n);
  console.log(`${pad("asset", 56)}${pad("raw", 12)}${pad("gzip", 12)}brotli`);
  const line = (name, r) =>
    console.log(`${pad(name, Math.max(56, name.length + 2))}${pad(kb(r.raw), 12)}${pad(kb(r.gzip), 12)}${kb(r.brotli)}`);
  for (const r of eager) line(r.name, r);
  line("first load total (standalone page)", total);
  line("first load total (embedded by embed.js)", embedTotal);
  for (const r of lazy) line(r.name, r);
  if (lazy.length) line("loaded when first needed (engine, live panel)", lazyTotal);
  if (!first.some((r) => r.name.endsWith(".wasm"))) {
    console.error(`size budget: no wasm found in ${dist}; was the site built?`);
    process.exit(1);
  }
  const worst = Math.max(total.gzip, embedTotal.gzip);
  let failed = false;
  const check = (label, gzip, limit) => {
    const ok = gzip <= limit;
    failed ||= !ok;
    (ok ? console.log : console.error)(
      `size budget: ${ok ? "ok" : "FAIL"} — ${label} is ${kb(gzip)} gzip, budget ${kb(limit)}`,
    );
  };
  check("first load", worst, budget);
  for (const [label, re, limit] of MODULE_BUDGETS) {
    const files = lazy.filter((r) => re.test(r.name));
    if (!files.length) {
      console.error(`size budget: no ${label} found in ${dist}; was the site built?`);
      process.exit(1);
    }
    check(label, sum(files).gzip, limit);
  }
  if (failed) process.exit(1);
}

// A command when run, a library when imported (by scripts/audit.mjs).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
