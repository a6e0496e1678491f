import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { crfEventForms, crfFormInstances, participants, participantVisits } from "@/db/schema";
import { getActor } from "@/lib/auth/actor";
import { saveFormCommand } from "@/lib/crf/commands/save-form";
import { unverifyFormCommand } from "@/lib/crf/commands/unverify-form";
import { verifyFormCommand } from "@/lib/crf/commands/verify-form";
import { studyCompletion } from "@/lib/crf/queries/completion";
import { pick, seededRandom } from "@/lib/random/seeded";
import { recountCompletion } from "@/lib/testing/crf-completion-recount";
import { createCrfStudy, saveInput, type CrfStudy } from "@/lib/testing/crf-study";
import { setupTestDb } from "@/lib/testing/db";
import { seedBase } from "@/lib/testing/fixtures";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";

// crf_completion_facts, kept by triggers (migration 0025), against a recount from the raw rows
// after random saves, verifications, reopenings, visits done / missed / moved, site transfers
// and a change of an event's forms.
const h = await setupTestDb();
const [RC1, RC20, MONITOR, PI] = ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo", "monitor@ncrc.demo", "pi@ncrc.demo"];
let s: CrfStudy;
let homes: { siteId: number; centreId: number; staff: string }[];

async function expectCountersEqualRecount(days: string[]) {
  await signInAs(h.db, PI);
  const pi = (await getActor())!;
  for (const today of days) {
    const read = (await studyCompletion(pi, s.study.id, today))!;
    const recount = await recountCompletion(h.db, s.study.id, today);
    const none = { expected: 0, entered: 0, complete: 0, verified: 0, medianDaysToEntry: null };
    expect(read.study, `study on ${today}`).toEqual(recount.get(null) ?? none);
    for (const site of read.sites) {
      const figures = { expected: site.expected, entered: site.entered, complete: site.complete, verified: site.verified, medianDaysToEntry: site.medianDaysToEntry };
      expect(figures, `site ${site.centreId} on ${today}`).toEqual(recount.get(site.centreId) ?? none);
    }
  }
}

beforeAll(async () => {
  await seedBase(h.db);
  s = await createCrfStudy(h.db, "CRFK", { enrolledOn: "2025-01-03" });
  const rows = await h.db.select({ id: participants.id, siteId: participants.siteId, centreId: participants.centreId }).from(participants).where(eq(participants.studyId, s.study.id));
  const r01 = rows.find((r) => r.id === s.atR01.id)!;
  const r20 = rows.find((r) => r.id === s.atR20.id)!;
  homes = [
    { siteId: r01.siteId, centreId: r01.centreId, staff: RC1 },
    { siteId: r20.siteId, centreId: r20.centreId, staff: RC20 },
  ];
});

describe("completion counters", () => {
  it("the backfill and the fixture's rows equal a recount", async () => {
    await expectCountersEqualRecount(["2025-01-01", "2025-02-20", "2030-01-01"]);
  });

  it("after random saves, verifications, visits and site transfers they still equal a recount", async () => {
    const rand = seededRandom(20261202);
    const who = [s.atR01.id, s.atR20.id];
    const cells = [
      { event: "baseline", form: "vitals" },
      { event: "baseline", form: "tumour" },
      { event: "week6", form: "vitals" },
      { event: "week6", form: "tumour" },
      { event: "unscheduled", form: "vitals" },
    ] as const;
    const staffOf = async (participantId: number) => {
      const [p] = await h.db.select({ centreId: participants.centreId }).from(participants).where(eq(participants.id, participantId));
      return homes.find((x) => x.centreId === p.centreId)!.staff;
    };
    const instanceOf = async (participantId: number, eventId: number, formId: number) =>
      (await h.db.select().from(crfFormInstances).where(and(eq(crfFormInstances.participantId, participantId), eq(crfFormInstances.eventId, eventId), eq(crfFormInstances.formId, formId), eq(crfFormInstances.repeat, 1))))[0];
    const ops: string[] = [];
    for (let step = 0; step < 80; step++) {
      const participantId = pick(rand, who);
      const op = rand();
      if (op < 0.4) {
        const cell = pick(rand, cells);
        const inst = await instanceOf(participantId, s.events[cell.event].id, s.forms[cell.form].formId);
        if (inst?.status === "verified") continue;
        const complete = cell.form === "vitals" && rand() < 0.6;
        // Every save changes a value (an unchanged save is refused).
        const values = cell.form === "vitals" ? { sex: "1", weight: String(Number(inst?.values.weight ?? 60) + 1), height: "175" } : { assessed: inst?.values.assessed === "0" ? "1" : "0" };
        const r = await runCommand(await staffOf(participantId), saveFormCommand, saveInput(s, { participantId, ...cell, values, complete, expectedVersion: inst?.version ?? 0, ...(inst ? { reason: "Source re-read" } : {}) }));
        expect(r.ok, JSON.stringify(r)).toBe(true);
        ops.push(`save ${cell.event}/${cell.form}`);
      } else if (op < 0.55) {
        const done = await h.db.select().from(crfFormInstances).where(and(eq(crfFormInstances.studyId, s.study.id), eq(crfFormInstances.status, "complete")));
        if (!done.length) continue;
        const inst = pick(rand, done);
        expect((await runCommand(MONITOR, verifyFormCommand, { instanceId: inst.id, expectedVersion: inst.version })).ok).toBe(true);
        ops.push("verify");
      } else if (op < 0.65) {
        const verified = await h.db.select().from(crfFormInstances).where(and(eq(crfFormInstances.studyId, s.study.id), eq(crfFormInstances.status, "verified")));
        if (!verified.length) continue;
        const inst = pick(rand, verified);
        expect((await runCommand(MONITOR, unverifyFormCommand, { instanceId: inst.id, expectedVersion: inst.version, reason: "Recheck" })).ok).toBe(true);
        ops.push("unverify");
      } else if (op < 0.8) {
        // A visit done, missed, back to expected, or its window moved.
        const visits = await h.db.select().from(participantVisits).where(eq(participantVisits.participantId, participantId));
        const v = pick(rand, visits);
        const to = pick(rand, ["done", "missed", "expected", "window"] as const);
        if (to === "done") await h.db.update(participantVisits).set({ status: "done", visitDate: v.dueOn }).where(eq(participantVisits.id, v.id));
        else if (to === "missed") await h.db.update(participantVisits).set({ status: "missed", visitDate: null, missedReason: "ill" }).where(eq(participantVisits.id, v.id));
        else if (to === "expected") await h.db.update(participantVisits).set({ status: "expected", visitDate: null, missedReason: null }).where(eq(participantVisits.id, v.id));
        else await h.db.execute(sql`update participant_visits set window_end = window_end + ${Math.floor(rand() * 60)}::int where id = ${v.id}`);
        ops.push(`visit ${to}`);
      } else if (op < 0.95) {
        // A site transfer: the participant's site and centre (what transferCommand writes to the participant).
        const [p] = await h.db.select().from(participants).where(eq(participants.id, participantId));
        const to = homes.find((x) => x.centreId !== p.centreId)!;
        await h.db.update(participants).set({ siteId: to.siteId, centreId: to.centreId }).where(eq(participants.id, participantId));
        ops.push("transfer");
      } else {
        // The week-6 event stops collecting the tumour form, then collects it again.
        await h.db.delete(crfEventForms).where(and(eq(crfEventForms.eventId, s.events.week6.id), eq(crfEventForms.formId, s.forms.tumour.formId)));
        await expectCountersEqualRecount(["2025-03-01", "2030-01-01"]);
        await h.db.insert(crfEventForms).values({ eventId: s.events.week6.id, formId: s.forms.tumour.formId, ordinal: 2 });
        ops.push("event forms");
      }
      if (step % 5 === 4) await expectCountersEqualRecount(["2025-01-10", "2025-02-20", "2025-04-15", "2030-01-01"]);
    }
    await expectCountersEqualRecount(["2024-12-31", "2025-01-10", "2025-02-20", "2025-04-15", "2030-01-01"]);
    expect(new Set(ops.map((o) => o.split(" ")[0]))).toEqual(new Set(["save", "verify", "unverify", "visit", "transfer", "event"]));
  });

  it("a recount from scratch (as for another time zone) leaves the counters as they were", async () => {
    const before = await queryRows(h.db, sql`select study_id, centre_id, kind, key, n from crf_completion_facts where n <> 0 order by 1, 2, 3, 4`);
    await h.db.execute(sql`select crf_completion_rebuild((select zone from crf_completion_settings where id = 1))`);
    expect(await queryRows(h.db, sql`select study_id, centre_id, kind, key, n from crf_completion_facts where n <> 0 order by 1, 2, 3, 4`)).toEqual(before);
    await expectCountersEqualRecount(["2030-01-01"]);
  });
});
