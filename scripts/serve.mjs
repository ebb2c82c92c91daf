// Serves the built site on 127.0.0.1 for people (`./x serve`, `./x demo`).
// With --allow-origin, the page it serves lists that origin as one live calls
// may go to (as an embedding page would): that is how the dev/demo build
// reaches the local stand-in, while the shipped index.html allows none.
// Usage: node scripts/serve.mjs <dist-dir> [--port N] [--allow-origin ORIGIN]...
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { mime } from "./mime.mjs";
import { originsOf, policyOf, withPolicy } from "./csp.mjs";

const args = process.argv.slice(2);
const dist = path.resolve(args[0] ?? "dist");
let port = 8080;
const allowed = [];
for (let i = 1; i < args.length; i++) {
  if (args[i] === "--port") port = Number(args[++i]);
  else if (args[i] === "--allow-origin") allowed.push(args[++i]);
  else {
    console.error(`serve: unknown argument ${args[i]}`);
    process.exit(2);
  }
}
// The page's own policy (written by postbuild), widened by --allow-origin
// in the page and, as the same header, on every answer.
const indexHtml = fs.readFileSync(path.join(dist, "index.html"), "utf8");
const shipped = originsOf(indexHtml);
if (!policyOf(indexHtml)) {
  console.error(`serve: ${dist}/index.html has no Content-Security-Policy (build it with ./x build)`);
  process.exit(1);
}
const csp = policyOf(withPolicy(indexHtml, shipped, allowed));
const allowedMeta = `<meta name="scopestack-troubleshooter:allowed-origins" content="${allowed.join(" ")}">`;

http
  .createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let file = path.normalize(path.join(dist, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dist)) return res.writeHead(403).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, data) => {
      if (err) return res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      const type = mime(file);
      const page = file === path.join(dist, "index.html");
      if (page && allowed.length) data = withPolicy(String(data), shipped, allowed);
      // The demo pages host the widget as a help center would: they list
      // the allowed origins too, under their own (no) policy.
      else if (file.endsWith(".html") && allowed.length) data = String(data).replace("<head>", `<head>${allowedMeta}`);
      const headers = { "content-type": type, "cache-control": "no-cache" };
      if (page) headers["content-security-policy"] = csp;
      res.writeHead(200, headers).end(data);
    });
  })
  .listen(port, "127.0.0.1", () => {
    console.log(`the widget is at http://127.0.0.1:${port}/ (Ctrl-C stops it)`);
    if (allowed.length) console.log(`live calls may also go to: ${allowed.join(", ")}`);
  });
