import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, crfFormInstances, crfFormVersions, dataQueries, notifications, protocolVersions, queryEvents, recordVersions, studies } from "@/db/schema";
import { getActor } from "@/lib/auth/actor";
import { saveFormCommand } from "@/lib/crf/commands/save-form";
import { formEntry, participantFormGrid } from "@/lib/crf/queries/form-entry";
import { answerQueryCommand } from "@/lib/followup/commands/answer-query";
import { closeQueryCommand } from "@/lib/followup/commands/close-query";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { writeFormContent } from "@/lib/crf/store";
import { createCrfStudy, saveInput, VITALS_FORM, type CrfStudy } from "@/lib/testing/crf-study";
import { crfItem } from "@/lib/testing/crf-items";
import { expectOk, expectRefused } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { translate } from "@/lib/i18n/translate";

const h = await setupTestDb();
const [RC1, RC20, MONITOR, PI, VIEWER, COORD, ADMIN] = ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo", "monitor@ncrc.demo", "pi@ncrc.demo", "viewer@ncrc.demo", "coord.rc1@ncrc.demo", "admin@ncrc.demo"];
const TABLES = ["crf_form_instances", "record_versions", "queries", "query_events", "notifications", "audit_events"];
let s: CrfStudy;
let p1: number;
let p20: number;

const me = async (email: string) => {
  await signInAs(h.db, email);
  return (await getActor())!;
};
const instanceOf = async (participantId: number, eventId: number, formId: number, repeat = 1) => {
  const [i] = await h.db
    .select()
    .from(crfFormInstances)
    .where(and(eq(crfFormInstances.participantId, participantId), eq(crfFormInstances.eventId, eventId), eq(crfFormInstances.formId, formId), eq(crfFormInstances.repeat, repeat)));
  return i ?? null;
};
const versionsOf = (instanceId: number) => h.db.select().from(recordVersions).where(and(eq(recordVersions.entityType, "crf_form"), eq(recordVersions.entityId, instanceId))).orderBy(recordVersions.version);

/** A refused save: refused on `fields` (when given), and nothing written. */
async function refusedUnchanged(actor: string | null, input: unknown, fields?: string[]) {
  const before = await countRows(h.db, TABLES);
  const r = await runCommand(actor, saveFormCommand, input);
  expectRefused(r, fields);
  expect(await countRows(h.db, TABLES)).toEqual(before);
  return r;
}

beforeAll(async () => {
  await seedBase(h.db);
  s = await createCrfStudy(h.db, "CRFE");
  p1 = s.atR01.id;
  p20 = s.atR20.id;
});

describe("saving a form: the server is the authority", () => {
  it("saves a new form: values normalised, a hidden item's value dropped, a forged calculation recomputed, version 1 with its audit event", async () => {
    const r = expectOk(
      await runCommand(RC1, saveFormCommand, saveInput(s, { participantId: p1, event: "baseline", form: "vitals", values: { sex: "1", pregnant: "1", weight: "70", height: "+175", bmi: "99.9", email: "" }, missing: {} })),
    );
    expect(r).toMatchObject({ version: 1, status: "in_progress", raisedQueries: 0, next: { eventId: s.events.baseline.id, formId: s.forms.tumour.formId, repeat: 1 } });
    const inst = await instanceOf(p1, s.events.baseline.id, s.forms.vitals.formId);
    expect(inst.values).toEqual({ sex: "1", weight: "70.0", height: "175", bmi: "22.9" });
    expect(inst).toMatchObject({ id: r.instanceId, version: 1, formVersionId: s.forms.vitals.formVersionId, status: "in_progress" });
    expect(inst.eventDate).not.toBeNull();
    const [v1] = await versionsOf(inst.id);
    expect(v1).toMatchObject({ version: 1, reason: null, changedFields: [], participantId: p1 });
    const [event] = await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "crf_form"), eq(auditEvents.entityId, String(inst.id))));
    expect(event.action).toBe("crf.form.entered");
    expect(event.after).toMatchObject({ values: { sex: "1", weight: "70.0", height: "175", bmi: "22.9" }, dropped: ["pregnant"], version: 1 });
  });

  it("refuses a hard-limit breach, an item not in the form, a missing code the item does not allow: nothing written", async () => {
    const base = { participantId: p20, event: "baseline" as const, form: "vitals" as const };
    await refusedUnchanged(RC20, saveInput(s, { ...base, values: { weight: "401" } }), ["weight"]);
    await refusedUnchanged(RC20, saveInput(s, { ...base, values: { weight: "70", nowhere: "1" } }), ["nowhere"]);
    await refusedUnchanged(RC20, saveInput(s, { ...base, values: { drug: "aspirin" } }), ["drug"]);
    await refusedUnchanged(RC20, saveInput(s, { ...base, missing: { height: "ND" } }), ["height"]);
    await refusedUnchanged(RC20, saveInput(s, { ...base, values: { visit_date: "2999-01-01", email: "not-mail", height: "1.5" } }), ["visit_date", "email", "height"]);
    expect(await instanceOf(p20, s.events.baseline.id, s.forms.vitals.formId)).toBeNull();
  });

  it("refuses another form's version, an event that does not collect the form, a second entry of a scheduled visit", async () => {
    await refusedUnchanged(RC20, { ...saveInput(s, { participantId: p20, event: "baseline", form: "vitals", values: { weight: "70" } }), formVersionId: s.forms.tumour.formVersionId });
    await refusedUnchanged(RC20, saveInput(s, { participantId: p20, event: "conmeds", form: "vitals", values: { weight: "70" } }));
    await refusedUnchanged(RC20, saveInput(s, { participantId: p20, event: "baseline", form: "vitals", repeat: 2, values: { weight: "70" } }), ["repeat"]);
  });

  it("answers another site's participant, the viewer, a coordinator, a monitor and a signed-out caller with a refusal, writing nothing", async () => {
    const input = saveInput(s, { participantId: p20, event: "baseline", form: "vitals", values: { weight: "70" } });
    const r = await refusedUnchanged(RC1, input);
    expect(r.ok ? "" : r.message).toBe(translate(null, "errors.notFound"));
    for (const who of [VIEWER, COORD, MONITOR, ADMIN, null]) await refusedUnchanged(who, input);
  });

  it("needs a reason to change a saved value, refuses a stale version, and keeps each save as a version with its changed paths", async () => {
    const inst = (await instanceOf(p1, s.events.baseline.id, s.forms.vitals.formId))!;
    const change = saveInput(s, { participantId: p1, event: "baseline", form: "vitals", expectedVersion: 1, values: { sex: "1", weight: "72", height: "175" } });
    await refusedUnchanged(RC1, change, ["reason"]);
    await refusedUnchanged(RC1, { ...change, expectedVersion: 0, reason: "typo" });
    await refusedUnchanged(RC1, { ...change, expectedVersion: 2, reason: "typo" });
    // Adding a value to an empty item needs no reason.
    const added = expectOk(await runCommand(RC1, saveFormCommand, saveInput(s, { participantId: p1, event: "baseline", form: "vitals", expectedVersion: 1, values: { sex: "1", weight: "70", height: "175", email: "a@b.cn" } })));
    expect(added.version).toBe(2);
    const changed = expectOk(await runCommand(RC1, saveFormCommand, { ...change, expectedVersion: 2, values: { ...change.values, email: "a@b.cn" }, reason: "Transcription error" }));
    expect(changed.version).toBe(3);
    const versions = await versionsOf(inst.id);
    expect(versions.map((v) => [v.version, v.changedFields, v.reason])).toEqual([
      [1, [], null],
      [2, ["email"], "补充录入 / Values added"],
      [3, ["bmi", "weight"], "Transcription error"],
    ]);
    expect(versions[2].values).toMatchObject({ values: { weight: "72.0", bmi: "23.5" } });
    const [audit] = await h.db.select().from(auditEvents).where(and(eq(auditEvents.action, "crf.form.changed"), eq(auditEvents.entityId, String(inst.id)))).orderBy(sql`id desc`).limit(1);
    expect(audit.before).toEqual({ values: { bmi: "22.9", weight: "70.0" }, status: "in_progress", version: 2 });
    expect(audit.reason).toBe("Transcription error");
    // Saving the same again changes nothing.
    await refusedUnchanged(RC1, { ...change, expectedVersion: 3, values: { ...change.values, email: "a@b.cn" }, reason: "again" });
  });

  it("refuses an unconfirmed soft-limit breach with the soft-limit message; confirmed, saves it and raises one query on the item", async () => {
    const input = saveInput(s, { participantId: p20, event: "baseline", form: "vitals", values: { sex: "2", pregnant: "0", weight: "250", height: "180" } });
    const r = await refusedUnchanged(RC20, input, ["weight"]);
    expect(r.ok ? null : r.fieldErrors?.weight).toEqual([translate(null, "crf.entry.errors.softLimit")]);
    const ok = expectOk(await runCommand(RC20, saveFormCommand, { ...input, confirmedSoft: ["weight"] }));
    expect(ok.raisedQueries).toBe(1);
    const qs = await h.db.select().from(dataQueries).where(and(eq(dataQueries.entityType, "crf_form"), eq(dataQueries.entityId, ok.instanceId)));
    expect(qs.map((q) => [q.field, q.status, q.participantId])).toEqual([["weight", "open", p20]]);
    const [raised] = await h.db.select().from(queryEvents).where(eq(queryEvents.queryId, qs[0].id));
    expect(raised.body).toContain("250");
    expect(raised.body).toContain("30 – 200");
    expect(raised.body).toMatch(/超出预期范围[\s\S]*outside the expected range/);
    // Owned by the study's PI, who closes it once the site answered; the monitor and the PI are told.
    expect(qs[0].raisedBy).toBe((await me(PI)).id);
    expect(raised.authorId).toBe((await me(RC20)).id);
    const told = await h.db.select().from(notifications).where(and(eq(notifications.entityType, "query"), eq(notifications.entityId, qs[0].id)));
    expect(told.map((n) => n.userId).sort()).toEqual([(await me(PI)).id, (await me(MONITOR)).id].sort());
    expectOk(await runCommand(RC20, answerQueryCommand, { queryId: qs[0].id, answer: "Checked: 250 kg is on the source." }));
    expectOk(await runCommand(PI, closeQueryCommand, { queryId: qs[0].id }));
    // The same value saved again (another item changed) raises no second query.
    const again = expectOk(await runCommand(RC20, saveFormCommand, { ...input, expectedVersion: 1, values: { ...input.values, email: "x@y.cn" }, confirmedSoft: ["weight"] }));
    expect(again.raisedQueries).toBe(0);
  });

  it("checks required items only when the form is marked complete", async () => {
    const input = saveInput(s, { participantId: p1, event: "week6", form: "vitals", values: { sex: "2" } });
    await refusedUnchanged(RC1, { ...input, complete: true }, ["pregnant"]);
    const r = expectOk(await runCommand(RC1, saveFormCommand, { ...input, values: { sex: "2" }, missing: {}, complete: false }));
    expect(r.status).toBe("in_progress");
    const done = expectOk(await runCommand(RC1, saveFormCommand, { ...input, expectedVersion: 1, values: { sex: "2", pregnant: "0" }, complete: true }));
    expect(done.status).toBe("complete");
  });

  it("saves a repeating group row by row with its sum, and refuses a bad row by its path", async () => {
    const input = saveInput(s, {
      participantId: p1,
      event: "baseline",
      form: "tumour",
      values: { assessed: "1", sum_diameters: "1", lesions: [{ site: "lung", diameter: "25", short_axis: "9" }, { site: "node", diameter: "12", short_axis: "11" }] },
    });
    await refusedUnchanged(RC1, { ...input, values: { ...input.values, lesions: [{ site: "lung", diameter: "600" }] } }, ["lesions.1.diameter"]);
    const r = expectOk(await runCommand(RC1, saveFormCommand, input));
    const inst = await instanceOf(p1, s.events.baseline.id, s.forms.tumour.formId);
    expect(inst.values).toEqual({ assessed: "1", sum_diameters: "37", lesions: [{ site: "lung", diameter: "25" }, { site: "node", diameter: "12", short_axis: "11" }] });
    expect(r.next).toEqual({ eventId: s.events.week6.id, formId: s.forms.vitals.formId, repeat: 1 });
  });

  it("runs a double submit with the same request key once", async () => {
    const input = saveInput(s, { participantId: p1, event: "conmeds", form: "conmed", values: { drug: "Aspirin", dose: "100" }, requestKey: "crf-entry-key-0000000001" });
    const before = await countRows(h.db, TABLES);
    const [a, b] = [await runCommand(RC1, saveFormCommand, input), await runCommand(RC1, saveFormCommand, input)];
    expect(expectOk(b)).toEqual(expectOk(a));
    const after = await countRows(h.db, TABLES);
    expect(after.crf_form_instances - before.crf_form_instances).toBe(1);
    expect(after.record_versions - before.record_versions).toBe(1);
    // A log takes more entries: the next repeat is a new instance.
    const second = expectOk(await runCommand(RC1, saveFormCommand, saveInput(s, { participantId: p1, event: "conmeds", form: "conmed", repeat: 2, values: { drug: "Omeprazole" } })));
    expect(second.version).toBe(1);
  });

  it("lets the study's PI enter for any of the study's participants", async () => {
    const r = expectOk(await runCommand(PI, saveFormCommand, saveInput(s, { participantId: p20, event: "unscheduled", form: "vitals", values: { sex: "1", weight: "80" } })));
    expect(r.version).toBe(1);
  });
});

describe("reading a form for entry", () => {
  it("gives the site its participant's form with what it may do; another site, the viewer and a coordinator elsewhere get nothing", async () => {
    const key = { participantId: p1, eventId: s.events.baseline.id, formId: s.forms.vitals.formId, repeat: 1 };
    const e = await formEntry(await me(RC1), key);
    expect(e).toMatchObject({
      participant: { id: p1, subjectCode: s.atR01.subjectCode, studyCode: "CRFE" },
      event: { name: "baseline", kind: "scheduled" },
      form: { formId: s.forms.vitals.formId, formVersionId: s.forms.vitals.formVersionId, version: 1, name: "vitals" },
      instance: { version: 3, status: "in_progress", values: { weight: "72.0" } },
      canEdit: true,
      canVerify: false,
      canRaiseQuery: false,
      next: { eventId: s.events.baseline.id, formId: s.forms.tumour.formId, repeat: 1 },
    });
    expect(e!.otherEvents.baseline).toMatchObject({ assessed: "1", sum_diameters: "37" });
    expect(e!.otherEvents.week6).toMatchObject({ sex: "2", pregnant: "0" });
    expect(await formEntry(await me(RC20), key)).toBeNull();
    expect(await formEntry(await me(VIEWER), key)).toBeNull();
    const m = await formEntry(await me(MONITOR), key);
    expect(m).toMatchObject({ canEdit: false, canVerify: false, canRaiseQuery: true });
    const fresh = await formEntry(await me(RC1), { ...key, eventId: s.events.week6.id, formId: s.forms.tumour.formId });
    expect(fresh).toMatchObject({ instance: null, form: { groups: [{ name: "lesions", items: ["site", "diameter", "short_axis"], maxRows: 10 }] } });
    expect(await formEntry(await me(RC1), { ...key, repeat: 2 })).toBeNull();
    expect(await formEntry(await me(RC1), { ...key, eventId: s.events.conmeds.id })).toBeNull();
  });

  it("lists the participant's events × forms with statuses, repeats of a log and open queries", async () => {
    const g = await participantFormGrid(await me(RC20), p20);
    expect(g!.events.map((e) => [e.name, e.forms.map((f) => `${f.name}#${f.repeat}:${f.status}:${f.openQueries}`)])).toEqual([
      ["baseline", ["vitals#1:in_progress:0", "tumour#1:not_started:0"]],
      ["week6", ["vitals#1:not_started:0", "tumour#1:not_started:0"]],
      ["unscheduled", ["vitals#1:in_progress:0", "vitals#2:not_started:0"]],
      ["conmeds", ["conmed#1:not_started:0"]],
    ]);
    expect(await participantFormGrid(await me(RC1), p20)).toBeNull();
    expect(await participantFormGrid(await me(VIEWER), p20)).toBeNull();
    const pi = await participantFormGrid(await me(PI), p1);
    expect(pi!.events.find((e) => e.name === "conmeds")!.forms.map((f) => f.repeat)).toEqual([1, 2, 3]);
  });
});

describe("after an amendment", () => {
  it("an instance keeps its form version (an item added later is refused there); a new instance takes the version in force", async () => {
    const [pv2] = await h.db.insert(protocolVersions).values({ studyId: s.study.id, version: 2, effectiveDate: "2025-06-01", reason: "Add waist", targetEnrolment: 1000, createdBy: s.study.piUserId }).returning();
    const [v2] = await h.db.insert(crfFormVersions).values({ formId: s.forms.vitals.formId, version: 2, protocolVersionId: pv2.id, createdBy: s.study.piUserId }).returning();
    await writeFormContent(h.db, v2.id, { ...VITALS_FORM, items: [...VITALS_FORM.items, crfItem("waist", { type: "integer", unit: "cm" })] });
    await h.db.update(studies).set({ currentProtocolVersion: 2 }).where(eq(studies.id, s.study.id));
    const kept = (await instanceOf(p1, s.events.baseline.id, s.forms.vitals.formId))!;
    const old = saveInput(s, { participantId: p1, event: "baseline", form: "vitals", expectedVersion: kept.version, values: { ...kept.values, waist: "80" } });
    await refusedUnchanged(RC1, old, ["waist"]);
    await refusedUnchanged(RC1, { ...old, formVersionId: v2.id });
    const fresh = saveInput(s, { participantId: p20, event: "week6", form: "vitals", values: { sex: "1", waist: "90" } });
    await refusedUnchanged(RC20, fresh);
    const r = expectOk(await runCommand(RC20, saveFormCommand, { ...fresh, formVersionId: v2.id }));
    const inst = await instanceOf(p20, s.events.week6.id, s.forms.vitals.formId);
    expect(inst).toMatchObject({ id: r.instanceId, formVersionId: v2.id, values: { sex: "1", waist: "90" } });
    const e = await formEntry(await me(RC1), { participantId: p1, eventId: s.events.baseline.id, formId: s.forms.vitals.formId, repeat: 1 });
    expect(e!.form).toMatchObject({ formVersionId: s.forms.vitals.formVersionId, version: 1 });
    expect(e!.form.items.map((i) => i.name)).not.toContain("waist");
  });
});
