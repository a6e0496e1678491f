// The portal's production HTTP server (scripts/serve.mjs runs it): Next.js behind a thin Node
// server whose only job is to tell the app who is on the other end of the socket.
//
// Why: Next's App Router gives route handlers no socket, and `next start` fills
// X-Forwarded-For from the socket only when the client sent none (`??=` in base-server.js),
// so a client that sends its own header chooses its address. This server deletes any incoming
// copy of the internal header and stamps the socket's address into it, with a per-process token
// the app checks (lib/http/client-address.ts), so a server started without this wrapper never
// trusts a header a client could have written.
import { randomBytes } from "node:crypto";
import http from "node:http";

export const SOCKET_HEADER = "x-ncrc-client-socket";
export const SOCKET_TOKEN_ENV = "NCRC_SOCKET_STAMP";

/** A fresh token for this process, published in process.env for the app in the same process. */
export function issueSocketToken() {
  const token = randomBytes(24).toString("base64url");
  process.env[SOCKET_TOKEN_ENV] = token;
  return token;
}

/**
 * Replaces whatever the client sent under SOCKET_HEADER with "<token> <socket address>".
 * Node lower-cases header names, and joins repeated headers, so one delete removes every copy;
 * rawHeaders is filtered too so nothing downstream can read a forged one back.
 */
export function stampSocketAddress(req, token) {
  delete req.headers[SOCKET_HEADER];
  if (Array.isArray(req.rawHeaders)) {
    const kept = [];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      if (req.rawHeaders[i].toLowerCase() !== SOCKET_HEADER) kept.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
    }
    req.rawHeaders.length = 0;
    req.rawHeaders.push(...kept);
  }
  const address = req.socket?.remoteAddress;
  if (address) req.headers[SOCKET_HEADER] = `${token} ${address}`;
}

/** An http.Server that stamps every request, then hands it to `handle` (Next's request handler). */
export function createPortalServer(handle, token) {
  return http.createServer((req, res) => {
    stampSocketAddress(req, token);
    handle(req, res);
  });
}
