import { createTokenCommand } from "@/lib/api/commands/create-token";
import type { RouteContext } from "@/lib/api/http";
import { runCommand } from "@/lib/testing/run-command";
import { signOutTestSession } from "@/lib/testing/session";
import { addDays, networkToday } from "@/lib/time/network-day";

/** A personal access token made through the real command, as `email`; its secret (shown once). */
export async function makeToken(email: string, o: { access?: "read" | "read_write"; studyIds?: number[]; name?: string; expiresOn?: string } = {}) {
  const result = await runCommand(email, createTokenCommand, {
    name: o.name ?? "script",
    access: o.access ?? "read",
    expiresOn: o.expiresOn ?? addDays(networkToday(), 30),
    studyIds: o.studyIds ?? [],
  });
  // No vitest here: the benchmarks use this fixture too.
  if (!result.ok) throw new Error(`token refused: ${result.message} ${JSON.stringify(result.fieldErrors ?? {})}`);
  const r = result.data;
  // The API calls that follow must prove who they are with the token alone, never a test session.
  signOutTestSession();
  return { id: r.id, secret: r.secret, prefix: r.prefix };
}

type Call = { token?: string | null; body?: unknown; headers?: Record<string, string>; method?: string };

/** A Request to the API as a client sends it: `path` under /api/v1, bearer token, JSON body. */
export function apiRequest(path: string, c: Call = {}): Request {
  const headers = new Headers(c.headers ?? {});
  if (c.token) headers.set("authorization", `Bearer ${c.token}`);
  if (c.body !== undefined) headers.set("content-type", "application/json");
  return new Request(`http://portal.test/api/v1${path}`, {
    method: c.method ?? (c.body === undefined ? "GET" : "PUT"),
    headers,
    body: c.body === undefined ? undefined : typeof c.body === "string" ? c.body : JSON.stringify(c.body),
  });
}

/** Route handler context as Next passes it. */
export function routeContext<P extends string>(params: Record<P, string>): RouteContext<P> {
  return { params: Promise.resolve(params) };
}
