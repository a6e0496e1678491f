import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { auditEvents, dataQueries, notifications, participantVisits, users } from "@/db/schema";
import { getActor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { followupSubjects, getFollowupParticipant, getQueryThread, listAdverseEvents } from "@/lib/followup/queries/followup";
import { listQueries, openQueriesBySite } from "@/lib/followup/queries/followup-lists";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { signInAs } from "@/lib/testing/session";
import { runCommand } from "@/lib/testing/run-command";
import { expectOk, expectRefused, FOLLOWUP_TABLES } from "@/lib/testing/results";
import { createFollowupStudy } from "@/lib/testing/followup-study";
import { toNetworkLocal } from "@/lib/time/network-day";
import { addAeCommand } from "@/lib/followup/commands/add-ae";
import { answerQueryCommand } from "@/lib/followup/commands/answer-query";
import { closeQueryCommand } from "@/lib/followup/commands/close-query";
import { raiseQueryCommand } from "@/lib/followup/commands/raise-query";
import { recordVisitCommand } from "@/lib/followup/commands/record-visit";
import { reopenQueryCommand } from "@/lib/followup/commands/reopen-query";
import { verifyCommand } from "@/lib/followup/commands/verify";
import { readNotificationsCommand } from "@/lib/notifications/commands/read-notifications";
import { listNotifications, unreadCount } from "@/lib/notifications/queries/notifications";

const h = await setupTestDb();
const [RC1, RC20, MONITOR, PI, PI_B, ADMIN, VIEWER, BIOBANK] = ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo", "monitor@ncrc.demo", "pi@ncrc.demo", "pi.b@ncrc.demo", "admin@ncrc.demo", "viewer@ncrc.demo", "biobank@ncrc.demo"];
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
  await h.db.insert(users).values({ email: PI_B, name: "PI of B", role: "pi", centreId: r20.id, passwordHash: await hashPassword("x-Passw0rd!!") });
  a = await createFollowupStudy(h.db, "FU-A", { enrolledOn: "2025-01-10", monitor: MONITOR });
  b = await createFollowupStudy(h.db, "FU-B", { enrolledOn: "2025-01-10", pi: PI_B });
  aVisit = await visitOf(a.atR01.id, "BL");
  bVisit = await visitOf(b.atR01.id, "BL");
  expectOk(await runCommand(RC1, recordVisitCommand, { visitId: aVisit, status: "done", visitDate: "2025-01-11" }));
  expectOk(await runCommand(RC1, recordVisitCommand, { visitId: bVisit, status: "done", visitDate: "2025-01-11" }));
  const ae = { term: "Rash", category: "skin", grade: "1", onsetOn: "2025-01-20", endedOn: "", relatedness: "possible", actionTaken: "none", outcome: "recovered", awareAt: toNetworkLocal(new Date()) };
  bAe = expectOk(await runCommand(RC1, addAeCommand, { participantId: b.atR01.id, ...ae })).id;
});

describe("study scope of follow-up data", () => {
  it("lets a monitor of study A see A's participants but not B's, nor B's AEs", async () => {
    const mon = await me(MONITOR);
    expect(await getFollowupParticipant(mon, a.atR01.subjectCode)).toMatchObject({ canQuery: true, canVerify: true, canRecord: false });
    expect(await getFollowupParticipant(mon, b.atR01.subjectCode)).toBeNull();
    expect(await listAdverseEvents(mon, b.atR01.id)).toEqual([]);
  });

  it("shows B's AEs to its PI and to its site's staff, and to nobody outside the study", async () => {
    expect((await listAdverseEvents(await me(PI_B), b.atR01.id)).map((x) => x.id)).toEqual([bAe]);
    expect((await listAdverseEvents(await me(RC1), b.atR01.id)).map((x) => x.id)).toEqual([bAe]);
    expect(await listAdverseEvents(await me(RC20), b.atR01.id)).toEqual([]);
    expect(await listAdverseEvents(await me(VIEWER), b.atR01.id)).toEqual([]);
    expect(await listAdverseEvents(await me(BIOBANK), b.atR01.id)).toEqual([]);
  });
});

describe("queries", () => {
  let queryId = 0;

  it("refuses a monitor querying study B, a bad field and an unsaved visit, writing nothing", async () => {
    const before = await countRows(h.db, FOLLOWUP_TABLES);
    expectRefused(await runCommand(MONITOR, raiseQueryCommand, { entityType: "visit", entityId: bVisit, field: "visitDate", question: "?" }));
    expectRefused(await runCommand(MONITOR, raiseQueryCommand, { entityType: "adverse_event", entityId: bAe, field: "grade", question: "?" }));
    expectRefused(await runCommand(MONITOR, raiseQueryCommand, { entityType: "visit", entityId: aVisit, field: "subjectCode", question: "?" }), ["field"]);
    expectRefused(await runCommand(MONITOR, raiseQueryCommand, { entityType: "visit", entityId: await visitOf(a.atR01.id, "W6"), field: "visitDate", question: "?" }));
    expectRefused(await runCommand(MONITOR, raiseQueryCommand, { entityType: "visit", entityId: aVisit, field: "visitDate", question: "" }), ["question"]);
    expectRefused(await runCommand(RC1, raiseQueryCommand, { entityType: "visit", entityId: aVisit, field: "visitDate", question: "?" }));
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
  });

  it("lets the monitor raise a query on a field of study A, and B's own PI on B", async () => {
    queryId = expectOk(await runCommand(MONITOR, raiseQueryCommand, { entityType: "visit", entityId: aVisit, field: "visitDate", question: "Source says 12 January?" })).id;
    expect((await lastAudits(1))[0].action).toBe("query.raised");
    expectRefused(await runCommand(MONITOR, raiseQueryCommand, { entityType: "visit", entityId: aVisit, field: "visitDate", question: "again" }));
    expectOk(await runCommand(PI_B, raiseQueryCommand, { entityType: "adverse_event", entityId: bAe, field: "grade", question: "Grade 2?" }));
    const mon = await me(MONITOR);
    const listed = await listQueries(mon, { study: "", status: "", page: 1 });
    expect(listed.rows.map((r) => r.studyCode)).toEqual(["FU-A"]);
    expect(await openQueriesBySite(mon, "")).toEqual([expect.objectContaining({ centreCode: "R01", count: 1, oldestDays: 0 })]);
  });

  it("refuses answers from another site's staff, and a correction without a reason, writing nothing", async () => {
    const before = await countRows(h.db, FOLLOWUP_TABLES);
    expectRefused(await runCommand(RC20, answerQueryCommand, { queryId, answer: "fine" }));
    expect(await getQueryThread(await me(RC20), queryId)).toBeNull();
    expectRefused(await runCommand(RC1, answerQueryCommand, { queryId, answer: "Corrected", correctedValue: "2025-01-12" }), ["reason"]);
    expectRefused(await runCommand(RC1, answerQueryCommand, { queryId, answer: "Corrected", correctedValue: "2025-02-30", reason: "per source" }), ["correctedValue"]);
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
  });

  it("answers with a corrected value and a reason: the record changes with its own audit event", async () => {
    expectOk(await runCommand(RC1, answerQueryCommand, { queryId, answer: "Corrected per clinic notes", correctedValue: "2025-01-12", reason: "Transcription error" }));
    const [v] = await h.db.select().from(participantVisits).where(eq(participantVisits.id, aVisit));
    expect([v.visitDate, v.version]).toEqual(["2025-01-12", 2]);
    expect((await lastAudits(2)).map((e) => [e.action, e.reason])).toEqual([
      ["visit.changed", "Transcription error"],
      ["query.answered", "Transcription error"],
    ]);
    const thread = await getQueryThread(await me(MONITOR), queryId);
    expect(thread?.events.map((e) => [e.kind, e.correctedVersion])).toEqual([
      ["raised", null],
      ["answered", 2],
    ]);
  });

  it("lets only the raiser close and re-open", async () => {
    const before = await countRows(h.db, FOLLOWUP_TABLES);
    expectRefused(await runCommand(PI, closeQueryCommand, { queryId }));
    expectRefused(await runCommand(RC1, closeQueryCommand, { queryId }));
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
    expectOk(await runCommand(MONITOR, closeQueryCommand, { queryId }));
    expectRefused(await runCommand(MONITOR, closeQueryCommand, { queryId }));
    expectRefused(await runCommand(MONITOR, reopenQueryCommand, { queryId, note: "" }), ["note"]);
    expectOk(await runCommand(MONITOR, reopenQueryCommand, { queryId, note: "Weight also differs" }));
    const [q] = await h.db.select().from(dataQueries).where(eq(dataQueries.id, queryId));
    expect([q.status, q.closedAt]).toEqual(["open", null]);
  });
});

describe("source data verification and notifications", () => {
  it("lets only a monitor of the study verify, and refuses crafted ids", async () => {
    const before = await countRows(h.db, FOLLOWUP_TABLES);
    expectRefused(await runCommand(MONITOR, verifyCommand, { entityType: "visit", entityId: bVisit }));
    expectRefused(await runCommand(MONITOR, verifyCommand, { entityType: "adverse_event", entityId: bAe }));
    expectRefused(await runCommand(MONITOR, verifyCommand, { entityType: "visit", entityId: 999999 }));
    expectRefused(await runCommand(PI_B, verifyCommand, { entityType: "adverse_event", entityId: bAe }));
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
    expectOk(await runCommand(MONITOR, verifyCommand, { entityType: "visit", entityId: aVisit }));
    expectRefused(await runCommand(MONITOR, verifyCommand, { entityType: "visit", entityId: aVisit }));
  });

  it("marks only the actor's own notifications read", async () => {
    const sae = { term: "Sepsis", category: "infection", grade: "4", onsetOn: "2025-02-01", endedOn: "", seriousCriteria: ["life_threatening"], relatedness: "possible", actionTaken: "interrupted", outcome: "recovering", awareAt: toNetworkLocal(new Date()) };
    expectOk(await runCommand(RC1, addAeCommand, { participantId: a.atR01.id, ...sae }));
    const [piNote] = await h.db.select().from(notifications).innerJoin(users, eq(users.id, notifications.userId)).where(eq(users.email, "pi@ncrc.demo"));
    const before = await countRows(h.db, FOLLOWUP_TABLES);
    expectRefused(await runCommand(ADMIN, readNotificationsCommand, { notificationId: piNote.notifications.id }));
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
    expect(expectOk(await runCommand(PI, readNotificationsCommand, { notificationId: piNote.notifications.id })).read).toBe(1);
  });

  it("lists only the actor's own notifications, and links only to participants still in follow-up scope", async () => {
    const pi = await me(PI);
    const mine = await listNotifications(pi, 1);
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(mine.rows.every((n) => n.kind === "sae_reported" && n.entityType === "adverse_event")).toBe(true);
    expect(await unreadCount(pi)).toBe(mine.rows.filter((n) => !n.read).length);
    const [piUser] = await h.db.select().from(users).where(eq(users.email, PI));
    const own = await h.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, piUser.id));
    expect(mine.rows.map((n) => n.id).sort()).toEqual(own.map((n) => n.id).sort());
    const ids = mine.rows.flatMap((n) => (n.participantId === null ? [] : [n.participantId]));
    expect(ids).toContain(a.atR01.id);
    expect((await followupSubjects(pi, ids)).get(a.atR01.id)).toBe(a.atR01.subjectCode);
    expect((await followupSubjects(await me(RC20), [a.atR01.id])).size).toBe(0);
    expect((await followupSubjects(await me(VIEWER), [a.atR01.id])).size).toBe(0);
    expect(await listNotifications(await me(RC20), 1)).toMatchObject({ rows: [], total: 0 });
  });
});
