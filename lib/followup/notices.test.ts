import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { adverseEvents, dataQueries, notifications, participants, recordVersions, studyTeam, users } from "@/db/schema";
import { getActor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { noticeOverdueVisits, noticeSaeFollowupsDue, NOTICE_HORIZON_DAYS } from "@/lib/followup/due-notices";
import { followupSubjects } from "@/lib/followup/queries/followup";
import { notificationHref } from "@/lib/notifications/links";
import { listNotifications, unreadCount } from "@/lib/notifications/queries/notifications";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { createFollowupStudy } from "@/lib/testing/followup-study";
import { expectOk } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { addDays, networkToday, toNetworkLocal } from "@/lib/time/network-day";
import { addAeCommand } from "@/lib/followup/commands/add-ae";
import { answerQueryCommand } from "@/lib/followup/commands/answer-query";
import { closeQueryCommand } from "@/lib/followup/commands/close-query";
import { raiseQueryCommand } from "@/lib/followup/commands/raise-query";
import { recordVisitCommand } from "@/lib/followup/commands/record-visit";
import { reopenQueryCommand } from "@/lib/followup/commands/reopen-query";
import { updateAeCommand } from "@/lib/followup/commands/update-ae";

const h = await setupTestDb();
const [RC1, GH1, RC20, COORD, MONITOR, PI, ADMIN, VIEWER] = [
  "staff.rc1@ncrc.demo",
  "staff.gh1@ncrc.demo",
  "staff.rc20@ncrc.demo",
  "coord.rc1@ncrc.demo",
  "monitor@ncrc.demo",
  "pi@ncrc.demo",
  "admin@ncrc.demo",
  "viewer@ncrc.demo",
];
/** A second site staff member at R01, and a disabled one: who of a site is told. */
const [RC1B, RC1_GONE, PI_C] = ["staff.rc1b@ncrc.demo", "staff.rc1.gone@ncrc.demo", "pi.c@ncrc.demo"];

const today = networkToday();
let recent: Awaited<ReturnType<typeof createFollowupStudy>>;
let old: Awaited<ReturnType<typeof createFollowupStudy>>;

const me = async (email: string) => {
  await signInAs(h.db, email);
  return (await getActor())!;
};
const visitOf = async (participantId: number, code: string) => {
  const [row] = await queryRows<{ id: number }>(h.db, sql`select v.id from participant_visits v join visit_definitions d on d.id = v.visit_definition_id where v.participant_id = ${participantId} and d.code = ${code}`);
  return Number(row.id);
};
/** Who holds a notification of this kind about this record, by e-mail. */
const told = async (kind: string, entityType: string, entityId: number) =>
  (
    await queryRows<{ email: string }>(
      h.db,
      sql`select u.email from notifications n join users u on u.id = n.user_id where n.kind = ${kind} and n.entity_type = ${entityType} and n.entity_id = ${entityId}`,
    )
  ).map((r) => r.email).sort();
const aeInput = (participantId: number, over: Record<string, unknown> = {}) => ({
  participantId,
  term: "Febrile neutropenia",
  category: "blood_lymphatic",
  grade: "3",
  onsetOn: addDays(today, -3),
  endedOn: "",
  seriousCriteria: ["hospitalisation"],
  relatedness: "probable",
  actionTaken: "interrupted",
  outcome: "recovering",
  awareAt: toNetworkLocal(new Date(Date.now() - 3600_000)),
  ...over,
});

beforeAll(async () => {
  const base = await seedBase(h.db);
  const passwordHash = await hashPassword("x-Passw0rd!!");
  await h.db.insert(users).values([
    { email: RC1B, name: "Staff RC1 B", role: "site_staff", centreId: base.org("R01").id, passwordHash, locale: "en" },
    { email: RC1_GONE, name: "Staff RC1 gone", role: "site_staff", centreId: base.org("R01").id, passwordHash, disabled: true },
    { email: PI_C, name: "PI of C", role: "pi", centreId: base.org("TJ01").id, passwordHash },
  ]);
  // Enrolled ten days ago: the baseline window (day 0 ± 3) closed a week ago, week 6 is still ahead.
  recent = await createFollowupStudy(h.db, "NT-RECENT", { enrolledOn: addDays(today, -10), monitor: MONITOR });
  // Enrolled long ago: every window closed more than the notice horizon ago.
  old = await createFollowupStudy(h.db, "NT-OLD", { enrolledOn: "2025-01-10", monitor: MONITOR });
});

describe("a query raised", () => {
  let queryId = 0;
  let visitId = 0;

  it("tells the site staff of the participant's current site, in the same transaction, and nobody else", async () => {
    visitId = await visitOf(recent.atR01.id, "BL");
    expectOk(await runCommand(RC1, recordVisitCommand, { visitId, status: "done", visitDate: addDays(today, -9) }));
    queryId = expectOk(await runCommand(MONITOR, raiseQueryCommand, { entityType: "visit", entityId: visitId, field: "visitDate", question: "A day later per source?" })).id;
    // Another site's staff, the same region's grassroots staff, the coordinator, the raiser, the PI, the viewer: not told; a disabled account: not told.
    expect(await told("query_raised", "query", queryId)).toEqual([RC1, RC1B].sort());
    const [q] = await h.db.select().from(dataQueries).where(eq(dataQueries.id, queryId));
    const rows = await h.db.select().from(notifications).where(and(eq(notifications.kind, "query_raised"), eq(notifications.entityId, queryId)));
    // now() is the transaction's start: equal times mean the notices were written with the query.
    expect(rows.every((n) => n.createdAt.getTime() === q.createdAt.getTime())).toBe(true);
    expect(rows[0]).toMatchObject({ studyId: recent.study.id, participantId: recent.atR01.id, params: { subjectCode: recent.atR01.subjectCode, studyCode: "NT-RECENT", record: "visit", field: "visitDate" } });
    for (const email of [GH1, RC20, COORD, MONITOR, PI, VIEWER]) expect((await listNotifications(await me(email), 1)).rows.filter((n) => n.kind === "query_raised")).toEqual([]);
    expect(await unreadCount(await me(RC1))).toBe(1);
  });

  it("goes to the site where the participant is now, not where they were enrolled", async () => {
    const visit = await visitOf(old.atR20.id, "BL");
    expectOk(await runCommand(RC20, recordVisitCommand, { visitId: visit, status: "done", visitDate: "2025-01-12" }));
    const atR20 = expectOk(await runCommand(MONITOR, raiseQueryCommand, { entityType: "visit", entityId: visit, field: "visitDate", question: "?" })).id;
    expect(await told("query_raised", "query", atR20)).toEqual([RC20]);
    const [r01] = await queryRows<{ id: number }>(h.db, sql`select id from organisations where code = 'R01'`);
    await h.db.update(participants).set({ centreId: Number(r01.id) }).where(eq(participants.id, old.atR20.id));
    const moved = expectOk(await runCommand(MONITOR, raiseQueryCommand, { entityType: "visit", entityId: visit, field: "status", question: "?" })).id;
    expect(await told("query_raised", "query", moved)).toEqual([RC1, RC1B].sort());
  });

  it("links to the query for the site staff, and to nothing for someone who cannot open the participant", async () => {
    const [n] = (await listNotifications(await me(RC1), 1)).rows.filter((x) => x.kind === "query_raised" && x.entityId === queryId);
    const mine = await followupSubjects(await me(RC1), [n.participantId!]);
    expect(notificationHref(n.entityType, n.entityId, mine.get(n.participantId!))).toBe(`/follow-up/queries/${queryId}`);
    const theirs = await followupSubjects(await me(RC20), [n.participantId!]);
    expect(notificationHref(n.entityType, n.entityId, theirs.get(n.participantId!))).toBeNull();
  });

  it("tells the raiser when answered (not the answerer, not the PI), and the site again when re-opened", async () => {
    expectOk(await runCommand(RC1, answerQueryCommand, { queryId, answer: "Corrected", correctedValue: addDays(today, -8), reason: "Transcription error" }));
    expect(await told("query_answered", "query", queryId)).toEqual([MONITOR]);
    const [answered] = (await listNotifications(await me(MONITOR), 1)).rows.filter((n) => n.kind === "query_answered");
    expect(answered.params).toMatchObject({ corrected: true, subjectCode: recent.atR01.subjectCode });
    expectOk(await runCommand(MONITOR, reopenQueryCommand, { queryId, note: "Weight too" }));
    expect(await told("query_reopened", "query", queryId)).toEqual([RC1, RC1B].sort());
    // A second answer is news again: one more notice, not swallowed by the first.
    expectOk(await runCommand(RC1, answerQueryCommand, { queryId, answer: "Weight checked" }));
    expect(await told("query_answered", "query", queryId)).toEqual([MONITOR, MONITOR]);
    expectOk(await runCommand(MONITOR, closeQueryCommand, { queryId }));
    expect(await told("query_answered", "query", queryId)).toHaveLength(2);
  });

  it("tells the study's monitors and PI when the raiser can no longer act on the answer", async () => {
    const visit = await visitOf(recent.atR01.id, "BL");
    const q = expectOk(await runCommand(MONITOR, raiseQueryCommand, { entityType: "visit", entityId: visit, field: "visitDate", question: "Date?" })).id;
    const [mon] = await h.db.select().from(users).where(eq(users.email, MONITOR));
    await h.db.update(studyTeam).set({ removedAt: new Date() }).where(and(eq(studyTeam.studyId, recent.study.id), eq(studyTeam.userId, mon.id)));
    try {
      expectOk(await runCommand(RC1, answerQueryCommand, { queryId: q, answer: "Date per notes" }));
      // Off the team, the monitor is no longer one of the study's monitors either: the PI is told.
      expect(await told("query_answered", "query", q)).toEqual([PI]);
    } finally {
      await h.db.update(studyTeam).set({ removedAt: null }).where(and(eq(studyTeam.studyId, recent.study.id), eq(studyTeam.userId, mon.id)));
    }
  });
});

describe("an SAE reported", () => {
  it("tells the study's PI by the one PI rule, and the hub; not site staff, monitors or the viewer", async () => {
    const ae = expectOk(await runCommand(RC1, addAeCommand, aeInput(recent.atR01.id))).id;
    expect(await told("sae_reported", "adverse_event", ae)).toEqual([ADMIN, PI].sort());
  });

  it("does not tell a named PI whose network role is no longer PI", async () => {
    const c = await createFollowupStudy(h.db, "NT-C", { enrolledOn: addDays(today, -10), pi: PI_C });
    await h.db.update(users).set({ role: "monitor" }).where(eq(users.email, PI_C));
    const ae = expectOk(await runCommand(RC1, addAeCommand, aeInput(c.atR01.id))).id;
    expect(await told("sae_reported", "adverse_event", ae)).toEqual([ADMIN]);
  });
});

describe("the overdue-visit routine", () => {
  it("tells the participant's site staff once per overdue visit, however often it runs", async () => {
    // Nothing recorded: both baselines closed a week ago; week 6 is still ahead.
    const due = await createFollowupStudy(h.db, "NT-DUE", { enrolledOn: addDays(today, -10) });
    const [blR01, blR20, w6] = [await visitOf(due.atR01.id, "BL"), await visitOf(due.atR20.id, "BL"), await visitOf(due.atR01.id, "W6")];
    const first = await noticeOverdueVisits(h.db, today);
    expect(first).toBeGreaterThanOrEqual(3);
    expect(await noticeOverdueVisits(h.db, today)).toBe(0);
    // Two instances at once (on PostgreSQL, truly concurrent): the unique key keeps one notice each.
    const before = await countRows(h.db, ["notifications"]);
    await h.db.execute(sql`delete from notifications where kind = 'visit_overdue' and entity_id = ${blR20}`);
    expect((await Promise.all([noticeOverdueVisits(h.db, today), noticeOverdueVisits(h.db, today)])).reduce((a, b) => a + b)).toBe(1);
    expect((await countRows(h.db, ["notifications"])).notifications).toBe(before.notifications);
    expect(await told("visit_overdue", "visit", blR01)).toEqual([RC1, RC1B].sort());
    expect(await told("visit_overdue", "visit", blR20)).toEqual([RC20]);
    expect(await told("visit_overdue", "visit", w6)).toEqual([]);
    const [n] = (await listNotifications(await me(RC20), 1)).rows.filter((x) => x.kind === "visit_overdue" && x.entityId === blR20);
    expect(n.params).toMatchObject({ subjectCode: due.atR20.subjectCode, studyCode: "NT-DUE", visitCode: "BL", windowEnd: addDays(today, -7) });
    expect(notificationHref(n.entityType, n.entityId, due.atR20.subjectCode)).toBe(`/follow-up/${due.atR20.subjectCode}/visits/${blR20}`);
    for (const email of [GH1, PI, MONITOR, VIEWER]) expect((await listNotifications(await me(email), 1)).rows.filter((x) => x.kind === "visit_overdue")).toEqual([]);
  });

  it("pushes nothing about visits overdue for longer than the horizon (they are on the overdue list)", async () => {
    const bl = await visitOf(old.atR01.id, "BL");
    expect(await told("visit_overdue", "visit", bl)).toEqual([]);
    // The same visit, seen within the horizon of its window closing, is news.
    const [v] = await queryRows<{ windowEnd: string }>(h.db, sql`select window_end::text as "windowEnd" from participant_visits where id = ${bl}`);
    expect(await noticeOverdueVisits(h.db, addDays(v.windowEnd, NOTICE_HORIZON_DAYS + 1))).toBe(0);
    expect(await noticeOverdueVisits(h.db, addDays(v.windowEnd, NOTICE_HORIZON_DAYS))).toBeGreaterThan(0);
    expect(await told("visit_overdue", "visit", bl)).toEqual([RC1, RC1B].sort());
  });
});

describe("the SAE follow-up routine", () => {
  /** Pretends the AE was last reported `days` ago. */
  const reportedDaysAgo = async (aeId: number, days: number) => {
    const at = new Date(Date.now() - days * 86_400_000);
    await h.db.update(adverseEvents).set({ reportedAt: at, awareAt: new Date(at.getTime() - 3600_000) }).where(eq(adverseEvents.id, aeId));
    await h.db.update(recordVersions).set({ changedAt: at }).where(and(eq(recordVersions.entityType, "adverse_event"), eq(recordVersions.entityId, aeId)));
  };

  it("tells the site staff and the PI when an unresolved SAE has had no report for 15 days, once per report", async () => {
    const ae = expectOk(await runCommand(RC1, addAeCommand, aeInput(recent.atR01.id, { term: "Pneumonia", category: "infection" }))).id;
    await reportedDaysAgo(ae, 14);
    expect(await noticeSaeFollowupsDue(h.db)).toBe(0);
    await reportedDaysAgo(ae, 16);
    expect(await noticeSaeFollowupsDue(h.db)).toBe(3);
    expect(await noticeSaeFollowupsDue(h.db)).toBe(0);
    expect(await told("sae_followup_due", "adverse_event", ae)).toEqual([PI, RC1, RC1B].sort());
    // A follow-up saved starts the clock again; still unresolved 16 days later, it is due again.
    const { participantId, ...fields } = aeInput(recent.atR01.id, { term: "Pneumonia", category: "infection", grade: "4" });
    expect(participantId).toBe(recent.atR01.id);
    expectOk(await runCommand(RC1, updateAeCommand, { aeId: ae, ...fields, reason: "Follow-up: grade 4" }));
    expect(await noticeSaeFollowupsDue(h.db)).toBe(0);
    await reportedDaysAgo(ae, 16);
    expect(await noticeSaeFollowupsDue(h.db)).toBe(3);
    expect(await told("sae_followup_due", "adverse_event", ae)).toHaveLength(6);
  });

  it("uses 7 days for a life-threatening SAE, and nothing once the outcome is resolved", async () => {
    const urgent = expectOk(await runCommand(RC1, addAeCommand, aeInput(recent.atR01.id, { term: "Anaphylaxis", category: "general", seriousCriteria: ["life_threatening"] }))).id;
    const resolved = expectOk(await runCommand(RC1, addAeCommand, aeInput(recent.atR01.id, { term: "Fall", category: "musculoskeletal", outcome: "recovered", endedOn: addDays(today, -1) }))).id;
    await reportedDaysAgo(urgent, 8);
    await reportedDaysAgo(resolved, 20);
    await noticeSaeFollowupsDue(h.db);
    expect(await told("sae_followup_due", "adverse_event", urgent)).toEqual([PI, RC1, RC1B].sort());
    expect(await told("sae_followup_due", "adverse_event", resolved)).toEqual([]);
    expect((await listNotifications(await me(RC20), 1)).rows.filter((n) => n.kind === "sae_followup_due")).toEqual([]);
    expect((await listNotifications(await me(VIEWER), 1)).rows).toEqual([]);
  });
});
