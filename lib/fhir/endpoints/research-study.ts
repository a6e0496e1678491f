import { SYSTEM } from "@/lib/fhir/codes";
import type { EndpointCaller } from "@/lib/fhir/endpoints/caller";
import { fhirBase, searchset } from "@/lib/fhir/map/bundle";
import { researchStudy } from "@/lib/fhir/map/resources";
import { fhirId, parseSearch, STUDY_CODE, tokenValue } from "@/lib/fhir/params";
import { fhirStudies } from "@/lib/fhir/queries/studies";
import { fhirResponse, notFoundResponse, outcomeResponse } from "@/lib/fhir/response";
import { paged } from "@/lib/reads/paging";

/** A study code from an id or token value (ids are case-insensitive; codes are stored upper-case). */
export function studyCodeOf(raw: string): string | null {
  const code = raw.toUpperCase();
  return code.length <= 64 && STUDY_CODE.test(code) ? code : null;
}

/** GET /ResearchStudy/{code}: the study if the caller sees it (and the token reaches it); else 404. */
export async function readResearchStudy(_request: Request, params: { id?: string }, caller: EndpointCaller): Promise<Response> {
  const id = fhirId(params.id);
  const code = id === null ? null : studyCodeOf(id);
  if (code === null) return notFoundResponse("ResearchStudy", null);
  const page = await fhirStudies(caller.actor, { studyIds: caller.studyIds, code, page: 1, count: 1 });
  const row = page.rows[0];
  if (!row) return notFoundResponse("ResearchStudy", code);
  return fhirResponse(researchStudy(row));
}

/** GET /ResearchStudy[?identifier=|_id=]: a searchset of the studies the caller sees. */
export async function searchResearchStudy(request: Request, caller: EndpointCaller): Promise<Response> {
  const url = new URL(request.url);
  const parsed = parseSearch(url, ["identifier", "_id"]);
  if (!parsed.ok) return outcomeResponse(400, "invalid", parsed.message);
  const { values, page, count } = parsed.params;
  const wanted: string[] = [];
  const identifier = values.get("identifier");
  if (identifier !== undefined) {
    const v = tokenValue(identifier, SYSTEM.study);
    if (v === undefined) return outcomeResponse(400, "invalid", "identifier must be [system|]value");
    wanted.push(v ?? "");
  }
  const idParam = values.get("_id");
  if (idParam !== undefined) wanted.push(idParam);
  // Every condition must hold: one unmatched (other system, not a study code, two different codes) matches nothing.
  const codes = wanted.map(studyCodeOf);
  const none = codes.some((c) => c === null) || new Set(codes).size > 1;
  const code = codes[0] ?? undefined;
  const result = none
    ? paged([], 0, page, count)
    : await fhirStudies(caller.actor, { studyIds: caller.studyIds, code: code ?? undefined, page, count });
  return fhirResponse(
    searchset({
      base: fhirBase(url),
      url,
      page: result,
      entries: result.rows.map((r) => ({ resource: researchStudy(r), mode: "match" as const })),
    }),
  );
}
