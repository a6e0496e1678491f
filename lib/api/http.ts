import type { ActionResult } from "@/lib/actions/result";
import type { Actor } from "@/lib/authz/actor";
import { parseRouteParam } from "@/lib/http/route-param";
import type { Locale } from "@/lib/i18n/locales";
import { apiLocale, apiText } from "@/lib/api/locale";
import { problem } from "@/lib/api/problem";

/** What a route handler is given: the dynamic segments, as Next 16 passes them (a promise). */
export type RouteContext<P extends string> = { params: Promise<Record<P, string | string[] | undefined>> };
export type Endpoint<P extends string = never> = (request: Request, context: RouteContext<P>) => Promise<Response>;

export const MAX_PAGE_LIMIT = 200;
export const DEFAULT_PAGE_LIMIT = 50;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });
}

/** No such record, or one outside what the caller may see: the same answer, revealing nothing. */
export function notFoundProblem(request: Request, actor: Pick<Actor, "locale"> | null): Response {
  const l = apiLocale(request, actor);
  return problem(404, apiText(l, "api.problem.notFound"), apiText(l, "api.problem.notFoundDetail"));
}

export function badQuery(request: Request, actor: Pick<Actor, "locale"> | null, parameter: string): Response {
  const l = apiLocale(request, actor);
  return problem(400, apiText(l, "api.problem.badRequest"), apiText(l, "api.problem.invalidQuery"), { parameter });
}

/** Study codes, subject codes, barcodes: letters, digits and a few separators. */
export const CODE_PARAM = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Event and form names (db/schema/crf.ts NAME_RE). */
export const NAME_PARAM = /^[a-z][a-z0-9_]{0,63}$/;

/** A path segment, or null when it cannot name a record (malformed escapes, control characters, too long, wrong shape): the caller answers 404. */
export function pathParam(raw: string | string[] | undefined, pattern: RegExp): string | null {
  const v = parseRouteParam(raw);
  return v !== null && pattern.test(v) ? v : null;
}

/** Opaque cursors: "after this id", base64url, so clients do not build them. */
export function encodeCursor(after: number): string {
  return Buffer.from(`a:${after}`, "utf8").toString("base64url");
}

export function decodeCursor(raw: string | null): number | null {
  if (raw === null || raw === "") return 0;
  if (raw.length > 40 || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  const m = /^a:(\d{1,10})$/.exec(Buffer.from(raw, "base64url").toString("utf8"));
  if (!m) return null;
  const n = Number(m[1]);
  return n <= 2_147_483_647 ? n : null;
}

/** `limit` (1 … 200, default 50), or null when malformed. */
export function pageLimit(raw: string | null): number | null {
  if (raw === null || raw === "") return DEFAULT_PAGE_LIMIT;
  if (!/^\d{1,3}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= MAX_PAGE_LIMIT ? n : null;
}

/** Query parameters this endpoint does not know are refused, as the command schemas refuse unknown keys. */
export function unknownQueryParam(url: URL, known: readonly string[]): string | null {
  for (const k of url.searchParams.keys()) if (!known.includes(k)) return k;
  return null;
}

/** Messages of the pipeline whose refusal has its own HTTP status (the rest: 422). */
const STATUS_OF: [key: string, status: number][] = [
  ["errors.notFound", 404],
  ["errors.forbidden", 403],
  ["errors.signedOut", 401],
  ["errors.requestKeyReused", 409],
  ["crf.entry.errors.stale", 409],
  ["crf.entry.errors.verified", 409],
  ["errors.databaseTimeout", 503],
  ["errors.unexpected", 500],
];

/** A refused command as problem+json: the pipeline's translated message, field errors per field. */
export function commandProblem(result: Extract<ActionResult<unknown>, { ok: false }>, locale: Locale): Response {
  const status = STATUS_OF.find(([key]) => apiText(locale, key) === result.message)?.[1] ?? 422;
  const title =
    status === 404
      ? apiText(locale, "api.problem.notFound")
      : status === 403
        ? apiText(locale, "api.problem.forbidden")
        : status === 409
          ? apiText(locale, "api.problem.conflict")
          : status >= 500
            ? apiText(locale, "api.problem.unexpected")
            : result.fieldErrors
              ? apiText(locale, "api.problem.validation")
              : apiText(locale, "api.problem.unprocessable");
  return problem(status, title, result.message, result.fieldErrors ? { errors: result.fieldErrors } : undefined);
}

/** The JSON object of a request body, or null (not JSON, not an object, over 1 MB). */
export async function jsonBody(request: Request, maxBytes = 1_000_000): Promise<Record<string, unknown> | null> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) return null;
  const text = await request.text();
  if (text.length > maxBytes) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A row without its internal id: the API names records by their codes, never by database ids. */
export function withoutId<T extends { id: number }>(row: T): Omit<T, "id"> {
  const out: Partial<T> = { ...row };
  delete out.id;
  return out as Omit<T, "id">;
}
