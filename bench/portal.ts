// The built portal for the HTTP benchmarks (bench:stall, bench:pages): started exactly as
// `npm start` starts it (scripts/start.mjs), on its own port and data, talked to on the loopback
// address only, and stopped again.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const LOOPBACK = "127.0.0.1";

/** The build the benchmarks serve: NEXT_DIST_DIR, else .next-bench (built once when missing). */
export function ensureBuild(): string {
  const distDir = process.env.NEXT_DIST_DIR || ".next-bench";
  if (fs.existsSync(path.join(distDir, "BUILD_ID"))) return distDir;
  console.log(`  no build in ${distDir}: building (NEXT_DIST_DIR=${distDir} npx next build)…`);
  const b = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: distDir } });
  if (b.status !== 0) throw new Error(`next build failed (exit ${b.status})`);
  return distDir;
}

/** A free TCP port on the loopback address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, LOOPBACK, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export type Portal = { base: string; database: string; startedInMs: number; stop: () => Promise<void> };

/**
 * Starts `node scripts/start.mjs` in demo mode with the given database (PGLITE_DIR, or
 * DATABASE_URL) and waits until /api/health reports the database ready (migrated and seeded).
 */
export async function startPortal(opts: { distDir: string; env: Record<string, string>; label: string }): Promise<Portal> {
  const port = await freePort();
  const base = `http://${LOOPBACK}:${port}`;
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-portal-")), "server.log");
  const out = fs.openSync(logFile, "a");
  const env: NodeJS.ProcessEnv = { ...process.env, DEMO_MODE: "1", NEXT_DIST_DIR: opts.distDir, PORT: String(port), NEXTAUTH_URL: base, ...opts.env };
  if (!opts.env.DATABASE_URL) delete env.DATABASE_URL;
  const started = performance.now();
  // Its own process group, so that stop() ends the server and nothing else.
  const child = spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: ["ignore", out, out], detached: true });
  fs.closeSync(out);
  let exited: number | null = null;
  const gone = new Promise<void>((resolve) => child.once("exit", (code) => ((exited = code ?? 0), resolve())));
  const tail = () => fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  const stop = async () => {
    if (exited !== null) return;
    signal("SIGTERM");
    const late = setTimeout(() => signal("SIGKILL"), 15_000);
    await gone;
    clearTimeout(late);
  };
  process.once("exit", () => signal("SIGKILL"));

  const limitMs = Number(process.env.BENCH_START_TIMEOUT_S ?? 900) * 1000;
  console.log(`  starting the portal (${opts.label}) on ${base}; log: ${logFile}`);
  for (;;) {
    if (exited !== null) throw new Error(`the portal stopped (exit ${exited}) before it was ready:\n${tail()}`);
    if (performance.now() - started > limitMs) {
      await stop();
      throw new Error(`the portal was not ready after ${limitMs / 1000} s:\n${tail()}`);
    }
    const health = await get(base, "/api/health").catch(() => null);
    if (health?.status === 200) {
      const body = JSON.parse(health.body) as { status: string; database: string };
      if (body.status === "ok") return { base, database: body.database, startedInMs: performance.now() - started, stop };
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export type Timing = { status: number; ttfb: number; total: number; bytes: number; body: string };

/**
 * One GET, timed: `ttfb` when the status line and headers arrive (a streamed page sends them
 * with its shell), `total` at the last byte. Each client passes its own agent (its own socket).
 */
export function get(base: string, pathname: string, opts: { cookie?: string; agent?: http.Agent; timeoutMs?: number } = {}): Promise<Timing> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${pathname}`, { agent: opts.agent ?? false, headers: opts.cookie ? { cookie: opts.cookie } : {} }, (res) => {
      const ttfb = performance.now() - t0;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const buf = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, ttfb, total: performance.now() - t0, bytes: buf.length, body: buf.toString("utf8") });
      });
    });
    req.on("error", reject);
    req.setTimeout(opts.timeoutMs ?? 120_000, () => req.destroy(new Error(`GET ${pathname}: no answer in ${(opts.timeoutMs ?? 120_000) / 1000} s`)));
  });
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]);

/** Signs in through next-auth's credentials endpoint, as the form does; returns the Cookie header. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${base}/dashboard` }),
  });
  const session = cookiesOf(res).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in as ${email} failed (HTTP ${res.status})`);
  return session;
}

/** The machine the figures were taken on. */
export function machine(): string {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
  return `${os.cpus().length} cores, load average ${load}`;
}
