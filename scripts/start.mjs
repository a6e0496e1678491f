#!/usr/bin/env node
// `npm start`: builds once when there is no build, then serves the portal on port 3000
// (scripts/serve.mjs: Next's request handler behind the server that stamps each request with its
// socket's address). On first start the embedded database is created, migrated, analysed and
// loaded with the demo network; it runs on its own thread (db/pglite-worker.mjs).
import { existsSync } from "node:fs";
import path from "node:path";
import { spawnSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

// The migrations and the database thread's script are found from the working directory.
process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));

const env = { ...process.env };
const demo = env.DEMO_MODE ? ["1", "true"].includes(env.DEMO_MODE) : !env.DATABASE_URL;
if (!demo) {
  for (const name of ["NEXTAUTH_SECRET", "PSEUDONYM_KEY", "AUDIT_SIGNING_KEY"]) {
    if (!env[name]) {
      console.error(`[ncrc] ${name} is not set. Outside demo mode the portal will not start without it (see README).`);
      process.exit(1);
    }
  }
}
env.PORT ??= "3000";
env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`;

if (!existsSync(`${env.NEXT_DIST_DIR || ".next"}/BUILD_ID`) || env.REBUILD === "1") {
  console.log("[ncrc] building the portal (first start)…");
  const b = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const child = spawn(process.execPath, ["scripts/serve.mjs"], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
