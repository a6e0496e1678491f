import { SYSTEM } from "@/lib/fhir/codes";
import type { EndpointCaller } from "@/lib/fhir/endpoints/caller";
import { fhirBase, searchset, type BundleEntry } from "@/lib/fhir/map/bundle";
import { researchStudy, researchSubject } from "@/lib/fhir/map/resources";
import { fhirId, parseSearch, studyRef, tokenValue } from "@/lib/fhir/params";
import { fhirStudies } from "@/lib/fhir/queries/studies";
import { fhirSubjects, type FhirSubjectRow } from "@/lib/fhir/queries/subjects";
import { fhirResponse, notFoundResponse, outcomeResponse } from "@/lib/fhir/response";
import { parseSubjectCode } from "@/lib/pseudonyms/subject-code";
import { paged } from "@/lib/reads/paging";

/** A subject code from an id or token value, or null when it cannot be one. */
export function subjectCodeOf(raw: string): string | null {
  const code = raw.toUpperCase();
  return parseSubjectCode(code) ? code : null;
}

/** GET /ResearchSubject/{subject code}: only within the participant scope and the token's studies; else 404. */
export async function readResearchSubject(_request: Request, params: { id?: string }, caller: EndpointCaller): Promise<Response> {
  const id = fhirId(params.id);
  const code = id === null ? null : subjectCodeOf(id);
  if (code === null) return notFoundResponse("ResearchSubject", null);
  const page = await fhirSubjects(caller.actor, { studyIds: caller.studyIds, subjectCode: code, page: 1, count: 1 });
  const row = page.rows[0];
  if (!row) return notFoundResponse("ResearchSubject", code);
  return fhirResponse(researchSubject(row));
}

/** The ResearchStudy resources of a page of subjects (`_include=ResearchSubject:study`), each once, within the study scope. */
export async function includedStudies(caller: EndpointCaller, rows: FhirSubjectRow[]): Promise<BundleEntry[]> {
  const out: BundleEntry[] = [];
  for (const code of [...new Set(rows.map((r) => r.studyCode))]) {
    const page = await fhirStudies(caller.actor, { studyIds: caller.studyIds, code, page: 1, count: 1 });
    if (page.rows[0]) out.push({ resource: researchStudy(page.rows[0]), mode: "include" });
  }
  return out;
}

/** GET /ResearchSubject[?study=&identifier=&_include=ResearchSubject:study]: a paged searchset. */
export async function searchResearchSubject(request: Request, caller: EndpointCaller): Promise<Response> {
  const url = new URL(request.url);
  const parsed = parseSearch(url, ["study", "identifier", "_include"]);
  if (!parsed.ok) return outcomeResponse(400, "invalid", parsed.message);
  const { values, page, count } = parsed.params;
  const include = values.get("_include");
  if (include !== undefined && include !== "ResearchSubject:study") return outcomeResponse(400, "not-supported", "Only _include=ResearchSubject:study is supported");
  let studyCode: string | undefined;
  const study = values.get("study");
  if (study !== undefined) {
    studyCode = studyRef(study);
    if (studyCode === undefined) return outcomeResponse(400, "invalid", "study must be a study code or ResearchStudy/<code>");
  }
  let subjectCode: string | undefined;
  let none = false;
  const identifier = values.get("identifier");
  if (identifier !== undefined) {
    const v = tokenValue(identifier, SYSTEM.subject);
    if (v === undefined) return outcomeResponse(400, "invalid", "identifier must be [system|]value");
    const code = v === null ? null : subjectCodeOf(v);
    if (code === null) none = true;
    else subjectCode = code;
  }
  const result = none
    ? paged([], 0, page, count)
    : await fhirSubjects(caller.actor, { studyIds: caller.studyIds, studyCode, subjectCode, page, count });
  const entries: BundleEntry[] = result.rows.map((r) => ({ resource: researchSubject(r), mode: "match" }));
  if (include !== undefined) entries.push(...(await includedStudies(caller, result.rows)));
  return fhirResponse(searchset({ base: fhirBase(url), url, page: result, entries }));
}
