import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { crfFormInstances, dataQueries, participantVisits, visitDefinitions } from "@/db/schema";
import { getActor } from "@/lib/auth/actor";
import { saveFormCommand } from "@/lib/crf/commands/save-form";
import { unverifyFormCommand } from "@/lib/crf/commands/unverify-form";
import { verifyFormCommand } from "@/lib/crf/commands/verify-form";
import { studyCompletion } from "@/lib/crf/queries/completion";
import { formEntry } from "@/lib/crf/queries/form-entry";
import { valueHistory } from "@/lib/crf/queries/value-history";
import { answerQueryCommand } from "@/lib/followup/commands/answer-query";
import { closeQueryCommand } from "@/lib/followup/commands/close-query";
import { raiseQueryCommand } from "@/lib/followup/commands/raise-query";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { createCrfStudy, saveInput, type CrfStudy } from "@/lib/testing/crf-study";
import { expectOk, expectRefused } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { daysBetween, networkToday } from "@/lib/time/network-day";

const h = await setupTestDb();
const [RC1, RC20, MONITOR, PI, VIEWER, GH1] = ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo", "monitor@ncrc.demo", "pi@ncrc.demo", "viewer@ncrc.demo", "staff.gh1@ncrc.demo"];
const TABLES = ["crf_form_instances", "record_versions", "queries", "query_events", "notifications", "audit_events"];
let s: CrfStudy;
let other: CrfStudy;
let vitalsId: number;
let tumourId: number;

const me = async (email: string) => {
  await signInAs(h.db, email);
  return (await getActor())!;
};
async function refusedUnchanged(actor: string, command: Parameters<typeof runCommand>[1], input: unknown, fields?: string[]) {
  const before = await countRows(h.db, TABLES);
  const r = await runCommand(actor, command, input);
  expectRefused(r, fields);
  expect(await countRows(h.db, TABLES)).toEqual(before);
  return r;
}
const statusOf = async (id: number) => (await h.db.select().from(crfFormInstances).where(eq(crfFormInstances.id, id)))[0];

beforeAll(async () => {
  await seedBase(h.db);
  s = await createCrfStudy(h.db, "CRFV");
  other = await createCrfStudy(h.db, "CRFO", { monitor: null });
  // p1's baseline visit was done on 2025-01-05; p20's week-6 visit was missed.
  const def = async (code: string) => (await h.db.select().from(visitDefinitions).where(and(eq(visitDefinitions.protocolVersionId, s.pv.id), eq(visitDefinitions.code, code))))[0].id;
  await h.db.update(participantVisits).set({ status: "done", visitDate: "2025-01-05" }).where(and(eq(participantVisits.participantId, s.atR01.id), eq(participantVisits.visitDefinitionId, await def("BL"))));
  await h.db.update(participantVisits).set({ status: "missed", missedReason: "ill" }).where(and(eq(participantVisits.participantId, s.atR20.id), eq(participantVisits.visitDefinitionId, await def("W6"))));
  const p1 = s.atR01.id;
  vitalsId = expectOk(await runCommand(RC1, saveFormCommand, saveInput(s, { participantId: p1, event: "baseline", form: "vitals", values: { sex: "1", weight: "70", height: "175" }, complete: true }))).instanceId;
  expectOk(await runCommand(RC1, saveFormCommand, saveInput(s, { participantId: p1, event: "baseline", form: "vitals", expectedVersion: 1, values: { sex: "1", weight: "72", height: "175" }, complete: true, reason: "Source re-read" })));
  tumourId = expectOk(await runCommand(RC1, saveFormCommand, saveInput(s, { participantId: p1, event: "baseline", form: "tumour", values: { assessed: "1", lesions: [{ site: "lung", diameter: "20" }, { site: "liver", diameter: "30" }] } }))).instanceId;
  expectOk(await runCommand(RC20, saveFormCommand, saveInput(s, { participantId: s.atR20.id, event: "unscheduled", form: "vitals", values: { sex: "2" } })));
});

describe("source data verification of a form", () => {
  it("a monitor on the team verifies a complete form; it is then read-only for the site until reopened", async () => {
    await refusedUnchanged(MONITOR, verifyFormCommand, { instanceId: vitalsId, expectedVersion: 1 });
    await refusedUnchanged(MONITOR, verifyFormCommand, { instanceId: tumourId, expectedVersion: 1 });
    await refusedUnchanged(RC1, verifyFormCommand, { instanceId: vitalsId, expectedVersion: 2 });
    await refusedUnchanged(VIEWER, verifyFormCommand, { instanceId: vitalsId, expectedVersion: 2 });
    expect(expectOk(await runCommand(MONITOR, verifyFormCommand, { instanceId: vitalsId, expectedVersion: 2 }))).toMatchObject({ status: "verified" });
    expect(await statusOf(vitalsId)).toMatchObject({ status: "verified", verifiedBy: (await me(MONITOR)).id });
    await refusedUnchanged(MONITOR, verifyFormCommand, { instanceId: vitalsId, expectedVersion: 2 });
    await refusedUnchanged(RC1, saveFormCommand, saveInput(s, { participantId: s.atR01.id, event: "baseline", form: "vitals", expectedVersion: 2, values: { sex: "1", weight: "73", height: "175" }, complete: true, reason: "x" }));
    const entry = await formEntry(await me(RC1), { participantId: s.atR01.id, eventId: s.events.baseline.id, formId: s.forms.vitals.formId, repeat: 1 });
    expect(entry).toMatchObject({ canEdit: false, instance: { status: "verified" } });
  });

  it("a monitor of another study cannot verify; the verifier reopens the form", async () => {
    const theirs = expectOk(await runCommand(RC1, saveFormCommand, saveInput(other, { participantId: other.atR01.id, event: "baseline", form: "vitals", values: { sex: "1" }, complete: true }))).instanceId;
    await refusedUnchanged(MONITOR, verifyFormCommand, { instanceId: theirs, expectedVersion: 1 });
    await refusedUnchanged(MONITOR, unverifyFormCommand, { instanceId: tumourId, expectedVersion: 1 });
    expectOk(await runCommand(MONITOR, unverifyFormCommand, { instanceId: vitalsId, expectedVersion: 2, reason: "Site to correct the weight" }));
    expect(await statusOf(vitalsId)).toMatchObject({ status: "complete", verifiedBy: null, verifiedAt: null });
    expectOk(await runCommand(MONITOR, verifyFormCommand, { instanceId: vitalsId, expectedVersion: 2 }));
  });
});

describe("queries on CRF items", () => {
  it("the monitor raises a query on an item path, the site answers it, the monitor closes it", async () => {
    await refusedUnchanged(MONITOR, raiseQueryCommand, { entityType: "crf_form", entityId: vitalsId, field: "nowhere", question: "?" }, ["field"]);
    await refusedUnchanged(MONITOR, raiseQueryCommand, { entityType: "crf_form", entityId: tumourId, field: "lesions.11.diameter", question: "?" }, ["field"]);
    await refusedUnchanged(MONITOR, raiseQueryCommand, { entityType: "crf_form", entityId: tumourId, field: "diameter", question: "?" }, ["field"]);
    await refusedUnchanged(RC1, raiseQueryCommand, { entityType: "crf_form", entityId: vitalsId, field: "weight", question: "?" });
    const q = expectOk(await runCommand(MONITOR, raiseQueryCommand, { entityType: "crf_form", entityId: vitalsId, field: "weight", question: "Source says 71 kg?" }));
    expect(q.subjectCode).toBe(s.atR01.subjectCode);
    const row = expectOk(await runCommand(MONITOR, raiseQueryCommand, { entityType: "crf_form", entityId: tumourId, field: "lesions.2.diameter", question: "Check lesion 2" }));
    const entry = await formEntry(await me(MONITOR), { participantId: s.atR01.id, eventId: s.events.baseline.id, formId: s.forms.tumour.formId, repeat: 1 });
    expect(entry!.queries).toEqual([{ id: row.id, field: "lesions.2.diameter", status: "open" }]);
    await refusedUnchanged(RC1, answerQueryCommand, { queryId: q.id, answer: "Corrected", correctedValue: "71", reason: "source" }, ["correctedValue"]);
    await refusedUnchanged(RC20, answerQueryCommand, { queryId: q.id, answer: "Checked" });
    expectOk(await runCommand(RC1, answerQueryCommand, { queryId: q.id, answer: "72 kg is right: the source was re-read." }));
    expectOk(await runCommand(MONITOR, closeQueryCommand, { queryId: q.id }));
    const [closed] = await h.db.select().from(dataQueries).where(eq(dataQueries.id, q.id));
    expect(closed).toMatchObject({ status: "closed", entityType: "crf_form", entityId: vitalsId, field: "weight" });
  });
});

describe("reads: value history and completion figures", () => {
  it("gives each saved value of an item with who, when and why", async () => {
    const hist = await valueHistory(await me(RC1), vitalsId, "weight");
    expect(hist.map((e) => [e.version, e.value, e.reason, e.changedByName !== null])).toEqual([
      [1, "70.0", null, true],
      [2, "72.0", "Source re-read", true],
    ]);
    expect((await valueHistory(await me(RC1), tumourId, "lesions.2.diameter")).map((e) => e.value)).toEqual(["30"]);
    expect(await valueHistory(await me(RC20), vitalsId, "weight")).toEqual([]);
    expect(await valueHistory(await me(VIEWER), vitalsId, "weight")).toEqual([]);
  });

  it("counts forms expected, entered, complete and verified per study and site, as a hand count, for whoever sees the study", async () => {
    const today = networkToday();
    // Due: p1 BL (done) vitals + tumour, p1 W6 (overdue) vitals + tumour, p20 BL (overdue) vitals + tumour; p20 W6 missed.
    // Entered: p1 BL vitals (verified), p1 BL tumour (in progress), p20 unscheduled vitals (in progress, expected once entered).
    const d = daysBetween("2025-01-05", today);
    const expected = {
      study: { expected: 7, entered: 3, complete: 1, verified: 1, medianDaysToEntry: d },
      sites: [
        { centreCode: "R01", expected: 4, entered: 2, complete: 1, verified: 1, medianDaysToEntry: d },
        { centreCode: "R20", expected: 3, entered: 1, complete: 0, verified: 0, medianDaysToEntry: 0 },
      ],
    };
    for (const who of [PI, VIEWER, RC20, MONITOR]) {
      const c = await studyCompletion(await me(who), s.study.id, today);
      expect(c, who).toMatchObject(expected);
    }
    expect(await studyCompletion(await me(GH1), s.study.id, today)).toBeNull();
  });
});
