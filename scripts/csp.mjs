// The Content-Security-Policy the standalone page ships with, in one place:
// `scripts/postbuild.mjs` writes it into index.html as a <meta>, `./x serve`
// sends the same as a header, and the page tests serve the site under it.
// `connect-src` lists exactly the origins live calls may go to (the
// engine's, from `diagnose --origins`, plus what a page adds in its
// allowed-origins <meta>), so a token can never be sent anywhere else, even
// if a bug in the widget built such a URL.

const META_CSP = /<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*\/?>/;
const META_ALLOWED = /<meta name="scopestack-troubleshooter:allowed-origins" content="([^"]*)"\s*\/?>/;

/** The policy for a page whose live calls may go to `origins`. */
export function policy(origins) {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `connect-src 'self' ${[...new Set(origins)].join(" ")}`.trim(),
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** The policy `html` carries in its <meta>, or null. */
export function policyOf(html) {
  const m = html.match(META_CSP);
  return m ? m[0].match(/content="([^"]*)"/)[1] : null;
}

/** The origins a built index.html lets live calls reach (its policy's connect-src, less 'self'). */
export function originsOf(html) {
  const p = policyOf(html) ?? "";
  const connect = p.split(";").map((d) => d.trim()).find((d) => d.startsWith("connect-src")) ?? "";
  return connect.split(/\s+/).slice(1).filter((o) => o !== "'self'");
}

/**
 * `html` with its policy set for `origins` (written after <meta charset>),
 * and, when `extra` is given, those origins also listed in the widget's
 * allowed-origins <meta> — as a host page or `./x demo` allows the stand-in.
 */
export function withPolicy(html, origins, extra = []) {
  let out = html.replace(META_CSP, "").replace(META_ALLOWED, "");
  const all = [...origins, ...extra];
  const tags = [`<meta http-equiv="Content-Security-Policy" content="${policy(all)}" />`];
  if (extra.length) tags.push(`<meta name="scopestack-troubleshooter:allowed-origins" content="${extra.join(" ")}" />`);
  const charset = /<meta charset="[^"]*"\s*\/?>/i;
  if (!charset.test(out)) throw new Error("csp: index.html has no <meta charset>");
  return out.replace(charset, (m) => `${m}\n    ${tags.join("\n    ")}`);
}
