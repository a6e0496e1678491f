import type { EndpointCaller } from "@/lib/fhir/endpoints/caller";
import { fhirBase, searchset, type BundleEntry } from "@/lib/fhir/map/bundle";
import { researchStudy, researchSubject, specimen } from "@/lib/fhir/map/resources";
import { parseSearch, studyRef } from "@/lib/fhir/params";
import { fhirSpecimens } from "@/lib/fhir/queries/specimens";
import { fhirStudies } from "@/lib/fhir/queries/studies";
import { fhirSubjects } from "@/lib/fhir/queries/subjects";
import { fhirResponse, operationOutcome, outcomeResponse } from "@/lib/fhir/response";
import { paged } from "@/lib/reads/paging";

/** Specimens one bundle page carries at most; past that an outcome entry says so (Specimen?study= pages them all). */
export const BUNDLE_SPECIMEN_LIMIT = 1000;

/**
 * GET /Bundle?study=<code>: one searchset with the study, a page of its subjects (the matches,
 * paged by `_count`/`page`) and the specimens of those subjects — each through its own scoped
 * read, so the bundle holds nothing its parts would not show. An unknown study, one outside the
 * caller's scope and one outside the token's studies all give the same empty searchset.
 */
export async function searchStudyBundle(request: Request, caller: EndpointCaller, specimenLimit = BUNDLE_SPECIMEN_LIMIT): Promise<Response> {
  const url = new URL(request.url);
  const parsed = parseSearch(url, ["study"]);
  if (!parsed.ok) return outcomeResponse(400, "invalid", parsed.message);
  const { values, page, count } = parsed.params;
  const study = values.get("study");
  if (study === undefined) return outcomeResponse(400, "invalid", "study is required (a study code or ResearchStudy/<code>)");
  const studyCode = studyRef(study);
  if (studyCode === undefined) return outcomeResponse(400, "invalid", "study must be a study code or ResearchStudy/<code>");

  const studyPage = await fhirStudies(caller.actor, { studyIds: caller.studyIds, code: studyCode, page: 1, count: 1 });
  const studyRow = studyPage.rows[0];
  const subjects = studyRow
    ? await fhirSubjects(caller.actor, { studyIds: caller.studyIds, studyCode, page, count })
    : paged([], 0, page, count);
  const entries: BundleEntry[] = subjects.rows.map((r) => ({ resource: researchSubject(r), mode: "match" }));
  if (studyRow) entries.unshift({ resource: researchStudy(studyRow), mode: "include" });
  if (subjects.rows.length) {
    const specimens = await fhirSpecimens(caller.actor, {
      studyIds: caller.studyIds,
      studyCode,
      subjectCodes: subjects.rows.map((r) => r.subjectCode),
      page: 1,
      count: specimenLimit,
    });
    entries.push(...specimens.rows.map((r) => ({ resource: specimen(r), mode: "include" as const })));
    const left = specimens.total - specimens.rows.length;
    if (left > 0) {
      entries.push({
        resource: operationOutcome("warning", "too-costly", `${left} more specimen${left === 1 ? "" : "s"} of these subjects not in this page; read them with Specimen?study=${studyCode}`),
        mode: "outcome",
      });
    }
  }
  return fhirResponse(searchset({ base: fhirBase(url), url, page: subjects, entries }));
}
