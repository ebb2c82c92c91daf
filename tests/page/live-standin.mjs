// The local stand-in of the ScopeStack API (standin/) for the live page
// tests: start one on a free port, stop it, wait for it to have stopped.
import { spawn } from "node:child_process";

/** Every stand-in started, so the caller can stop them all. */
export const started = [];

/** Start the stand-in `bin` on a free port, stopping by itself after
 * `ttlSeconds`; resolves to { url, proc, log }. */
export function startStandin(bin, ttlSeconds, args) {
  const proc = spawn(bin, ["--port", "0", "--ttl", String(ttlSeconds), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(proc);
  const log = [];
  let pending = "";
  proc.stderr.on("data", (d) => {
    pending += String(d);
    const lines = pending.split("\n");
    pending = lines.pop();
    log.push(...lines.filter((l) => l.trim()));
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`stand-in ${args.join(" ")}: no listening line`)), 15000);
    proc.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`stand-in exited early (code ${code}): ${log.join(" | ")}`));
    });
    proc.stdout.on("data", (d) => {
      out += String(d);
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        proc.stdout.resume();
        resolve({ url: m[1], proc, log });
      }
    });
  });
}

export function stopStandin(proc) {
  if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
}

export function stopped(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => proc.once("exit", resolve));
}
