import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/actor";
import type { Actor } from "@/lib/authz/actor";
import { apiLocale, apiText } from "@/lib/api/locale";
import { problem } from "@/lib/api/problem";
import { configuredRateLimit, takeRateSlot } from "@/lib/api/rate-limit";
import { loadTokenActor, touchToken } from "@/lib/api/token-actor";

export type ApiToken = { id: number; access: "read" | "read_write"; studyIds: number[] | null };
/** Who calls the API: the person (loaded fresh from the database) and the token they used; token null = a signed-in browser session. */
export type ApiCaller = { actor: Actor; token: ApiToken | null };

export type AuthenticateOptions = {
  /** Requests per token per minute; API_RATE_LIMIT_PER_MINUTE or the default otherwise (tests pass a small one). */
  rateLimit?: number;
  now?: Date;
};

const BEARER = /^Bearer ([^\s]{1,200})$/;

/**
 * The door of every API endpoint. `Authorization: Bearer <token>`, or without that header the
 * browser session (then `token` is null). Answers a problem+json Response instead of a caller
 * for: no, invalid, revoked or expired token, or a user who may no longer sign in → 401 with
 * WWW-Authenticate; a read-only token asked to write → 403; the token's rate limit spent → 429
 * with Retry-After.
 */
export async function authenticateApiRequest(request: Request, need: "read" | "write", options: AuthenticateOptions = {}): Promise<ApiCaller | Response> {
  const now = options.now ?? new Date();
  const header = request.headers.get("authorization");
  if (header === null) {
    const actor = await getActor();
    if (!actor) return unauthorized(request, "api.problem.signInOrToken", "invalid_request");
    // A browser session writes only from the portal itself: a cross-site page cannot use its cookie.
    if (need === "write" && !sameOrigin(request)) return problem(403, apiText(apiLocale(request, actor), "api.problem.forbidden"), apiText(apiLocale(request, actor), "api.problem.crossSite"));
    return { actor, token: null };
  }
  const match = BEARER.exec(header.trim());
  if (!match) return unauthorized(request, "api.problem.badAuthorization", "invalid_request");
  const db = await getDb();
  const found = await loadTokenActor(db, match[1], now);
  if (!found.ok) return unauthorized(request, `api.problem.token.${found.reason}`, "invalid_token");
  const { actor, token } = found;
  const locale = apiLocale(request, actor);

  const slot = await takeRateSlot(db, token.id, options.rateLimit ?? configuredRateLimit(), now);
  if (!slot.ok) {
    return problem(429, apiText(locale, "api.problem.rateLimited"), apiText(locale, "api.problem.rateLimitedDetail", { seconds: slot.retryAfterSeconds }), {
      headers: { "retry-after": slot.retryAfterSeconds },
    });
  }
  if (need === "write" && token.access !== "read_write") {
    return problem(403, apiText(locale, "api.problem.forbidden"), apiText(locale, "api.problem.readOnlyToken"));
  }
  // "Last used" to the minute: written only when the stored one is older, not on every request.
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= 60_000) await touchToken(db, token.id, now);
  return { actor, token: { id: token.id, access: token.access, studyIds: token.studyIds } };
}

function unauthorized(request: Request, detailKey: string, error: "invalid_request" | "invalid_token"): Response {
  const locale = apiLocale(request, null);
  return problem(401, apiText(locale, "api.problem.unauthorized"), apiText(locale, detailKey), {
    headers: { "www-authenticate": `Bearer realm="ncrc-api", error="${error}"` },
  });
}

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return request.headers.get("sec-fetch-site") !== "cross-site";
  try {
    return new URL(origin).host === new URL(request.url).host;
  } catch {
    return false;
  }
}
