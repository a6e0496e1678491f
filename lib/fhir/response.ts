/** A FHIR resource as sent: JSON with its resourceType (the mappers build the exact shapes). */
export type FhirResource = { resourceType: string; id?: string } & Record<string, unknown>;

export const FHIR_JSON = "application/fhir+json; charset=utf-8";

/** Every FHIR answer: application/fhir+json, never cached (the rows depend on who asks). */
export function fhirResponse(body: FhirResource, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": FHIR_JSON, "cache-control": "private, no-store", "x-content-type-options": "nosniff", ...headers },
  });
}

export type IssueCode = "not-found" | "invalid" | "not-supported" | "login" | "forbidden" | "throttled" | "too-costly" | "exception";

/** An OperationOutcome with one issue (English diagnostics: the reader is a program or its developer). */
export function operationOutcome(severity: "error" | "warning" | "information", code: IssueCode, diagnostics: string): FhirResource {
  return { resourceType: "OperationOutcome", issue: [{ severity, code, diagnostics }] };
}

export function outcomeResponse(status: number, code: IssueCode, diagnostics: string, headers: Record<string, string> = {}): Response {
  return fhirResponse(operationOutcome("error", code, diagnostics), status, headers);
}

/** Unknown, out of scope or outside the token's studies: the same answer, so nothing tells them apart. */
export function notFoundResponse(type: string, id: string | null): Response {
  const what = id === null ? `${type}` : `${type}/${id}`;
  return outcomeResponse(404, "not-found", `${what} is not known`);
}

const AUTH_ISSUE: Record<number, IssueCode> = { 401: "login", 403: "forbidden", 429: "throttled" };

/**
 * The API door answers refusals as problem+json (lib/api); a FHIR client expects an
 * OperationOutcome. Same status and the headers that matter (WWW-Authenticate, Retry-After).
 */
export async function fhirRefusal(refusal: Response): Promise<Response> {
  let detail = "The request was refused";
  try {
    const body = (await refusal.json()) as { detail?: unknown; title?: unknown };
    const text = typeof body.detail === "string" ? body.detail : typeof body.title === "string" ? body.title : null;
    if (text) detail = text.slice(0, 500);
  } catch {
    // A body that is not JSON: the status says enough.
  }
  const headers: Record<string, string> = {};
  for (const h of ["www-authenticate", "retry-after"]) {
    const v = refusal.headers.get(h);
    if (v !== null) headers[h] = v;
  }
  return outcomeResponse(refusal.status, AUTH_ISSUE[refusal.status] ?? "forbidden", detail, headers);
}
