import { beforeAll, describe, expect, it } from "vitest";
import { authenticateApiRequest } from "@/lib/api/authenticate";
import { loadActorBySession } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/authz/actor";
import type { EndpointCaller } from "@/lib/fhir/endpoints/caller";
import { capabilityStatement, metadataEndpoint } from "@/lib/fhir/endpoints/metadata";
import { readResearchStudy, searchResearchStudy } from "@/lib/fhir/endpoints/research-study";
import { readResearchSubject, searchResearchSubject } from "@/lib/fhir/endpoints/research-subject";
import { readSpecimen, searchSpecimen } from "@/lib/fhir/endpoints/specimen";
import { searchStudyBundle } from "@/lib/fhir/endpoints/study-bundle";
import { researchStudy, researchSubject, specimen } from "@/lib/fhir/map/resources";
import { fhirRefusal } from "@/lib/fhir/response";
import { PARTICIPANT_STATUSES, SPECIMEN_STATUSES, SPECIMEN_TYPES, SPECIMEN_UNITS, STUDY_PHASES, STUDY_SITE_STATUSES, STUDY_STATUSES } from "@/db/enums";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { insertTestToken, seedFhirNetwork, type FhirNetwork } from "@/lib/testing/fhir-network";
import { fhirSchemaErrors, fhirValidator } from "@/lib/testing/fhir-schema";
import { signInAs } from "@/lib/testing/session";

type Json = Record<string, unknown> & { resourceType?: string };
type Entry = { fullUrl?: string; resource: Json & { id?: string }; search: { mode: string } };
type Bundle = Json & { total: number; link: { relation: string; url: string }[]; entry?: Entry[] };

const BASE = "https://portal.test/api/fhir/r4";
const h = await setupTestDb();
let net: FhirNetwork;
const actors = new Map<string, Actor>();

beforeAll(async () => {
  fhirValidator(); // compiled once for the file (3.4 MB of schema)
  await seedBase(h.db);
  net = await seedFhirNetwork(h.db);
  for (const email of ["admin", "pi", "staff.rc1", "staff.rc20", "monitor", "viewer", "coord.rc1", "biobank"].map((n) => `${n}@ncrc.demo`)) {
    const { sessionId } = await signInAs(h.db, email);
    const a = await loadActorBySession(h.db, sessionId);
    if (!a) throw new Error(`no actor ${email}`);
    actors.set(email.split("@")[0], a);
  }
}, 120_000);

const as = (who: string, studyIds: number[] | null = null): EndpointCaller => ({ actor: actors.get(who)!, studyIds });

/** Every answer: FHIR JSON, valid against the R4 schema, whatever its status. */
async function fhir(res: Response, status: number): Promise<Json> {
  expect(res.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
  const body = (await res.json()) as Json;
  expect({ status: res.status, body }).toMatchObject({ status });
  expect(fhirSchemaErrors(body)).toEqual([]);
  return body;
}

const req = (path: string) => new Request(`${BASE}${path}`);
const read = async (fn: typeof readResearchStudy, type: string, id: string, who: EndpointCaller, status = 200) => fhir(await fn(req(`/${type}/${id}`), { id }, who), status);
const search = async (fn: (r: Request, c: EndpointCaller) => Promise<Response>, path: string, who: EndpointCaller, status = 200) => fhir(await fn(req(path), who), status);
const ids = (b: Json, type?: string) => ((b as Bundle).entry ?? []).filter((e) => !type || e.resource.resourceType === type).map((e) => e.resource.id);

function expectNotFound(body: Json) {
  expect(body).toMatchObject({ resourceType: "OperationOutcome", issue: [{ severity: "error", code: "not-found" }] });
}

const OPEN_R01 = ["FH-OPEN-R01-0001", "FH-OPEN-R01-0002", "FH-OPEN-R01-0003", "FH-OPEN-R01-0004"];
const OPEN_R20 = ["FH-OPEN-R20-0001", "FH-OPEN-R20-0002", "FH-OPEN-R20-0003"];

describe("the vendored R4 schema", () => {
  it("refuses what R4 refuses (so the checks below can fail)", () => {
    expect(fhirSchemaErrors({ resourceType: "ResearchSubject", status: "on-study", study: { reference: "ResearchStudy/A" } })).not.toEqual([]);
    expect(fhirSchemaErrors({ resourceType: "ResearchStudy", status: "recruiting" })).not.toEqual([]);
    expect(fhirSchemaErrors({ resourceType: "ResearchStudy", status: "active", title: "" })).not.toEqual([]);
    expect(fhirSchemaErrors({ resourceType: "Specimen", colour: "red" })).not.toEqual([]);
    expect(fhirSchemaErrors({ resourceType: "NoSuchThing" })).not.toEqual([]);
    expect(fhirSchemaErrors({ resourceType: "Bundle", type: "searchset", entry: [{ resource: { resourceType: "Specimen", status: "lost" } }] })).not.toEqual([]);
  });
});

describe("the mappers", () => {
  it("give a valid resource for every stored status, phase, type and unit", () => {
    for (const status of STUDY_STATUSES) {
      for (const phase of STUDY_PHASES) {
        const r = researchStudy({
          id: 1, code: "S-1", titleZh: "研究", titleEn: "  ", registryNo: "", phase, status, area: "cancer_biology", blinding: null,
          plannedStart: "2025-01-01", plannedEnd: null, arms: [{ code: "A", nameZh: "甲", nameEn: "" }],
          sites: STUDY_SITE_STATUSES.map((st, i) => ({ code: `C${i}`, nameZh: "医院", nameEn: "Hospital", status: st })),
        });
        expect([status, phase, fhirSchemaErrors(r)]).toEqual([status, phase, []]);
        // A blank English title falls back to the code; the Chinese one goes along as its translation.
        expect(r.title).toBe("S-1");
      }
    }
    for (const status of PARTICIPANT_STATUSES) {
      const r = researchSubject({ id: 1, subjectCode: "S-1-C1-0001", studyId: 1, studyCode: "S-1", status, enrolledOn: "2025-01-01", withdrawnOn: status === "withdrawn" ? "2025-02-01" : null, armCode: null });
      expect([status, fhirSchemaErrors(r)]).toEqual([status, []]);
    }
    for (const status of SPECIMEN_STATUSES) {
      for (const type of SPECIMEN_TYPES) {
        for (const unit of SPECIMEN_UNITS) {
          const r = specimen({ id: 1, barcode: "NB000000001", category: "blood", type, status, collectedAt: "2025-01-01T00:00:00Z", quantity: "0.000", unit, subjectCode: null, donorCode: null, parentBarcode: null });
          expect([status, type, unit, fhirSchemaErrors(r)]).toEqual([status, type, unit, []]);
        }
      }
    }
  });
});

describe("metadata", () => {
  it("serves a valid CapabilityStatement without a token", async () => {
    const cs = await fhir(metadataEndpoint(req("/metadata")), 200);
    expect(cs).toMatchObject({ resourceType: "CapabilityStatement", kind: "instance", fhirVersion: "4.0.0", format: ["json"] });
    expect(cs).toEqual(capabilityStatement(new URL(`${BASE}/metadata`)));
  });
});

describe("ResearchStudy", () => {
  it("reads a study by code with its bilingual title, phase, status, sites and arms", async () => {
    const s = await read(readResearchStudy, "ResearchStudy", "FH-OPEN", as("admin"));
    expect(s).toMatchObject({
      resourceType: "ResearchStudy",
      id: "FH-OPEN",
      title: "Test study FH-OPEN",
      status: "active",
      phase: { coding: [{ code: "phase-3" }] },
      site: [{ reference: "#site-R01" }, { reference: "#site-R20" }],
      arm: [{ name: "A" }, { name: "B" }],
    });
    expect(JSON.stringify(s._title)).toContain("测试研究 FH-OPEN");
    expect((s.contained as Json[]).map((c) => c.id)).toEqual(["site-R01", "site-R20"]);
    // Ids are case-insensitive: the stored code is upper-case.
    expect((await read(readResearchStudy, "ResearchStudy", "fh-open", as("admin"))).id).toBe("FH-OPEN");
  });

  it("shows the viewer every study (as the study pages do) and a token only its studies", async () => {
    expect(ids(await search(searchResearchStudy, "/ResearchStudy", as("viewer")))).toEqual(["FH-OPEN", "FH-BLIND", "FH-OBS"]);
    expect(ids(await search(searchResearchStudy, "/ResearchStudy", as("viewer", [net.blind.study.id])))).toEqual(["FH-BLIND"]);
    expect(ids(await search(searchResearchStudy, "/ResearchStudy", as("viewer", [])))).toEqual([]);
    expectNotFound(await read(readResearchStudy, "ResearchStudy", "FH-OPEN", as("viewer", [net.blind.study.id]), 404));
  });

  it("hides studies without a site or a role of the caller, with the same 404 as an unknown code", async () => {
    // Staff at R01 see the studies with a site at R01; FH-OBS has none there.
    expect(ids(await search(searchResearchStudy, "/ResearchStudy", as("staff.rc1")))).toEqual(["FH-OPEN", "FH-BLIND"]);
    const hidden = await read(readResearchStudy, "ResearchStudy", "FH-OBS", as("staff.rc1"), 404);
    const unknown = await read(readResearchStudy, "ResearchStudy", "FH-NONE", as("staff.rc1"), 404);
    expectNotFound(hidden);
    expect(JSON.stringify(hidden).replace("FH-OBS", "X")).toBe(JSON.stringify(unknown).replace("FH-NONE", "X"));
    // The monitor is on FH-OPEN's team only.
    expect(ids(await search(searchResearchStudy, "/ResearchStudy", as("monitor")))).toEqual(["FH-OPEN"]);
  });

  it("searches by identifier and _id", async () => {
    expect(ids(await search(searchResearchStudy, "/ResearchStudy?identifier=FH-BLIND", as("admin")))).toEqual(["FH-BLIND"]);
    expect(ids(await search(searchResearchStudy, `/ResearchStudy?identifier=${encodeURIComponent("urn:ncrc:study-code|FH-BLIND")}`, as("admin")))).toEqual(["FH-BLIND"]);
    expect(ids(await search(searchResearchStudy, `/ResearchStudy?identifier=${encodeURIComponent("urn:other|FH-BLIND")}`, as("admin")))).toEqual([]);
    expect(ids(await search(searchResearchStudy, "/ResearchStudy?_id=fh-obs", as("admin")))).toEqual(["FH-OBS"]);
    expect(ids(await search(searchResearchStudy, "/ResearchStudy?_id=FH-OBS&identifier=FH-OPEN", as("admin")))).toEqual([]);
  });
});

describe("ResearchSubject", () => {
  it("reads a subject pseudonymously: codes, dates, status, the study — no name, national ID, birth year or sex", async () => {
    const s = await read(readResearchSubject, "ResearchSubject", "FH-OPEN-R01-0001", as("staff.rc1"));
    expect(s).toMatchObject({
      resourceType: "ResearchSubject",
      id: "FH-OPEN-R01-0001",
      status: "on-study",
      period: { start: "2025-02-01" },
      study: { reference: "ResearchStudy/FH-OPEN" },
      individual: { type: "Patient", identifier: { system: "urn:ncrc:subject-code", value: "FH-OPEN-R01-0001" } },
      assignedArm: "B",
    });
    expect((s.individual as Json).reference).toBeUndefined();
    const p = net.subjects.get("FH-OPEN-R01-0001")!;
    const text = JSON.stringify(s);
    for (const secret of [p.nationalIdHash, String(p.yearOfBirth), p.sex, "name"]) expect(text).not.toContain(secret);
  });

  it("refuses other sites' subjects with the 404 of an unknown one, and gives viewers none", async () => {
    const other = await read(readResearchSubject, "ResearchSubject", "FH-OPEN-R20-0001", as("staff.rc1"), 404);
    const unknown = await read(readResearchSubject, "ResearchSubject", "FH-OPEN-R01-0099", as("staff.rc1"), 404);
    expectNotFound(other);
    expect(JSON.stringify(other).replace("R20-0001", "X")).toBe(JSON.stringify(unknown).replace("R01-0099", "X"));
    expect(ids(await search(searchResearchSubject, "/ResearchSubject?study=FH-OPEN", as("staff.rc1")))).toEqual(OPEN_R01);
    expect(ids(await search(searchResearchSubject, "/ResearchSubject?study=FH-OPEN", as("staff.rc20")))).toEqual(OPEN_R20);
    expectNotFound(await read(readResearchSubject, "ResearchSubject", "FH-OPEN-R01-0001", as("viewer"), 404));
    const viewerList = (await search(searchResearchSubject, "/ResearchSubject?study=FH-OPEN", as("viewer"))) as Bundle;
    expect([viewerList.total, viewerList.entry]).toEqual([0, undefined]);
  });

  it("gives a monitor the studies they monitor, and nothing of the others", async () => {
    expect(ids(await search(searchResearchSubject, "/ResearchSubject?study=FH-OPEN", as("monitor")))).toEqual([...OPEN_R01, ...OPEN_R20]);
    expect((await search(searchResearchSubject, "/ResearchSubject?study=FH-BLIND", as("monitor"))).total).toBe(0);
    expect(ids(await search(searchResearchSubject, "/ResearchSubject", as("monitor")))).toEqual([...OPEN_R01, ...OPEN_R20]);
    expectNotFound(await read(readResearchSubject, "ResearchSubject", net.blindR01.subjectCode, as("monitor"), 404));
  });

  it("shows a blinded arm only to the study's PI or an admin, and only after the subject was unblinded", async () => {
    const arm = async (who: EndpointCaller, code: string) => (await read(readResearchSubject, "ResearchSubject", code, who)).assignedArm;
    expect(await arm(as("staff.rc1"), net.blindR01.subjectCode)).toBeUndefined();
    expect(await arm(as("coord.rc1"), net.blindR01.subjectCode)).toBeUndefined();
    expect(await arm(as("pi"), net.blindR01.subjectCode)).toBe("A");
    expect(await arm(as("admin"), net.blindR01.subjectCode)).toBe("A");
    expect(await arm(as("pi"), net.blindR20.subjectCode)).toBeUndefined();
    expect(await arm(as("admin"), net.blindR20.subjectCode)).toBeUndefined();
    // Open study: whoever sees the subject sees the arm.
    expect(await arm(as("staff.rc20"), "FH-OPEN-R20-0002")).toBe("A");
    const bundle = await search(searchResearchSubject, "/ResearchSubject?study=FH-BLIND", as("staff.rc1"));
    expect(JSON.stringify(bundle)).not.toMatch(/assignedArm|actualArm/);
  });

  it("includes the study with _include=ResearchSubject:study", async () => {
    const b = (await search(searchResearchSubject, "/ResearchSubject?study=ResearchStudy/FH-OPEN&_include=ResearchSubject:study", as("staff.rc20"))) as Bundle;
    expect(b.entry!.map((e) => [e.resource.resourceType, e.resource.id, e.search.mode])).toEqual([
      ...OPEN_R20.map((c) => ["ResearchSubject", c, "match"]),
      ["ResearchStudy", "FH-OPEN", "include"],
    ]);
    expect(b.entry![0].fullUrl).toBe(`${BASE}/ResearchSubject/FH-OPEN-R20-0001`);
    expect((await search(searchResearchSubject, "/ResearchSubject?_include=ResearchSubject:individual", as("admin"), 400)).resourceType).toBe("OperationOutcome");
  });

  it("pages with _count and next links: every subject once, in a stable order", async () => {
    const all = ids(await search(searchResearchSubject, "/ResearchSubject?study=FH-OPEN&_count=200", as("admin")));
    expect(all).toEqual([...OPEN_R01, ...OPEN_R20]);
    const seen: (string | undefined)[] = [];
    let url: string | undefined = `${BASE}/ResearchSubject?study=FH-OPEN&_count=2`;
    let pages = 0;
    while (url) {
      const b = (await fhir(await searchResearchSubject(new Request(url), as("admin")), 200)) as Bundle;
      expect(b.total).toBe(7);
      seen.push(...ids(b));
      url = b.link.find((l) => l.relation === "next")?.url;
      pages++;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(all);
    const last = (await search(searchResearchSubject, "/ResearchSubject?study=FH-OPEN&_count=2&page=4", as("admin"))) as Bundle;
    expect(last.link.map((l) => l.relation)).toEqual(["self", "first", "previous", "last"]);
    // Past the last page: no rows, and the same total.
    const past = (await search(searchResearchSubject, "/ResearchSubject?study=FH-OPEN&_count=2&page=9", as("admin"))) as Bundle;
    expect([past.total, past.entry]).toEqual([7, undefined]);
  });
});

describe("Specimen", () => {
  it("reads a specimen: type, status, collection time, subject by code, parent aliquot", async () => {
    const parent = net.tubeOf("FH-OPEN-R01-0001");
    const s = await read(readSpecimen, "Specimen", net.aliquot, as("staff.rc1"));
    expect(s).toMatchObject({
      resourceType: "Specimen",
      id: net.aliquot,
      status: "available",
      type: { coding: [{ code: "plasma" }, { code: "PLAS" }] },
      subject: { type: "Patient", identifier: { value: "FH-OPEN-R01-0001" } },
      parent: [{ reference: `Specimen/${parent}` }],
      collection: { collectedDateTime: "2025-03-01T01:30:00Z" },
      container: [{ specimenQuantity: { value: 1, unit: "ml", code: "mL" } }],
    });
    expect(s.extension).toEqual([{ url: "urn:ncrc:fhir:extension:specimen-status", valueCode: "reserved" }]);
    const donor = await read(readSpecimen, "Specimen", net.donorSpecimen, as("staff.rc1"));
    expect(donor).toMatchObject({ status: "unsatisfactory", subject: { identifier: { system: "urn:ncrc:biobank-donor-code", value: "D-FH-0001" } } });
  });

  it("refuses other sites' specimens, viewers and monitors (no specimen rows on their pages either)", async () => {
    const other = net.tubeOf("FH-OPEN-R20-0001");
    expectNotFound(await read(readSpecimen, "Specimen", other, as("staff.rc1"), 404));
    expectNotFound(await read(readSpecimen, "Specimen", "NB999999999", as("staff.rc1"), 404));
    for (const who of ["viewer", "monitor"]) {
      expectNotFound(await read(readSpecimen, "Specimen", net.tubeOf("FH-OPEN-R01-0001"), as(who), 404));
      expect((await search(searchSpecimen, "/Specimen?study=FH-OPEN", as(who))).total).toBe(0);
    }
    expect(ids(await search(searchSpecimen, "/Specimen?study=FH-OPEN", as("staff.rc20")))).toEqual([...OPEN_R20.map(net.tubeOf), net.hubAliquot]);
    // The study's PI sees its participants' specimens; an aliquot reached only by subject code is the biobank scope's call.
    expect(ids(await search(searchSpecimen, "/Specimen?study=FH-OPEN", as("pi")))).toEqual([...OPEN_R01, ...OPEN_R20].map(net.tubeOf));
    expect(ids(await search(searchSpecimen, "/Specimen?study=FH-OPEN", as("staff.rc1")))).toEqual([...OPEN_R01.map(net.tubeOf), net.aliquot]);
  });

  it("keeps a donor's specimen from a study-limited token, and a parent the caller cannot see out of `parent`", async () => {
    expectNotFound(await read(readSpecimen, "Specimen", net.donorSpecimen, as("staff.rc1", [net.open.study.id]), 404));
    expect((await read(readSpecimen, "Specimen", net.aliquot, as("staff.rc1", [net.open.study.id]))).id).toBe(net.aliquot);
    expectNotFound(await read(readSpecimen, "Specimen", net.aliquot, as("staff.rc1", [net.blind.study.id]), 404));
    expect(ids(await search(searchSpecimen, `/Specimen?identifier=${net.donorSpecimen}`, as("staff.rc1")))).toEqual([net.donorSpecimen]);
    expect(ids(await search(searchSpecimen, `/Specimen?identifier=${net.donorSpecimen}`, as("staff.rc20")))).toEqual([]);
    // The hub bank holds the aliquot but not its parent tube (still at R20): no reference to it.
    const parent = net.tubeOf("FH-OPEN-R20-0001");
    expect((await read(readSpecimen, "Specimen", net.hubAliquot, as("biobank"))).parent).toBeUndefined();
    expectNotFound(await read(readSpecimen, "Specimen", parent, as("biobank"), 404));
    expect((await read(readSpecimen, "Specimen", net.hubAliquot, as("staff.rc20"))).parent).toEqual([{ reference: `Specimen/${parent}` }]);
  });
});

describe("Bundle?study=", () => {
  it("holds the study, a page of its subjects and their specimens, each as the caller may see them", async () => {
    const b = (await search(searchStudyBundle, "/Bundle?study=FH-OPEN", as("staff.rc20"))) as Bundle;
    expect(b.total).toBe(3);
    expect(b.entry!.map((e) => [e.resource.resourceType, e.resource.id, e.search.mode])).toEqual([
      ["ResearchStudy", "FH-OPEN", "include"],
      ...OPEN_R20.map((c) => ["ResearchSubject", c, "match"]),
      ...OPEN_R20.map((c) => ["Specimen", net.tubeOf(c), "include"]),
      ["Specimen", net.hubAliquot, "include"],
    ]);
    const text = JSON.stringify(b);
    for (const c of OPEN_R01) expect(text).not.toContain(c);
  });

  it("pages its subjects and brings only their specimens along", async () => {
    const first = (await search(searchStudyBundle, "/Bundle?study=FH-OPEN&_count=3", as("admin"))) as Bundle;
    expect(ids(first, "ResearchSubject")).toEqual(OPEN_R01.slice(0, 3));
    expect(ids(first, "Specimen")).toEqual([...OPEN_R01.slice(0, 3).map(net.tubeOf), net.aliquot]);
    const next = first.link.find((l) => l.relation === "next")!.url;
    const second = (await fhir(await searchStudyBundle(new Request(next), as("admin")), 200)) as Bundle;
    expect(ids(second, "ResearchSubject")).toEqual([OPEN_R01[3], ...OPEN_R20.slice(0, 2)]);
    expect(ids(second, "ResearchStudy")).toEqual(["FH-OPEN"]);
  });

  it("says so in an outcome entry when a page's subjects have more specimens than it carries", async () => {
    const b = (await fhir(await searchStudyBundle(req("/Bundle?study=FH-OPEN&_count=1"), as("staff.rc1"), 1), 200)) as Bundle;
    // FH-OPEN-R01-0001 has its tube and an aliquot: one is carried, the other announced.
    expect(b.entry!.map((e) => [e.resource.resourceType, e.search.mode])).toEqual([
      ["ResearchStudy", "include"],
      ["ResearchSubject", "match"],
      ["Specimen", "include"],
      ["OperationOutcome", "outcome"],
    ]);
    expect(JSON.stringify(b.entry![3].resource)).toContain("1 more specimen of these subjects");
  });

  it("is empty for a viewer's subjects, a monitor's other study, an unknown study and a token of other studies", async () => {
    const viewer = (await search(searchStudyBundle, "/Bundle?study=FH-OPEN", as("viewer"))) as Bundle;
    expect(viewer.entry!.map((e) => e.resource.resourceType)).toEqual(["ResearchStudy"]);
    for (const [who, study, allow] of [
      ["monitor", "FH-BLIND", null],
      ["admin", "FH-NONE", null],
      ["staff.rc1", "FH-OPEN", [0]],
    ] as const) {
      const b = (await search(searchStudyBundle, `/Bundle?study=${study}`, as(who, allow === null ? null : [net.blind.study.id]))) as Bundle;
      expect([who, b.total, b.entry]).toEqual([who, 0, undefined]);
    }
    expect((await search(searchStudyBundle, "/Bundle", as("admin"), 400)).resourceType).toBe("OperationOutcome");
  });
});

describe("hostile requests", () => {
  it.each([
    ["%E0%A4%A"],
    ["a b"],
    ["x".repeat(65)],
    ["..%2F..%2Fetc"],
    ["NB12"],
    ["FH-OPEN%00"],
    ["FH-OPEN-R01-00001"],
    ["ＦＨ-OPEN"],
  ])("answers a malformed id %s with a 404 OperationOutcome", async (id) => {
    for (const [fn, type] of [
      [readResearchStudy, "ResearchStudy"],
      [readResearchSubject, "ResearchSubject"],
      [readSpecimen, "Specimen"],
    ] as const) {
      expectNotFound(await fhir(await fn(req(`/${type}/x`), { id }, as("admin")), 404));
    }
  });

  it.each([
    ["/ResearchSubject?_count=0"],
    ["/ResearchSubject?_count=201"],
    ["/ResearchSubject?_count=abc"],
    ["/ResearchSubject?page=0"],
    ["/ResearchSubject?page=-1"],
    ["/ResearchSubject?study=FH-OPEN&study=FH-BLIND"],
    ["/ResearchSubject?name=x"],
    ["/ResearchSubject?study=fh%00"],
    ["/ResearchSubject?study=a%20b"],
    [`/ResearchSubject?study=${"A".repeat(300)}`],
    ["/ResearchSubject?identifier=a|b|c"],
    ["/ResearchSubject?_format=xml"],
  ])("answers the bad search %s with a 400 OperationOutcome", async (path) => {
    const body = await search(searchResearchSubject, path, as("admin"), 400);
    expect(body).toMatchObject({ resourceType: "OperationOutcome", issue: [{ severity: "error" }] });
  });
});

describe("refusals of the API door", () => {
  it("become OperationOutcomes with the same status and headers", async () => {
    const problem = (status: number, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify({ type: "about:blank", title: "Refused", status, detail: "Too many requests: wait 30 s" }), { status, headers: { "content-type": "application/problem+json", ...headers } });
    const throttled = await fhirRefusal(problem(429, { "retry-after": "30" }));
    expect(throttled.headers.get("retry-after")).toBe("30");
    expect(await fhir(throttled, 429)).toMatchObject({ issue: [{ code: "throttled", diagnostics: "Too many requests: wait 30 s" }] });
    expect(await fhir(await fhirRefusal(problem(403)), 403)).toMatchObject({ issue: [{ code: "forbidden" }] });
    expect(await fhir(await fhirRefusal(new Response("<html>", { status: 401 })), 401)).toMatchObject({ issue: [{ code: "login", diagnostics: "The request was refused" }] });
  });
});

describe("through the API door: a token never reaches further than its user", () => {
  const TABLES = ["audit_events", "api_token_usage", "participants", "specimens"];
  async function viaToken(secret: string | null, run: (c: EndpointCaller) => Promise<Response>, path = "/x"): Promise<Response> {
    const request = new Request(`${BASE}${path}`, { headers: secret === null ? {} : { authorization: `Bearer ${secret}` } });
    const caller = await authenticateApiRequest(request, "read");
    if (caller instanceof Response) return fhirRefusal(caller);
    return run({ actor: caller.actor, studyIds: caller.token?.studyIds ?? null });
  }
  const readSubject = (id: string) => (c: EndpointCaller) => readResearchSubject(req(`/ResearchSubject/${id}`), { id }, c);

  it("refuses a revoked, an expired and a forged token with a 401 OperationOutcome, writing nothing", async () => {
    const revoked = await insertTestToken(h.db, "staff.rc1@ncrc.demo", { revokedAt: new Date("2026-01-01T00:00:00Z") });
    const expired = await insertTestToken(h.db, "staff.rc1@ncrc.demo", { expiresAt: new Date("2020-01-01T00:00:00Z") });
    for (const secret of [revoked, expired, `ncrc_pat_${"A".repeat(43)}`, "not-a-token"]) {
      const before = await countRows(h.db, TABLES);
      const res = await viaToken(secret, readSubject("FH-OPEN-R01-0001"));
      const body = await fhir(res, 401);
      expect(body).toMatchObject({ resourceType: "OperationOutcome", issue: [{ code: "login" }] });
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
      expect(JSON.stringify(body)).not.toContain("FH-OPEN-R01-0001");
      expect(await countRows(h.db, TABLES)).toEqual(before);
    }
  });

  it("serves a valid token with its user's scope, narrowed to the token's studies", async () => {
    const all = await insertTestToken(h.db, "staff.rc1@ncrc.demo");
    expect((await fhir(await viaToken(all, readSubject("FH-OPEN-R01-0001")), 200)).id).toBe("FH-OPEN-R01-0001");
    // The user does not see R20's subjects; neither does their token.
    expectNotFound(await fhir(await viaToken(all, readSubject("FH-OPEN-R20-0001")), 404));
    const blindOnly = await insertTestToken(h.db, "staff.rc1@ncrc.demo", { studyIds: [net.blind.study.id] });
    expectNotFound(await fhir(await viaToken(blindOnly, readSubject("FH-OPEN-R01-0001")), 404));
    expect((await fhir(await viaToken(blindOnly, readSubject(net.blindR01.subjectCode)), 200)).id).toBe(net.blindR01.subjectCode);
    // A token naming a study its user cannot see reaches nothing there.
    const obs = await insertTestToken(h.db, "staff.rc1@ncrc.demo", { studyIds: [net.obs.study.id] });
    const b = (await fhir(await viaToken(obs, (c) => searchResearchSubject(req("/ResearchSubject"), c)), 200)) as Bundle;
    expect([b.total, b.entry]).toEqual([0, undefined]);
    expect((await fhir(await viaToken(obs, (c) => searchResearchStudy(req("/ResearchStudy"), c)), 200)).total).toBe(0);
    // A viewer's token: studies, never subjects or specimens.
    const viewer = await insertTestToken(h.db, "viewer@ncrc.demo");
    expect((await fhir(await viaToken(viewer, (c) => searchResearchStudy(req("/ResearchStudy"), c)), 200)).total).toBe(3);
    expect((await fhir(await viaToken(viewer, (c) => searchStudyBundle(req("/Bundle?study=FH-OPEN"), c)), 200)).total).toBe(0);
  });
});
