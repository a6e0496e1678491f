import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { apiTokens, auditEvents, users } from "@/db/schema";
import { getFormEndpoint, putFormEndpoint } from "@/lib/api/endpoints/forms";
import { getParticipantEndpoint, listParticipantsEndpoint, participantFormsEndpoint } from "@/lib/api/endpoints/participants";
import { getSpecimenEndpoint, listSpecimensEndpoint } from "@/lib/api/endpoints/specimens";
import { getStudyEndpoint, listEventsEndpoint, listSitesEndpoint, listStudiesEndpoint } from "@/lib/api/endpoints/studies";
import { unknownPathEndpoint } from "@/lib/api/endpoints/not-found";
import { registerSpecimenCommand } from "@/lib/biobank/commands/register-specimen";
import { apiRequest, makeToken, routeContext } from "@/lib/testing/api";
import { createCrfStudy, type CrfStudy } from "@/lib/testing/crf-study";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { expectOk } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs, signOutTestSession } from "@/lib/testing/session";

const h = await setupTestDb();
const [RC1, RC20, PI, VIEWER, ADMIN] = ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo", "pi@ncrc.demo", "viewer@ncrc.demo", "admin@ncrc.demo"];
/** What an API write may touch: a refusal must leave every count as it was. */
const WRITES = ["crf_form_instances", "record_versions", "queries", "notifications", "audit_events", "command_requests"];
let a: CrfStudy;
let b: CrfStudy;
let barcodeA: string;
let barcodeB: string;

const body = async (r: Response) => JSON.parse(await r.text()) as Record<string, unknown> & { data?: Record<string, unknown>[] };
const ctx = routeContext;
const subjects = async (r: Response) => ((await body(r)).data ?? []).map((p) => p.subjectCode);

async function expectProblem(r: Response, status: number) {
  expect(r.status).toBe(status);
  expect(r.headers.get("content-type")).toBe("application/problem+json");
  const b = await body(r);
  expect(b).toMatchObject({ status, type: "about:blank" });
  expect(typeof b.title).toBe("string");
  return b;
}

const vitalsPath = (s: CrfStudy, subject: string) => `/studies/${s.study.code}/participants/${subject}/events/baseline/forms/vitals`;
const vitalsParams = (s: CrfStudy, subject: string) => ctx({ code: s.study.code, subject, event: "baseline", form: "vitals" });

beforeAll(async () => {
  await seedBase(h.db);
  a = await createCrfStudy(h.db, "APIA");
  b = await createCrfStudy(h.db, "APIB");
  const reg = async (s: CrfStudy) =>
    expectOk(await runCommand(RC1, registerSpecimenCommand, { type: "plasma", ownerKind: "subject", subjectCode: s.atR01.subjectCode, collectedAt: "2025-02-01T09:00", quantity: "1.5" }));
  const ra = await reg(a);
  const rb = await reg(b);
  const codes = await queryRows<{ id: number; barcode: string }>(h.db, sql`select id, barcode from specimens order by id`);
  barcodeA = codes[0].barcode;
  barcodeB = codes[1].barcode;
  expect([ra, rb]).toHaveLength(2);
  signOutTestSession();
});

describe("authentication: every endpoint refuses a missing, invalid, revoked or expired token", () => {
  const endpoints: [string, (req: Request) => Promise<Response>][] = [
    ["GET /studies", (r) => listStudiesEndpoint(r)],
    ["GET /studies/{code}", (r) => getStudyEndpoint(r, ctx({ code: a.study.code }))],
    ["GET /studies/{code}/sites", (r) => listSitesEndpoint(r, ctx({ code: a.study.code }))],
    ["GET /studies/{code}/events", (r) => listEventsEndpoint(r, ctx({ code: a.study.code }))],
    ["GET /studies/{code}/participants", (r) => listParticipantsEndpoint(r, ctx({ code: a.study.code }))],
    ["GET participant", (r) => getParticipantEndpoint(r, ctx({ code: a.study.code, subject: a.atR01.subjectCode }))],
    ["GET participant forms", (r) => participantFormsEndpoint(r, ctx({ code: a.study.code, subject: a.atR01.subjectCode }))],
    ["GET form", (r) => getFormEndpoint(r, vitalsParams(a, a.atR01.subjectCode))],
    ["GET /specimens", (r) => listSpecimensEndpoint(r)],
    ["GET /specimens/{barcode}", (r) => getSpecimenEndpoint(r, ctx({ barcode: barcodeA }))],
  ];

  it.each(endpoints)("%s: 401 with WWW-Authenticate for no token, a malformed header, an unknown, a revoked and an expired token", async (_name, call) => {
    const revoked = await makeToken(RC1);
    await h.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, revoked.id));
    const expired = await makeToken(RC1);
    await h.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, expired.id));
    const requests = [
      apiRequest("/x"),
      apiRequest("/x", { headers: { authorization: "Basic dXNlcjpwYXNz" } }),
      apiRequest("/x", { token: "ncrc_pat_" + "A".repeat(43) }),
      apiRequest("/x", { token: revoked.secret }),
      apiRequest("/x", { token: expired.secret }),
    ];
    for (const req of requests) {
      const r = await call(req);
      await expectProblem(r, 401);
      expect(r.headers.get("www-authenticate")).toMatch(/^Bearer realm="ncrc-api"/);
    }
  });

  it("a disabled user's token and the token of someone who must first replace a temporary password stop working", async () => {
    const t = await makeToken(RC20);
    expect((await listStudiesEndpoint(apiRequest("/studies", { token: t.secret }))).status).toBe(200);
    await h.db.update(users).set({ disabled: true }).where(eq(users.email, RC20));
    await expectProblem(await listStudiesEndpoint(apiRequest("/studies", { token: t.secret })), 401);
    await h.db.update(users).set({ disabled: false, passwordChangeRequired: true }).where(eq(users.email, RC20));
    await expectProblem(await listStudiesEndpoint(apiRequest("/studies", { token: t.secret })), 401);
    await h.db.update(users).set({ passwordChangeRequired: false }).where(eq(users.email, RC20));
    expect((await listStudiesEndpoint(apiRequest("/studies", { token: t.secret }))).status).toBe(200);
  });

  it("answers in the language asked for", async () => {
    const en = await body(await listStudiesEndpoint(apiRequest("/studies", { headers: { "accept-language": "en" } })));
    const zh = await body(await listStudiesEndpoint(apiRequest("/studies", { headers: { "accept-language": "zh-CN" } })));
    expect(en.title).toBe("Not authenticated");
    expect(zh.title).toBe("未认证");
  });
});

describe("scope: a token reaches exactly as far as its user, never further", () => {
  it("site staff see their own site's participants only; another site's subject is 404 on every participant endpoint", async () => {
    const t = await makeToken(RC20);
    expect(await subjects(await listParticipantsEndpoint(apiRequest(`/studies/${a.study.code}/participants`, { token: t.secret }), ctx({ code: a.study.code })))).toEqual([a.atR20.subjectCode]);
    const other = a.atR01.subjectCode;
    await expectProblem(await getParticipantEndpoint(apiRequest("/x", { token: t.secret }), ctx({ code: a.study.code, subject: other })), 404);
    await expectProblem(await participantFormsEndpoint(apiRequest("/x", { token: t.secret }), ctx({ code: a.study.code, subject: other })), 404);
    await expectProblem(await getFormEndpoint(apiRequest(vitalsPath(a, other), { token: t.secret }), vitalsParams(a, other)), 404);
    expect((await getParticipantEndpoint(apiRequest("/x", { token: t.secret }), ctx({ code: a.study.code, subject: a.atR20.subjectCode }))).status).toBe(200);
    // Specimens registered at R01 are not R20's.
    expect((await body(await listSpecimensEndpoint(apiRequest("/specimens", { token: t.secret })))).data).toEqual([]);
    await expectProblem(await getSpecimenEndpoint(apiRequest("/x", { token: t.secret }), ctx({ barcode: barcodeA })), 404);
  });

  it("another site's staff writing with a read-write token: 404, nothing written", async () => {
    const t = await makeToken(RC20, { access: "read_write" });
    const before = await countRows(h.db, WRITES);
    const r = await putFormEndpoint(apiRequest(vitalsPath(a, a.atR01.subjectCode), { token: t.secret, body: { expectedVersion: 0, values: { weight: "70" } } }), vitalsParams(a, a.atR01.subjectCode));
    await expectProblem(r, 404);
    expect(await countRows(h.db, WRITES)).toEqual(before);
  });

  it("the viewer sees studies and sites but no participant and no specimen row", async () => {
    const t = await makeToken(VIEWER);
    const studies = await body(await listStudiesEndpoint(apiRequest("/studies", { token: t.secret })));
    expect(studies.data!.map((s) => s.code)).toEqual(expect.arrayContaining([a.study.code, b.study.code]));
    expect((await listSitesEndpoint(apiRequest("/x", { token: t.secret }), ctx({ code: a.study.code }))).status).toBe(200);
    expect(await subjects(await listParticipantsEndpoint(apiRequest("/x", { token: t.secret }), ctx({ code: a.study.code })))).toEqual([]);
    await expectProblem(await getParticipantEndpoint(apiRequest("/x", { token: t.secret }), ctx({ code: a.study.code, subject: a.atR01.subjectCode })), 404);
    await expectProblem(await participantFormsEndpoint(apiRequest("/x", { token: t.secret }), ctx({ code: a.study.code, subject: a.atR01.subjectCode })), 404);
    await expectProblem(await getFormEndpoint(apiRequest("/x", { token: t.secret }), vitalsParams(a, a.atR01.subjectCode)), 404);
    expect((await body(await listSpecimensEndpoint(apiRequest("/specimens", { token: t.secret })))).data).toEqual([]);
    await expectProblem(await getSpecimenEndpoint(apiRequest("/x", { token: t.secret }), ctx({ barcode: barcodeA })), 404);
  });

  it("a token limited to some studies answers 404 for every other study, its participants, forms and specimens", async () => {
    const t = await makeToken(RC1, { studyIds: [a.study.id] });
    const all = await makeToken(RC1);
    const codes = async (tok: string) => (await body(await listStudiesEndpoint(apiRequest("/studies", { token: tok })))).data!.map((s) => s.code);
    expect(await codes(all.secret)).toEqual(expect.arrayContaining([a.study.code, b.study.code]));
    expect(await codes(t.secret)).toEqual([a.study.code]);
    const B = { code: b.study.code };
    await expectProblem(await getStudyEndpoint(apiRequest("/x", { token: t.secret }), ctx(B)), 404);
    await expectProblem(await listSitesEndpoint(apiRequest("/x", { token: t.secret }), ctx(B)), 404);
    await expectProblem(await listEventsEndpoint(apiRequest("/x", { token: t.secret }), ctx(B)), 404);
    await expectProblem(await listParticipantsEndpoint(apiRequest("/x", { token: t.secret }), ctx(B)), 404);
    await expectProblem(await getParticipantEndpoint(apiRequest("/x", { token: t.secret }), ctx({ ...B, subject: b.atR01.subjectCode })), 404);
    await expectProblem(await getFormEndpoint(apiRequest("/x", { token: t.secret }), vitalsParams(b, b.atR01.subjectCode)), 404);
    await expectProblem(await listSpecimensEndpoint(apiRequest(`/specimens?study=${b.study.code}`, { token: t.secret })), 404);
    await expectProblem(await getSpecimenEndpoint(apiRequest("/x", { token: t.secret }), ctx({ barcode: barcodeB })), 404);
    const spec = await body(await listSpecimensEndpoint(apiRequest("/specimens", { token: t.secret })));
    expect(spec.data!.map((s) => s.barcode)).toEqual([barcodeA]);
    expect((await getSpecimenEndpoint(apiRequest("/x", { token: t.secret }), ctx({ barcode: barcodeA }))).status).toBe(200);
    // The unlimited token of the same person reaches both.
    expect((await getSpecimenEndpoint(apiRequest("/x", { token: all.secret }), ctx({ barcode: barcodeB }))).status).toBe(200);
  });

  it("a token limited to a study its user no longer sees reaches nothing there: the user's scope shrinks, the token follows", async () => {
    const t = await makeToken(RC1);
    const call = () => getParticipantEndpoint(apiRequest("/x", { token: t.secret }), ctx({ code: a.study.code, subject: a.atR01.subjectCode }));
    expect((await call()).status).toBe(200);
    const [u] = await h.db.select().from(users).where(eq(users.email, RC1));
    const [r20] = await queryRows<{ id: number }>(h.db, sql`select id from organisations where code = 'R20'`);
    // Moved to another centre: the old site's participants are gone at once.
    await h.db.update(users).set({ centreId: r20.id }).where(eq(users.id, u.id));
    await expectProblem(await call(), 404);
    // Made a viewer: no participant rows at all.
    await h.db.update(users).set({ centreId: u.centreId, role: "viewer" }).where(eq(users.id, u.id));
    await expectProblem(await call(), 404);
    expect(await subjects(await listParticipantsEndpoint(apiRequest("/x", { token: t.secret }), ctx({ code: a.study.code })))).toEqual([]);
    await h.db.update(users).set({ role: u.role }).where(eq(users.id, u.id));
    expect((await call()).status).toBe(200);
  });

  it("the study's PI sees every site's participants, paged by cursor", async () => {
    const t = await makeToken(PI);
    const first = await body(await listParticipantsEndpoint(apiRequest(`/studies/${a.study.code}/participants?limit=1`, { token: t.secret }), ctx({ code: a.study.code })));
    expect(first.data).toHaveLength(1);
    expect(typeof first.nextCursor).toBe("string");
    const second = await body(
      await listParticipantsEndpoint(apiRequest(`/studies/${a.study.code}/participants?limit=1&cursor=${first.nextCursor as string}`, { token: t.secret }), ctx({ code: a.study.code })),
    );
    expect(second.data).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([first.data![0].subjectCode, second.data![0].subjectCode].sort()).toEqual([a.atR01.subjectCode, a.atR20.subjectCode].sort());
    // Pseudonymous: no name, no national ID in a participant.
    const detail = await body(await getParticipantEndpoint(apiRequest("/x", { token: t.secret }), ctx({ code: a.study.code, subject: a.atR01.subjectCode })));
    expect(Object.keys(detail).some((k) => /name|national|idHash/i.test(k))).toBe(false);
  });
});

describe("writing form data through the API: the page's command, rules and audit", () => {
  it("a read-only token writing: 403, nothing written", async () => {
    const t = await makeToken(RC1, { access: "read" });
    const before = await countRows(h.db, WRITES);
    const r = await putFormEndpoint(apiRequest(vitalsPath(a, a.atR01.subjectCode), { token: t.secret, body: { expectedVersion: 0, values: { weight: "70" } } }), vitalsParams(a, a.atR01.subjectCode));
    await expectProblem(r, 403);
    expect(await countRows(h.db, WRITES)).toEqual(before);
  });

  it("a viewer with a read-write token: refused, nothing written", async () => {
    const t = await makeToken(VIEWER, { access: "read_write" });
    const before = await countRows(h.db, WRITES);
    const r = await putFormEndpoint(apiRequest(vitalsPath(a, a.atR01.subjectCode), { token: t.secret, body: { expectedVersion: 0, values: { weight: "70" } } }), vitalsParams(a, a.atR01.subjectCode));
    expect([403, 404]).toContain(r.status);
    expect(r.headers.get("content-type")).toBe("application/problem+json");
    expect(await countRows(h.db, WRITES)).toEqual(before);
  });

  it("refusals carry the form page's field messages as problem+json, nothing written; a good save is audited as the token's person", async () => {
    const t = await makeToken(RC1, { access: "read_write" });
    const put = (b: unknown, lang = "en") =>
      putFormEndpoint(apiRequest(vitalsPath(a, a.atR01.subjectCode), { token: t.secret, body: b, headers: { "accept-language": lang } }), vitalsParams(a, a.atR01.subjectCode));
    const before = await countRows(h.db, WRITES);
    const bad = await expectProblem(await put({ expectedVersion: 0, values: { weight: "401", nowhere: "1" } }), 422);
    expect(Object.keys(bad.errors as object)).toEqual(expect.arrayContaining(["weight", "nowhere"]));
    await expectProblem(await put({ expectedVersion: 0, values: { weight: "70" }, participantId: a.atR20.id }), 422);
    await expectProblem(await put("not json"), 400);
    await expectProblem(await put([1, 2]), 400);
    await expectProblem(await put({ expectedVersion: "x".repeat(100_000) }), 422);
    expect(await countRows(h.db, WRITES)).toEqual(before);

    const ok = await put({ expectedVersion: 0, values: { sex: "1", weight: "70", height: "175" }, requestKey: "api-save-0000000001" });
    expect(ok.status).toBe(200);
    const saved = await body(ok);
    expect(saved).toMatchObject({ version: 1, status: "in_progress", replayed: false });
    const again = await body(await put({ expectedVersion: 0, values: { sex: "1", weight: "70", height: "175" }, requestKey: "api-save-0000000001" }));
    expect(again).toMatchObject({ instanceId: saved.instanceId, version: 1, replayed: true });
    const [u] = await h.db.select().from(users).where(eq(users.email, RC1));
    const events = await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "crf_form"), eq(auditEvents.entityId, String(saved.instanceId))));
    expect(events.map((e) => [e.action, e.actorId])).toEqual([["crf.form.entered", u.id]]);

    // What was saved reads back; a stale version is a conflict; a change without a reason names the field.
    const read = await body(await getFormEndpoint(apiRequest(vitalsPath(a, a.atR01.subjectCode), { token: t.secret }), vitalsParams(a, a.atR01.subjectCode)));
    expect(read).toMatchObject({ version: 1, status: "in_progress", values: { sex: "1", weight: "70.0", height: "175", bmi: "22.9" } });
    const mid = await countRows(h.db, WRITES);
    await expectProblem(await put({ expectedVersion: 0, values: { sex: "1", weight: "71" } }), 409);
    const noReason = await expectProblem(await put({ expectedVersion: 1, values: { sex: "1", weight: "71", height: "175" } }), 422);
    expect(Object.keys(noReason.errors as object)).toContain("reason");
    const zh = await expectProblem(await put({ expectedVersion: 1, values: { sex: "1", weight: "71", height: "175" } }, "zh-CN"), 422);
    expect((zh.errors as Record<string, string[]>).reason[0]).not.toBe((noReason.errors as Record<string, string[]>).reason[0]);
    expect(await countRows(h.db, WRITES)).toEqual(mid);
  });
});

describe("hostile URLs: malformed path segments are 404, malformed query parameters 400", () => {
  it("answers 404 problem+json for broken escapes, control characters and over-long segments, 400 for bad limits and cursors", async () => {
    const t = await makeToken(ADMIN);
    const req = (p = "/x") => apiRequest(p, { token: t.secret });
    for (const code of ["%E0%A4%A", "AB%00C", "x".repeat(300), "A B"]) {
      await expectProblem(await getStudyEndpoint(req(), ctx({ code })), 404);
      await expectProblem(await getParticipantEndpoint(req(), ctx({ code: a.study.code, subject: code })), 404);
      await expectProblem(await getSpecimenEndpoint(req(), ctx({ barcode: code })), 404);
    }
    await expectProblem(await getFormEndpoint(req(), ctx({ code: a.study.code, subject: a.atR01.subjectCode, event: "Base%00line", form: "vitals" })), 404);
    await expectProblem(await getFormEndpoint(req(), ctx({ code: a.study.code, subject: a.atR01.subjectCode, event: "nowhere", form: "vitals" })), 404);
    const list = (q: string) => listParticipantsEndpoint(req(`/studies/${a.study.code}/participants${q}`), ctx({ code: a.study.code }));
    for (const q of ["?limit=0", "?limit=201", "?limit=abc", "?cursor=%00", "?cursor=bm9wZQ", "?other=1"]) await expectProblem(await list(q), 400);
    await expectProblem(await getFormEndpoint(req(`${vitalsPath(a, a.atR01.subjectCode)}?repeat=0`), vitalsParams(a, a.atR01.subjectCode)), 400);
    await expectProblem(await unknownPathEndpoint(req("/nowhere")), 404);
  });
});

describe("a signed-in browser session also works, without a token", () => {
  it("reads as the session's user; writes only from the portal's own origin", async () => {
    await signInAs(h.db, RC1);
    expect(await subjects(await listParticipantsEndpoint(apiRequest("/x"), ctx({ code: a.study.code })))).toEqual([a.atR01.subjectCode]);
    const before = await countRows(h.db, WRITES);
    const cross = await putFormEndpoint(
      apiRequest(vitalsPath(a, a.atR01.subjectCode), { body: { expectedVersion: 0, values: { weight: "70" } }, headers: { origin: "https://evil.example" } }),
      vitalsParams(a, a.atR01.subjectCode),
    );
    await expectProblem(cross, 403);
    expect(await countRows(h.db, WRITES)).toEqual(before);
    signOutTestSession();
  });
});
