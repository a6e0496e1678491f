#!/usr/bin/env node
// `npm start`: builds once when there is no build, then serves the portal on port 3000.
import { existsSync } from "node:fs";
import { spawnSync, spawn } from "node:child_process";

const env = { ...process.env };
const demo = env.DEMO_MODE ? ["1", "true"].includes(env.DEMO_MODE) : !env.DATABASE_URL;
if (!demo) {
  for (const name of ["NEXTAUTH_SECRET", "PSEUDONYM_KEY"]) {
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
const child = spawn("npx", ["next", "start", "-p", env.PORT], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
