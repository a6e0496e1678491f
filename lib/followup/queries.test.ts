import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { auditEvents, dataQueries, notifications, participantVisits, users } from "@/db/schema";
import { getActor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { getFollowupParticipant, getQueryThread, listAdverseEvents } from "@/lib/followup/queries/followup";
import { listQueries, openQueriesBySite } from "@/lib/followup/queries/followup-lists";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { signInAs } from "@/lib/testing/session";
import { toNetworkLocal } from "@/lib/followup/fields";
import { act, expectOk, expectRefused, FOLLOWUP_TABLES } from "@/lib/testing/followup-actions";
import { createFollowupStudy } from "@/lib/testing/followup-study";

const h = await setupTestDb();
let a: Awaited<ReturnType<typeof createFollowupStudy>>;
let b: Awaited<ReturnType<typeof createFollowupStudy>>;
const visitOf = async (participantId: number, code: string) => {
  const [row] = await queryRows<{ id: number }>(h.db, sql`select v.id from participant_visits v join visit_definitions d on d.id = v.visit_definition_id where v.participant_id = ${participantId} and d.code = ${code}`);
  return row.id;
};
const me = async (email: string) => {
  await signInAs(h.db, email);
  return (await getActor())!;
};
const lastAudits = async (n: number) => (await h.db.select().from(auditEvents).orderBy(sql`id desc`).limit(n)).reverse();
let aVisit = 0;
let bVisit = 0;
let bAe = 0;

beforeAll(async () => {
  await seedBase(h.db);
  const [r20] = await queryRows<{ id: number }>(h.db, sql`select id from organisations where code = 'R20'`);
  await h.db.insert(users).values({ email: "pi.b@ncrc.demo", name: "PI of B", role: "pi", centreId: r20.id, passwordHash: await hashPassword("x-Passw0rd!!") });
  a = await createFollowupStudy(h.db, "FU-A", { enrolledOn: "2025-01-10", monitor: "monitor@ncrc.demo" });
  b = await createFollowupStudy(h.db, "FU-B", { enrolledOn: "2025-01-10", pi: "pi.b@ncrc.demo" });
  await signInAs(h.db, "staff.rc1@ncrc.demo");
  aVisit = await visitOf(a.atR01.id, "BL");
  bVisit = await visitOf(b.atR01.id, "BL");
  expectOk(await act.visit({ visitId: aVisit, status: "done", visitDate: "2025-01-11", ecog: "1", weightKg: "70" }));
  expectOk(await act.visit({ visitId: bVisit, status: "done", visitDate: "2025-01-11", ecog: "0" }));
  const ae = { term: "Rash", category: "skin", grade: "1", onsetOn: "2025-01-20", endedOn: "", relatedness: "possible", actionTaken: "none", outcome: "recovered", awareAt: toNetworkLocal(new Date()) };
  bAe = expectOk(await act.addAe({ participantId: b.atR01.id, ...ae })).id;
});

describe("study scope of follow-up data", () => {
  it("lets a monitor of study A see A's participants but not B's, nor B's AEs", async () => {
    const mon = await me("monitor@ncrc.demo");
    expect(await getFollowupParticipant(mon, a.atR01.subjectCode)).toMatchObject({ canQuery: true, canVerify: true, canRecord: false });
    expect(await getFollowupParticipant(mon, b.atR01.subjectCode)).toBeNull();
    expect(await listAdverseEvents(mon, b.atR01.id)).toEqual([]);
  });

  it("shows B's AEs to its PI and to its site's staff, and to nobody outside the study", async () => {
    expect((await listAdverseEvents(await me("pi.b@ncrc.demo"), b.atR01.id)).map((x) => x.id)).toEqual([bAe]);
    expect((await listAdverseEvents(await me("staff.rc1@ncrc.demo"), b.atR01.id)).map((x) => x.id)).toEqual([bAe]);
    expect(await listAdverseEvents(await me("staff.rc20@ncrc.demo"), b.atR01.id)).toEqual([]);
    expect(await listAdverseEvents(await me("viewer@ncrc.demo"), b.atR01.id)).toEqual([]);
    expect(await listAdverseEvents(await me("biobank@ncrc.demo"), b.atR01.id)).toEqual([]);
  });
});

describe("queries", () => {
  let queryId = 0;

  it("refuses a monitor querying study B, a bad field and an unsaved visit, writing nothing", async () => {
    await signInAs(h.db, "monitor@ncrc.demo");
    const before = await countRows(h.db, FOLLOWUP_TABLES);
    expectRefused(await act.raise({ entityType: "visit", entityId: bVisit, field: "ecog", question: "?" }));
    expectRefused(await act.raise({ entityType: "adverse_event", entityId: bAe, field: "grade", question: "?" }));
    expectRefused(await act.raise({ entityType: "visit", entityId: aVisit, field: "subjectCode", question: "?" }), ["field"]);
    expectRefused(await act.raise({ entityType: "visit", entityId: await visitOf(a.atR01.id, "W6"), field: "ecog", question: "?" }));
    expectRefused(await act.raise({ entityType: "visit", entityId: aVisit, field: "ecog", question: "" }), ["question"]);
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    expectRefused(await act.raise({ entityType: "visit", entityId: aVisit, field: "ecog", question: "?" }));
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
  });

  it("lets the monitor raise a query on a field of study A, and B's own PI on B", async () => {
    await signInAs(h.db, "monitor@ncrc.demo");
    queryId = expectOk(await act.raise({ entityType: "visit", entityId: aVisit, field: "ecog", question: "Source says ECOG 2?" })).id;
    expect((await lastAudits(1))[0].action).toBe("query.raised");
    expectRefused(await act.raise({ entityType: "visit", entityId: aVisit, field: "ecog", question: "again" }));
    await signInAs(h.db, "pi.b@ncrc.demo");
    expectOk(await act.raise({ entityType: "adverse_event", entityId: bAe, field: "grade", question: "Grade 2?" }));
    const mon = await me("monitor@ncrc.demo");
    const listed = await listQueries(mon, { study: "", status: "", page: 1 });
    expect(listed.rows.map((r) => r.studyCode)).toEqual(["FU-A"]);
    expect(await openQueriesBySite(mon)).toEqual([expect.objectContaining({ centreCode: "R01", count: 1, oldestDays: 0 })]);
  });

  it("refuses answers from another site's staff, and a correction without a reason, writing nothing", async () => {
    const before = await countRows(h.db, FOLLOWUP_TABLES);
    await signInAs(h.db, "staff.rc20@ncrc.demo");
    expectRefused(await act.answer({ queryId, answer: "fine" }));
    expect(await getQueryThread((await getActor())!, queryId)).toBeNull();
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    expectRefused(await act.answer({ queryId, answer: "Corrected", correctedValue: "2" }), ["reason"]);
    expectRefused(await act.answer({ queryId, answer: "Corrected", correctedValue: "9", reason: "per source" }), ["correctedValue"]);
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
  });

  it("answers with a corrected value and a reason: the record changes with its own audit event", async () => {
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    expectOk(await act.answer({ queryId, answer: "Corrected per clinic notes", correctedValue: "2", reason: "Transcription error" }));
    const [v] = await h.db.select().from(participantVisits).where(eq(participantVisits.id, aVisit));
    expect([v.ecog, v.version]).toEqual([2, 2]);
    expect((await lastAudits(2)).map((e) => [e.action, e.reason])).toEqual([
      ["visit.changed", "Transcription error"],
      ["query.answered", "Transcription error"],
    ]);
    const thread = await getQueryThread(await me("monitor@ncrc.demo"), queryId);
    expect(thread?.events.map((e) => [e.kind, e.correctedVersion])).toEqual([
      ["raised", null],
      ["answered", 2],
    ]);
  });

  it("lets only the raiser close and re-open", async () => {
    await signInAs(h.db, "pi@ncrc.demo");
    const before = await countRows(h.db, FOLLOWUP_TABLES);
    expectRefused(await act.close({ queryId }));
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    expectRefused(await act.close({ queryId }));
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
    await signInAs(h.db, "monitor@ncrc.demo");
    expectOk(await act.close({ queryId }));
    expectRefused(await act.close({ queryId }));
    expectRefused(await act.reopen({ queryId, note: "" }), ["note"]);
    expectOk(await act.reopen({ queryId, note: "Weight also differs" }));
    const [q] = await h.db.select().from(dataQueries).where(eq(dataQueries.id, queryId));
    expect([q.status, q.closedAt]).toEqual(["open", null]);
  });
});

describe("source data verification and notifications", () => {
  it("lets only a monitor of the study verify, and refuses crafted ids", async () => {
    const before = await countRows(h.db, FOLLOWUP_TABLES);
    await signInAs(h.db, "monitor@ncrc.demo");
    expectRefused(await act.verify({ entityType: "visit", entityId: bVisit }));
    expectRefused(await act.verify({ entityType: "adverse_event", entityId: bAe }));
    expectRefused(await act.verify({ entityType: "visit", entityId: 999999 }));
    await signInAs(h.db, "pi.b@ncrc.demo");
    expectRefused(await act.verify({ entityType: "adverse_event", entityId: bAe }));
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
    await signInAs(h.db, "monitor@ncrc.demo");
    expectOk(await act.verify({ entityType: "visit", entityId: aVisit }));
    expectRefused(await act.verify({ entityType: "visit", entityId: aVisit }));
  });

  it("marks only the actor's own notifications read", async () => {
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    const sae = { term: "Sepsis", category: "infection", grade: "4", onsetOn: "2025-02-01", endedOn: "", seriousCriteria: ["life_threatening"], relatedness: "possible", actionTaken: "interrupted", outcome: "recovering", awareAt: toNetworkLocal(new Date()) };
    expectOk(await act.addAe({ participantId: a.atR01.id, ...sae }));
    const [piNote] = await h.db.select().from(notifications).innerJoin(users, eq(users.id, notifications.userId)).where(eq(users.email, "pi@ncrc.demo"));
    const before = await countRows(h.db, FOLLOWUP_TABLES);
    await signInAs(h.db, "admin@ncrc.demo");
    expectRefused(await act.read({ notificationId: piNote.notifications.id }));
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
    await signInAs(h.db, "pi@ncrc.demo");
    expect(expectOk(await act.read({ notificationId: piNote.notifications.id })).read).toBe(1);
  });
});
