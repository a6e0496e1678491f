import { BARCODE_RE } from "@/lib/biobank/catalog";
import { SYSTEM } from "@/lib/fhir/codes";
import type { EndpointCaller } from "@/lib/fhir/endpoints/caller";
import { fhirBase, searchset } from "@/lib/fhir/map/bundle";
import { specimen } from "@/lib/fhir/map/resources";
import { fhirId, parseSearch, studyRef, tokenValue } from "@/lib/fhir/params";
import { fhirSpecimens } from "@/lib/fhir/queries/specimens";
import { fhirResponse, notFoundResponse, outcomeResponse } from "@/lib/fhir/response";
import { paged } from "@/lib/reads/paging";

function barcodeOf(raw: string): string | null {
  const code = raw.toUpperCase();
  return BARCODE_RE.test(code) ? code : null;
}

/** GET /Specimen/{barcode}: only within the specimen scope and the token's studies; else 404. */
export async function readSpecimen(_request: Request, params: { id?: string }, caller: EndpointCaller): Promise<Response> {
  const id = fhirId(params.id);
  const barcode = id === null ? null : barcodeOf(id);
  if (barcode === null) return notFoundResponse("Specimen", null);
  const page = await fhirSpecimens(caller.actor, { studyIds: caller.studyIds, barcode, page: 1, count: 1 });
  const row = page.rows[0];
  if (!row) return notFoundResponse("Specimen", barcode);
  return fhirResponse(specimen(row));
}

/** GET /Specimen[?study=&identifier=]: a paged searchset of the specimens the caller sees. */
export async function searchSpecimen(request: Request, caller: EndpointCaller): Promise<Response> {
  const url = new URL(request.url);
  const parsed = parseSearch(url, ["study", "identifier"]);
  if (!parsed.ok) return outcomeResponse(400, "invalid", parsed.message);
  const { values, page, count } = parsed.params;
  let studyCode: string | undefined;
  const study = values.get("study");
  if (study !== undefined) {
    studyCode = studyRef(study);
    if (studyCode === undefined) return outcomeResponse(400, "invalid", "study must be a study code or ResearchStudy/<code>");
  }
  let barcode: string | undefined;
  let none = false;
  const identifier = values.get("identifier");
  if (identifier !== undefined) {
    const v = tokenValue(identifier, SYSTEM.specimen);
    if (v === undefined) return outcomeResponse(400, "invalid", "identifier must be [system|]value");
    const code = v === null ? null : barcodeOf(v);
    if (code === null) none = true;
    else barcode = code;
  }
  const result = none
    ? paged([], 0, page, count)
    : await fhirSpecimens(caller.actor, { studyIds: caller.studyIds, studyCode, barcode, page, count });
  return fhirResponse(
    searchset({
      base: fhirBase(url),
      url,
      page: result,
      entries: result.rows.map((r) => ({ resource: specimen(r), mode: "match" as const })),
    }),
  );
}
