/**
 * RFC 9457 problem details: every error of the REST API (/api/v1) and the FHIR endpoints is
 * answered with this body and `application/problem+json`.
 */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/**
 * `extra`: members added to the body (e.g. `errors` per field, `parameter`), except `headers`,
 * which are set as response headers instead (`www-authenticate`, `retry-after`).
 */
export function problem(status: number, title: string, detail?: string, extra?: Record<string, unknown>): Response {
  const body: Record<string, unknown> = { type: "about:blank", title, status };
  if (detail !== undefined) body.detail = detail;
  if (extra) {
    for (const [k, v] of Object.entries(extra)) {
      if (k === "headers") continue;
      body[k] = v;
    }
  }
  const headers = new Headers({ "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store" });
  const extraHeaders = extra?.headers;
  if (extraHeaders && typeof extraHeaders === "object") {
    for (const [k, v] of Object.entries(extraHeaders as Record<string, unknown>)) headers.set(k, String(v));
  }
  return new Response(JSON.stringify(body), { status, headers });
}
