import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { adverseEvents, auditEvents, notifications, participantVisits, participants, users } from "@/db/schema";
import { getActor } from "@/lib/auth/actor";
import { translate } from "@/lib/i18n/translate";
import { recordHistory } from "@/lib/followup/queries/followup";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { signInAs } from "@/lib/testing/session";
import { runCommand } from "@/lib/testing/run-command";
import { expectOk, expectRefused, FOLLOWUP_TABLES } from "@/lib/testing/results";
import { createFollowupStudy } from "@/lib/testing/followup-study";
import { aeInputFor } from "@/lib/testing/ae-input";
import { toNetworkLocal } from "@/lib/time/network-day";
import { addAeCommand } from "@/lib/followup/commands/add-ae";
import { correctParticipantCommand } from "@/lib/followup/commands/correct-participant";
import { recordVisitCommand } from "@/lib/followup/commands/record-visit";
import { updateAeCommand } from "@/lib/followup/commands/update-ae";
import { verifyCommand } from "@/lib/followup/commands/verify";

const h = await setupTestDb();
const [RC1, RC20, MONITOR] = ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo", "monitor@ncrc.demo"];
/** The actor of an e-mail, as the pages load it (for the reads). */
const me = async (email: string) => {
  await signInAs(h.db, email);
  return (await getActor())!;
};
let s: Awaited<ReturnType<typeof createFollowupStudy>>;
const visitOf = async (participantId: number, code: string) => {
  const [row] = await queryRows<{ id: number }>(h.db, sql`select v.id from participant_visits v join visit_definitions d on d.id = v.visit_definition_id where v.participant_id = ${participantId} and d.code = ${code}`);
  return row.id;
};
const lastAudit = async () => (await h.db.select().from(auditEvents).orderBy(sql`id desc`).limit(1))[0];
const aeInput = (over: Record<string, unknown> = {}) => aeInputFor(s.atR01.id, over);

beforeAll(async () => {
  await seedBase(h.db);
  s = await createFollowupStudy(h.db, "FU-REC", { enrolledOn: "2025-01-10", monitor: MONITOR });
});

describe("expected visits", () => {
  it("are generated at enrolment from the schedule in force, with their windows", async () => {
    const rows = await h.db.select().from(participantVisits).where(eq(participantVisits.participantId, s.atR01.id)).orderBy(participantVisits.dueOn);
    expect(rows.map((r) => [r.dueOn, r.windowStart, r.windowEnd, r.status])).toEqual([
      ["2025-01-10", "2025-01-10", "2025-01-13", "expected"],
      ["2025-02-21", "2025-02-14", "2025-02-28", "expected"],
      ["2025-04-04", "2025-03-28", "2025-04-11", "expected"],
    ]);
  });
});

describe("recording a visit", () => {
  it("refuses bad input, the wrong role and another site's participant, writing nothing", async () => {
    const bl = await visitOf(s.atR01.id, "BL");
    const before = await countRows(h.db, FOLLOWUP_TABLES);
    expectRefused(await runCommand(RC1, recordVisitCommand, { visitId: bl, status: "done", visitDate: "2025-02-30" }), ["visitDate"]);
    // The assessment is the visit_assessment form's now: the visit takes no ECOG.
    expectRefused(await runCommand(RC1, recordVisitCommand, { visitId: bl, status: "done", visitDate: "2025-01-12", ecog: "1" }));
    expectRefused(await runCommand(RC1, recordVisitCommand, { visitId: bl, status: "done", visitDate: "" }), ["visitDate"]);
    expectRefused(await runCommand(RC1, recordVisitCommand, { visitId: bl, status: "missed" }), ["missedReason"]);
    expectRefused(await runCommand(RC1, recordVisitCommand, { visitId: bl, status: "done", visitDate: "2025-01-12", extra: "x" }));
    expectRefused(await runCommand(MONITOR, recordVisitCommand, { visitId: bl, status: "done", visitDate: "2025-01-12" }));
    const crafted = await runCommand(RC20, recordVisitCommand, { visitId: bl, status: "done", visitDate: "2025-01-12" });
    expectRefused(crafted);
    expect(crafted.ok ? "" : crafted.message).toBe(translate("zh-CN", "errors.notFound"));
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
  });

  it("saves version 1 without a reason, flags a date outside the window, and writes one audit event", async () => {
    const before = await countRows(h.db, ["audit_events"]);
    const bl = expectOk(await runCommand(RC1, recordVisitCommand, { visitId: await visitOf(s.atR01.id, "BL"), status: "done", visitDate: "2025-01-12" }));
    expect(bl).toMatchObject({ version: 1, outOfWindow: false });
    expect((await lastAudit()).action).toBe("visit.recorded");
    const w6 = expectOk(await runCommand(RC1, recordVisitCommand, { visitId: await visitOf(s.atR01.id, "W6"), status: "done", visitDate: "2025-03-03" }));
    expect(w6.outOfWindow).toBe(true);
    expect((await countRows(h.db, ["audit_events"])).audit_events).toBe(before.audit_events + 2);
  });

  it("refuses a change without a reason and writes nothing; with a reason it is version 2 and clears verification", async () => {
    const bl = await visitOf(s.atR01.id, "BL");
    expectOk(await runCommand(MONITOR, verifyCommand, { entityType: "visit", entityId: bl }));
    const before = await countRows(h.db, FOLLOWUP_TABLES);
    expectRefused(await runCommand(RC1, recordVisitCommand, { visitId: bl, status: "done", visitDate: "2025-01-11", reason: "  " }), ["reason"]);
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
    const [unchanged] = await h.db.select().from(participantVisits).where(eq(participantVisits.id, bl));
    expect(unchanged.visitDate).toBe("2025-01-12");
    expect(unchanged.sdvAt).not.toBeNull();

    expectOk(await runCommand(RC1, recordVisitCommand, { visitId: bl, status: "done", visitDate: "2025-01-11", reason: "Transcription error" }));
    const [changed] = await h.db.select().from(participantVisits).where(eq(participantVisits.id, bl));
    expect([changed.visitDate, changed.version, changed.sdvAt]).toEqual(["2025-01-11", 2, null]);
    const audit = await lastAudit();
    expect([audit.action, audit.reason]).toEqual(["visit.changed", "Transcription error"]);
    expect(audit.before).toEqual({ visitDate: "2025-01-12" });
  });

  it("lists every version in the history with who, when, why, and the old and new values", async () => {
    const bl = await visitOf(s.atR01.id, "BL");
    expectOk(await runCommand(RC1, recordVisitCommand, { visitId: bl, status: "missed", missedReason: "Did not attend per source notes", reason: "Date per source notes" }));
    const actor = await me(RC1);
    const history = await recordHistory(actor, "visit", bl);
    expect(history.map((v) => [v.version, v.reason, v.changedFields])).toEqual([
      [1, null, []],
      [2, "Transcription error", ["visitDate"]],
      [3, "Date per source notes", ["missedReason", "status", "visitDate"]],
    ]);
    const [recorder] = await h.db.select({ name: users.name }).from(users).where(eq(users.email, RC1));
    expect(history.every((v) => v.changedByName === recorder.name && v.changedAt)).toBe(true);
    expect([history[0].values.visitDate, history[1].values.visitDate, history[2].values.visitDate, history[2].values.status]).toEqual(["2025-01-12", "2025-01-11", null, "missed"]);
    expect(await recordHistory(await me(RC20), "visit", bl)).toEqual([]);
  });
});

describe("adverse events and the SAE clock", () => {
  it("refuses inconsistent AEs and crafted participants, writing nothing", async () => {
    const before = await countRows(h.db, FOLLOWUP_TABLES);
    expectRefused(await runCommand(RC1, addAeCommand, aeInput({ grade: "6" })), ["grade"]);
    expectRefused(await runCommand(RC1, addAeCommand, aeInput({ grade: "5", outcome: "recovering", seriousCriteria: ["death"] })), ["outcome"]);
    expectRefused(await runCommand(RC1, addAeCommand, aeInput({ endedOn: "2025-01-01" })), ["endedOn"]);
    expectRefused(await runCommand(RC1, addAeCommand, aeInput({ participantId: s.atR20.id })));
    expectRefused(await runCommand(RC20, addAeCommand, aeInput()));
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
  });

  it("records a serious AE with its report time, on time inside 24 h, and notifies the study PI and the hub", async () => {
    const before = await countRows(h.db, ["notifications", "audit_events"]);
    const r = expectOk(await runCommand(RC1, addAeCommand, aeInput({ seriousCriteria: ["hospitalisation"], term: "Febrile neutropenia" })));
    expect(r).toMatchObject({ serious: true, late: false });
    const after = await countRows(h.db, ["notifications", "audit_events"]);
    expect(after.audit_events).toBe(before.audit_events + 1);
    const told = await h.db.select({ email: users.email }).from(notifications).innerJoin(users, eq(users.id, notifications.userId)).where(eq(notifications.entityId, r.id));
    expect(told.map((x) => x.email).sort()).toEqual(["admin@ncrc.demo", "pi@ncrc.demo"]);
    expect((await lastAudit()).action).toBe("sae.reported");
  });

  it("marks an SAE reported more than 24 h after awareness as late", async () => {
    const r = expectOk(await runCommand(RC1, addAeCommand, aeInput({ seriousCriteria: ["life_threatening"], awareAt: toNetworkLocal(new Date(Date.now() - 30 * 3600_000)) })));
    expect(r.late).toBe(true);
  });

  it("applies the same exact-24-hour boundary in the database", async () => {
    const base = { participantId: s.atR01.id, studyId: s.study.id, term: "x", category: "other" as const, grade: 3, onsetOn: "2025-02-01", relatedness: "unlikely" as const, actionTaken: "none" as const, outcome: "unknown" as const, serious: true, seriousCriteria: ["other_important"] };
    const aware = new Date("2025-02-02T00:00:00.000Z");
    const [onTime] = await h.db.insert(adverseEvents).values({ ...base, awareAt: aware, reportedAt: new Date(aware.getTime() + 24 * 3600_000) }).returning();
    const [late] = await h.db.insert(adverseEvents).values({ ...base, awareAt: aware, reportedAt: new Date(aware.getTime() + 24 * 3600_000 + 1000) }).returning();
    expect([onTime.reportLate, late.reportLate]).toEqual([false, true]);
    await h.db.delete(adverseEvents).where(and(eq(adverseEvents.term, "x"), eq(adverseEvents.participantId, s.atR01.id)));
  });

  it("needs a reason to change a saved AE; making it serious later reports it then", async () => {
    const ae = expectOk(await runCommand(RC1, addAeCommand, aeInput({ term: "Nausea", category: "gastrointestinal", grade: "2" })));
    const { participantId, ...fields } = aeInput({ term: "Nausea", category: "gastrointestinal", grade: "3", seriousCriteria: ["hospitalisation"] });
    expect(participantId).toBe(s.atR01.id);
    const before = await countRows(h.db, FOLLOWUP_TABLES);
    expectRefused(await runCommand(RC1, updateAeCommand, { aeId: ae.id, ...fields }), ["reason"]);
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
    expectOk(await runCommand(RC1, updateAeCommand, { aeId: ae.id, ...fields, reason: "Admitted overnight" }));
    const [row] = await h.db.select().from(adverseEvents).where(eq(adverseEvents.id, ae.id));
    expect([row.serious, row.version, row.reportedAt !== null]).toEqual([true, 2, true]);
    expect((await countRows(h.db, ["notifications"])).notifications).toBe(before.notifications + 2);
  });
});

describe("correcting enrolment data", () => {
  it("needs a reason and keeps the enrolled values as version 1", async () => {
    const before = await countRows(h.db, FOLLOWUP_TABLES);
    expectRefused(await runCommand(RC1, correctParticipantCommand, { participantId: s.atR01.id, yearOfBirth: "1961", sex: "female" }), ["reason"]);
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
    expectRefused(await runCommand(RC20, correctParticipantCommand, { participantId: s.atR01.id, yearOfBirth: "1961", sex: "female", reason: "x" }));
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
    expectOk(await runCommand(RC1, correctParticipantCommand, { participantId: s.atR01.id, yearOfBirth: "1961", sex: "female", reason: "ID card re-checked" }));
    const [p] = await h.db.select().from(participants).where(eq(participants.id, s.atR01.id));
    expect(p.yearOfBirth).toBe(1961);
    const history = await recordHistory(await me(RC1), "participant", s.atR01.id);
    expect(history.map((v) => [v.version, v.values.yearOfBirth, v.reason])).toEqual([
      [1, 1960, null],
      [2, 1961, "ID card re-checked"],
    ]);
  });
});
