// Large pastes the page tests and the audit both measure, built the same way.

/** nginx's 504 page. */
export const GATEWAY_PAGE =
  "<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center><hr><center>nginx</center></body></html>";

/** About 10 MB of `curl -v` for a 504 on merge data, with a big HTML body. */
export function tenMegabytePaste() {
  return pasteOfSize(10 * 1024 * 1024);
}

/** About `target` bytes of `curl -v` for a 504 on merge data, with a big HTML body. */
export function pasteOfSize(target) {
  const head = [
    "* Connected to api.scopestack.io (52.1.2.3) port 443 (#0)",
    "> GET /acme/v1/projects/123/merge-data HTTP/1.1",
    "> Host: api.scopestack.io",
    "> Accept: application/vnd.api+json",
    ">",
    "< HTTP/1.1 504 Gateway Time-out",
    "< Server: nginx",
    "< Content-Type: text/html",
    "<",
    "<!-- upstream log follows -->",
  ].join("\n");
  const row = "<tr><td>service location</td><td>Main Street 1, Springfield</td><td>pending</td></tr>\n";
  const body = row.repeat(Math.ceil((target - head.length - GATEWAY_PAGE.length) / row.length));
  return `${head}\n${body}${GATEWAY_PAGE}\n* Connection #0 to host api.scopestack.io left intact`;
}
