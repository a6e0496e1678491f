import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { crfEvents, crfFormInstances, crfFormVersions, crfForms, users } from "@/db/schema";
import { importDictionaryCommand } from "@/lib/crf/commands/import-dictionary";
import { parseDictionaryCsv } from "@/lib/crf/dictionary/csv";
import { SAMPLE_DICTIONARY } from "@/lib/testing/crf-dictionary";
import { setupTestDb } from "@/lib/testing/db";
import { seedBase } from "@/lib/testing/fixtures";
import { insertTestParticipant } from "@/lib/testing/participants";
import { expectOk } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { createTestStudy } from "@/lib/testing/study-builder";

const h = await setupTestDb();
let base: Omit<typeof crfFormInstances.$inferInsert, "repeat">;

/** The error a statement fails with (drizzle wraps the database's error in `cause`). */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "no error";
  } catch (e) {
    const err = e as { message?: string; cause?: { message?: string } };
    return `${err.message ?? ""} ${err.cause?.message ?? ""}`;
  }
}

beforeAll(async () => {
  await seedBase(h.db);
  const { study } = await createTestStudy(h.db, { code: "CRF-DATA", status: "draft", design: "single_arm", sites: [["R01", 10]] });
  expectOk(await runCommand("pi@ncrc.demo", importDictionaryCommand, { studyId: study.id, rows: parseDictionaryCsv(SAMPLE_DICTIONARY).rows }));
  const participant = await insertTestParticipant(h.db, study, { centre: "R01", seq: 1 });
  const [event] = await h.db.insert(crfEvents).values({ studyId: study.id, name: "baseline", kind: "unscheduled", ordinal: 1, labelZh: "基线", labelEn: "Baseline" }).returning();
  const [form] = await h.db.select().from(crfForms).where(eq(crfForms.name, "demographics"));
  const [fv] = await h.db.select().from(crfFormVersions).where(eq(crfFormVersions.formId, form.id));
  const [staff] = await h.db.select().from(users).where(eq(users.email, "staff.rc1@ncrc.demo"));
  base = { participantId: participant.id, studyId: study.id, eventId: event.id, formId: form.id, formVersionId: fv.id, enteredBy: staff.id };
});

describe("form instances: one row per participant × event × form × repeat, values apart from missing codes", () => {
  it("keeps one instance per participant, event, form and repeat", async () => {
    await h.db.insert(crfFormInstances).values({ ...base, repeat: 1, values: { weight: "70.5", drugs: ["1", "3"] }, missing: { height: "UNK" } });
    expect(await failure(h.db.insert(crfFormInstances).values({ ...base, repeat: 1 }))).toMatch(/crf_form_instances_uq/);
    await h.db.insert(crfFormInstances).values({ ...base, repeat: 2 });
    const rows = await h.db.select().from(crfFormInstances).where(eq(crfFormInstances.participantId, base.participantId));
    expect(rows.map((r) => [r.repeat, r.values, r.missing])).toEqual([
      [1, { weight: "70.5", drugs: ["1", "3"] }, { height: "UNK" }],
      [2, {}, {}],
    ]);
  });

  it("refuses repeat 0 and values that are not an object", async () => {
    expect(await failure(h.db.insert(crfFormInstances).values({ ...base, repeat: 0 }))).toMatch(/crf_form_instances_repeat_ck/);
    expect(await failure(h.db.insert(crfFormInstances).values({ ...base, repeat: 3, values: ["70"] as unknown as Record<string, unknown> }))).toMatch(/crf_form_instances_values_ck/);
  });

  it("ties a scheduled event to a visit code, and only a scheduled one", async () => {
    const e = { studyId: base.studyId, ordinal: 2, labelZh: "x", labelEn: "x" };
    expect(await failure(h.db.insert(crfEvents).values({ ...e, name: "w6", kind: "scheduled" }))).toMatch(/crf_events_visit_ck/);
    expect(await failure(h.db.insert(crfEvents).values({ ...e, name: "cm_log", kind: "log", visitCode: "W6" }))).toMatch(/crf_events_visit_ck/);
    expect(await failure(h.db.insert(crfEvents).values({ ...e, name: "Bad Name", kind: "log" }))).toMatch(/crf_events_name_ck/);
    await h.db.insert(crfEvents).values({ ...e, name: "w6", kind: "scheduled", visitCode: "W6" });
  });
});
