import Ajv from "ajv";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { authenticateApiRequest } from "@/lib/api/authenticate";
import { getFormEndpoint, putFormEndpoint } from "@/lib/api/endpoints/forms";
import { openApiEndpoint } from "@/lib/api/endpoints/openapi";
import { getParticipantEndpoint, listParticipantsEndpoint, participantFormsEndpoint } from "@/lib/api/endpoints/participants";
import { getSpecimenEndpoint, listSpecimensEndpoint } from "@/lib/api/endpoints/specimens";
import { getStudyEndpoint, listEventsEndpoint, listSitesEndpoint, listStudiesEndpoint } from "@/lib/api/endpoints/studies";
import { OPENAPI_PATHS } from "@/lib/api/openapi";
import { registerSpecimenCommand } from "@/lib/biobank/commands/register-specimen";
import { apiRequest, makeToken, routeContext as ctx } from "@/lib/testing/api";
import { createCrfStudy, type CrfStudy } from "@/lib/testing/crf-study";
import { setupTestDb } from "@/lib/testing/db";
import { seedBase } from "@/lib/testing/fixtures";
import { expectOk } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";

/**
 * The OpenAPI description holds for the real answers: every operation is called (as the study's
 * PI, the site staff who enter data, and refused callers) and each response body is validated
 * with ajv against the schema the document gives for that operation, status and content type.
 */
const h = await setupTestDb();
let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>; components: object };
let s: CrfStudy;
let barcode: string;
let pi: string;
let staff: string;
let staffRo: string;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const seen = new Set<string>();

async function conforms(path: keyof typeof OPENAPI_PATHS, method: "get" | "put", response: Response) {
  const op = doc.paths[path]?.[method];
  expect(op, `${method} ${path} described`).toBeDefined();
  const described = op.responses[String(response.status)];
  expect(described, `${method} ${path} ${response.status} described`).toBeDefined();
  const type = (response.headers.get("content-type") ?? "").split(";")[0];
  const media = described.content?.[type];
  expect(media, `${method} ${path} ${response.status} as ${type}`).toBeDefined();
  const validate = ajv.compile({ ...media!.schema, components: doc.components });
  const body: unknown = await response.json();
  const valid = validate(body);
  expect({ op: `${method} ${path} ${response.status}`, errors: valid ? null : validate.errors }).toEqual({ op: `${method} ${path} ${response.status}`, errors: null });
  seen.add(`${method} ${path} ${response.status}`);
  return body as Record<string, unknown>;
}

beforeAll(async () => {
  await seedBase(h.db);
  s = await createCrfStudy(h.db, "OAPI");
  expectOk(await runCommand("staff.rc1@ncrc.demo", registerSpecimenCommand, { type: "plasma", ownerKind: "subject", subjectCode: s.atR01.subjectCode, collectedAt: "2025-02-01T09:00", quantity: "1.5" }));
  [{ barcode }] = await queryRows<{ barcode: string }>(h.db, sql`select barcode from specimens limit 1`);
  pi = (await makeToken("pi@ncrc.demo")).secret;
  staff = (await makeToken("staff.rc1@ncrc.demo", { access: "read_write" })).secret;
  staffRo = (await makeToken("staff.rc1@ncrc.demo")).secret;
  const r = await openApiEndpoint();
  expect(r.status).toBe(200);
  doc = await r.json();
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 whose schemas compile", () => {
    expect((doc as unknown as { openapi: string }).openapi).toBe("3.1.0");
    for (const name of Object.keys((doc.components as { schemas: object }).schemas)) {
      expect(() => ajv.compile({ $ref: `#/components/schemas/${name}`, components: doc.components })).not.toThrow();
    }
  });
});

describe("every operation's real answers match its description", () => {
  const code = () => s.study.code;
  const subject = () => s.atR01.subjectCode;
  const formPath = "/studies/{code}/participants/{subject}/events/{event}/forms/{form}" as const;
  const formCtx = () => ctx({ code: code(), subject: subject(), event: "baseline", form: "vitals" });
  const url = () => `/studies/${code()}/participants/${subject()}/events/baseline/forms/vitals`;

  it("studies, a study, its sites and events", async () => {
    const list = await conforms("/studies", "get", await listStudiesEndpoint(apiRequest("/studies", { token: pi })));
    expect((list.data as unknown[]).length).toBeGreaterThan(0);
    await conforms("/studies/{code}", "get", await getStudyEndpoint(apiRequest("/x", { token: pi }), ctx({ code: code() })));
    const sites = await conforms("/studies/{code}/sites", "get", await listSitesEndpoint(apiRequest("/x", { token: pi }), ctx({ code: code() })));
    expect((sites.data as unknown[]).length).toBe(2);
    const events = await conforms("/studies/{code}/events", "get", await listEventsEndpoint(apiRequest("/x", { token: pi }), ctx({ code: code() })));
    expect((events.data as { forms: unknown[] }[])[0].forms.length).toBe(2);
    await conforms("/studies/{code}", "get", await getStudyEndpoint(apiRequest("/x", { token: pi }), ctx({ code: "NOPE" })));
    await conforms("/studies", "get", await listStudiesEndpoint(apiRequest("/studies")));
    await conforms("/studies", "get", await listStudiesEndpoint(apiRequest("/studies?x=1", { token: pi })));
  });

  it("participants, one participant, the grid", async () => {
    const page = await conforms("/studies/{code}/participants", "get", await listParticipantsEndpoint(apiRequest(`/studies/${code()}/participants?limit=1`, { token: pi }), ctx({ code: code() })));
    expect(page.nextCursor).not.toBeNull();
    await conforms("/studies/{code}/participants", "get", await listParticipantsEndpoint(apiRequest(`/studies/${code()}/participants?limit=500`, { token: pi }), ctx({ code: code() })));
    await conforms("/studies/{code}/participants/{subject}", "get", await getParticipantEndpoint(apiRequest("/x", { token: pi }), ctx({ code: code(), subject: subject() })));
    await conforms("/studies/{code}/participants/{subject}", "get", await getParticipantEndpoint(apiRequest("/x", { token: pi }), ctx({ code: code(), subject: "X-0000" })));
    const grid = await conforms("/studies/{code}/participants/{subject}/forms", "get", await participantFormsEndpoint(apiRequest("/x", { token: pi }), ctx({ code: code(), subject: subject() })));
    expect((grid.events as unknown[]).length).toBe(4);
  });

  it("form data: read, write, and each refusal", async () => {
    await conforms(formPath, "get", await getFormEndpoint(apiRequest(url(), { token: pi }), formCtx()));
    const saved = await conforms(formPath, "put", await putFormEndpoint(apiRequest(url(), { token: staff, body: { expectedVersion: 0, values: { sex: "1", weight: "70" } } }), formCtx()));
    expect(saved.version).toBe(1);
    const read = await conforms(formPath, "get", await getFormEndpoint(apiRequest(url(), { token: staff }), formCtx()));
    expect(read).toMatchObject({ version: 1, values: { sex: "1", weight: "70.0" } });
    await conforms(formPath, "put", await putFormEndpoint(apiRequest(url(), { token: staff, body: { expectedVersion: 1, values: { weight: "999" } } }), formCtx()));
    await conforms(formPath, "put", await putFormEndpoint(apiRequest(url(), { token: staff, body: { expectedVersion: 0, values: { weight: "71" } } }), formCtx()));
    await conforms(formPath, "put", await putFormEndpoint(apiRequest(url(), { token: staffRo, body: { expectedVersion: 1 } }), formCtx()));
    await conforms(formPath, "put", await putFormEndpoint(apiRequest(url(), { token: staff, body: "{" }), formCtx()));
    await conforms(formPath, "get", await getFormEndpoint(apiRequest(`${url()}?repeat=x`, { token: staff }), formCtx()));
  });

  it("specimens and a specimen", async () => {
    const page = await conforms("/specimens", "get", await listSpecimensEndpoint(apiRequest(`/specimens?study=${code()}`, { token: pi })));
    expect((page.data as unknown[]).length).toBe(1);
    await conforms("/specimens/{barcode}", "get", await getSpecimenEndpoint(apiRequest("/x", { token: pi }), ctx({ barcode })));
    await conforms("/specimens/{barcode}", "get", await getSpecimenEndpoint(apiRequest("/x", { token: pi }), ctx({ barcode: "NOPE" })));
  });

  it("the rate limit's 429 is described for every operation", async () => {
    const t = await makeToken("pi@ncrc.demo");
    await authenticateApiRequest(apiRequest("/studies", { token: t.secret }), "read", { rateLimit: 1 });
    const r = (await authenticateApiRequest(apiRequest("/studies", { token: t.secret }), "read", { rateLimit: 1 })) as Response;
    expect(r.status).toBe(429);
    for (const [path, ops] of Object.entries(doc.paths)) for (const [m, op] of Object.entries(ops)) expect({ op: `${m} ${path}`, has: Boolean(op.responses["429"]) }).toEqual({ op: `${m} ${path}`, has: true });
    await conforms("/studies", "get", r);
  });

  it("every operation was checked with a success", () => {
    const ops = Object.entries(doc.paths).flatMap(([p, o]) => Object.keys(o).map((m) => `${m} ${p} 200`));
    expect(ops.filter((o) => !seen.has(o))).toEqual([]);
  });
});
