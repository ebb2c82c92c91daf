// Loopback servers for `./x audit`.
//
// `serveSite` serves a directory the way a real host would: each text or
// wasm asset compressed (brotli when the browser accepts it, else gzip) and
// revalidated on every load. tests/page/harness.mjs serves everything
// uncompressed, which is right for behaviour tests but would make Lighthouse
// (which simulates a slow mobile link from the bytes it saw) and the load
// timings measure a host nobody runs. The widget and the article copy go
// through this same server, so their timings compare like with like.
//
// `serveBody` answers every request with one fixed body and CORS for one
// origin: the audit's stand-in for an API answering a 20 MB response.
//
// Both bind 127.0.0.1 on an ephemeral port and close themselves after
// `lifetimeMs`, whatever happens to the caller.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { mime } from "../mime.mjs";

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".svg", ".txt"]);

function listen(server, lifetimeMs) {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      const timer = setTimeout(() => server.close(), lifetimeMs);
      timer.unref();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            clearTimeout(timer);
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Serve the directory `root`. */
export function serveSite(root, { lifetimeMs = 15 * 60 * 1000 } = {}) {
  const base = path.resolve(root);
  // Compressed once per file: the server's own work must not show in the timings.
  const cache = new Map();
  // How many answers went out with each Content-Encoding: the audit says which.
  const sent = {};
  const encoded = (file, encoding) => {
    const key = `${file}\0${encoding}`;
    if (!cache.has(key)) {
      const data = fs.readFileSync(file);
      cache.set(
        key,
        encoding === "br"
          ? zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })
          : encoding === "gzip"
            ? zlib.gzipSync(data, { level: 9 })
            : data,
      );
    }
    return cache.get(key);
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let file = path.normalize(path.join(base, decodeURIComponent(url.pathname)));
    if (file !== base && !file.startsWith(base + path.sep)) return res.writeHead(403).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
    }
    const ext = path.extname(file);
    const accepts = String(req.headers["accept-encoding"] ?? "");
    const encoding = !COMPRESSIBLE.has(ext) ? null : /\bbr\b/.test(accepts) ? "br" : /\bgzip\b/.test(accepts) ? "gzip" : null;
    const body = encoded(file, encoding ?? "identity");
    const headers = {
      "content-type": mime(file),
      "content-length": body.length,
      "cache-control": "no-cache",
      vary: "Accept-Encoding",
    };
    if (encoding) headers["content-encoding"] = encoding;
    sent[encoding ?? "identity"] = (sent[encoding ?? "identity"] ?? 0) + 1;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  });
  return listen(server, lifetimeMs).then((s) => ({ ...s, encodings: () => ({ ...sent }) }));
}

/** Answer every request (and its CORS preflight) with `body`, readable from `allowOrigin`. */
export function serveBody(body, { status = 200, contentType = "application/vnd.api+json", allowOrigin, lifetimeMs = 10 * 60 * 1000 }) {
  const cors = {
    "access-control-allow-origin": allowOrigin,
    "access-control-allow-methods": "GET, POST, PATCH, DELETE, OPTIONS",
    "access-control-allow-headers": "Authorization, Accept, Content-Type",
    "access-control-max-age": "7200",
    vary: "Origin",
  };
  let served = 0;
  const server = http.createServer((req, res) => {
    if (req.method === "OPTIONS") return res.writeHead(204, cors).end();
    served++;
    res.writeHead(status, { ...cors, "content-type": contentType, "content-length": body.length, "cache-control": "no-store" });
    res.end(body);
  });
  return listen(server, lifetimeMs).then((s) => ({ ...s, served: () => served }));
}
