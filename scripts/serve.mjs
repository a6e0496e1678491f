#!/usr/bin/env node
// Serves an already built portal on $PORT (default 3000): the same request handler `next start`
// uses, behind lib/http/portal-server.mjs, which stamps each request with its socket's address.
// `npm start` (scripts/start.mjs) and the e2e web server run this instead of `next start`, whose
// X-Forwarded-For a client can write itself (see lib/http/client-address.ts).
import { createPortalServer, issueSocketToken } from "../lib/http/portal-server.mjs";

// What the `next` command does before `start`: React and Next pick their builds by NODE_ENV when
// they load, so it must be set before `next` is imported.
process.env.NODE_ENV ||= "production";
const { default: next } = await import("next");

const port = Number(process.env.PORT ?? 3000);
const token = issueSocketToken();
const app = next({ dev: false, dir: process.cwd(), port, hostname: "localhost" });
await app.prepare();
const server = createPortalServer(app.getRequestHandler(), token);
server.listen(port, () => console.log(`[ncrc] portal listening on port ${port}`));

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    server.close();
    // Exit handlers release the embedded database's folder lock.
    process.exit(0);
  });
}
