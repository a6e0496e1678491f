import { fhirResponse, type FhirResource } from "@/lib/fhir/response";
import { fhirBase } from "@/lib/fhir/map/bundle";

/** The date this capability statement last changed (a constant: it describes the code, not the data). */
const PUBLISHED = "2026-12-02";

const read = { code: "read" };
const search = { code: "search-type" };
const paging = [
  { name: "_count", type: "number", documentation: "Page size, 1–200 (default 50)" },
  { name: "page", type: "number", documentation: "Page number from 1; the Bundle's next link carries it" },
];

/**
 * What the FHIR endpoints serve (GET /api/fhir/r4/metadata). It names no data and needs no
 * token; every other endpoint needs a bearer token (or a signed-in session) and shows what the
 * user's pages show.
 */
export function capabilityStatement(url: URL): FhirResource {
  return {
    resourceType: "CapabilityStatement",
    status: "active",
    date: PUBLISHED,
    publisher: "NCRC Network Portal",
    kind: "instance",
    software: { name: "NCRC Network Portal" },
    implementation: { description: "NCRC Network Portal — FHIR R4 read endpoints", url: fhirBase(url) },
    // The vendored R4 JSON schema (data/fhir/r4) lists FHIR versions up to 4.0.0.
    fhirVersion: "4.0.0",
    format: ["json"],
    rest: [
      {
        mode: "server",
        documentation: "Read-only. Authorization: Bearer <personal access token>. A token speaks for its user with the user's scope, narrowed to its studies when it lists some.",
        security: { description: "Bearer personal access tokens (ncrc_pat_…), or the portal's signed-in session." },
        resource: [
          {
            type: "ResearchStudy",
            interaction: [read, search],
            searchParam: [{ name: "_id", type: "token" }, { name: "identifier", type: "token" }, ...paging],
          },
          {
            type: "ResearchSubject",
            interaction: [read, search],
            searchInclude: ["ResearchSubject:study"],
            searchParam: [{ name: "study", type: "reference" }, { name: "identifier", type: "token" }, ...paging],
          },
          {
            type: "Specimen",
            interaction: [read, search],
            searchParam: [
              { name: "study", type: "reference", documentation: "The study of the specimen's subject (the portal's own parameter)" },
              { name: "identifier", type: "token" },
              ...paging,
            ],
          },
          {
            type: "Bundle",
            interaction: [search],
            searchParam: [{ name: "study", type: "reference", documentation: "Required: a searchset of the study, its subjects (paged) and their specimens" }, ...paging],
          },
        ],
      },
    ],
  };
}

export function metadataEndpoint(request: Request): Response {
  return fhirResponse(capabilityStatement(new URL(request.url)));
}
