import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { crfEventForms, crfEvents, crfItems, crfRepeatingGroups, type CrfEvent } from "@/db/schema";
import type { FormDef } from "@/lib/crf/design";
import { createForm } from "@/lib/crf/store";
import { crfChoices, crfItem } from "@/lib/testing/crf-items";
import { createFollowupStudy } from "@/lib/testing/followup-study";

/** Vital signs: branching on sex, limits (hard and soft), missing codes, a calculated BMI, validations. */
export const VITALS_FORM: FormDef = {
  name: "vitals",
  label: { zh: "生命体征", en: "Vital signs" },
  items: [
    crfItem("sex", { type: "radio", choices: crfChoices("1", "2"), required: true, section: { zh: "基本信息", en: "Basics" } }),
    crfItem("pregnant", { type: "yesno", branchingLogic: '[sex] = "2"', required: true }),
    crfItem("weight", { type: "decimal", decimalPlaces: 1, unit: "kg", hardMin: "1", hardMax: "400", softMin: "30", softMax: "200", missingCodes: ["ND", "UNK"] }),
    crfItem("height", { type: "integer", unit: "cm", hardMin: "50", hardMax: "250" }),
    crfItem("bmi", { type: "calc", calculation: "round([weight] * 10000 / ([height] ^ 2), 1)" }),
    crfItem("visit_date", { type: "date", hardMax: "today" }),
    crfItem("email", { validation: "email" }),
  ],
};

/** Tumour assessment: target lesions as a repeating group (`lesions`, up to 10 rows) and their sum of diameters. */
export const TUMOUR_FORM: FormDef = {
  name: "tumour",
  label: { zh: "肿瘤评估", en: "Tumour assessment" },
  items: [
    crfItem("assessed", { type: "yesno", required: true }),
    crfItem("site", { type: "dropdown", choices: crfChoices("lung", "liver", "node") }),
    crfItem("diameter", { type: "integer", unit: "mm", hardMin: "1", hardMax: "500", softMax: "200" }),
    crfItem("short_axis", { type: "integer", unit: "mm", branchingLogic: '[site] = "node"' }),
    crfItem("sum_diameters", { type: "calc", calculation: "sum([diameter])" }),
  ],
};
export const LESION_ITEMS = ["site", "diameter", "short_axis"] as const;

/** Concomitant medications: one log entry per repeat. */
export const CONMED_FORM: FormDef = {
  name: "conmed",
  label: { zh: "合并用药", en: "Concomitant medication" },
  items: [crfItem("drug", { required: true }), crfItem("dose", { type: "decimal", unit: "mg" }), crfItem("started_on", { type: "date" })],
};

export type CrfTestForm = { formId: number; formVersionId: number };

/**
 * A recruiting single-arm study for data-entry tests, on the follow-up preset (schedule BL, W6,
 * W12; sites R01 and R20; one participant at each, `atR01` and `atR20`, enrolled `enrolledOn`
 * (2025-01-03 by default, so every visit window has closed); `monitor` on the team, the demo
 * monitor by default, none with null):
 *   events   baseline (scheduled, BL) and week6 (scheduled, W6): vitals + tumour;
 *            unscheduled (unscheduled): vitals; conmeds (log): conmed
 *   forms    VITALS_FORM, TUMOUR_FORM (with the repeating group `lesions`), CONMED_FORM
 * Written straight into the tables (the designer commands have their own tests).
 */
export async function createCrfStudy(db: Db, code: string, opts: { enrolledOn?: string; monitor?: string | null; pi?: string } = {}) {
  const monitor = opts.monitor === null ? undefined : (opts.monitor ?? "monitor@ncrc.demo");
  const t = await createFollowupStudy(db, code, { enrolledOn: opts.enrolledOn ?? "2025-01-03", monitor, pi: opts.pi });
  const piId = t.study.piUserId;
  const form = async (def: FormDef): Promise<CrfTestForm> => {
    const { formId, formVersion } = await createForm(db, piId, t.study.id, t.pv, def);
    return { formId, formVersionId: formVersion.id };
  };
  const forms = { vitals: await form(VITALS_FORM), tumour: await form(TUMOUR_FORM), conmed: await form(CONMED_FORM) };
  const [group] = await db.insert(crfRepeatingGroups).values({ formVersionId: forms.tumour.formVersionId, name: "lesions", labelZh: "靶病灶", labelEn: "Target lesions", maxRows: 10 }).returning();
  await db
    .update(crfItems)
    .set({ repeatingGroupId: group.id })
    .where(and(eq(crfItems.formVersionId, forms.tumour.formVersionId), inArray(crfItems.name, [...LESION_ITEMS])));
  const event = async (name: string, kind: CrfEvent["kind"], ordinal: number, visitCode: string | null, formIds: number[]): Promise<CrfEvent> => {
    const [e] = await db.insert(crfEvents).values({ studyId: t.study.id, name, kind, visitCode, ordinal, labelZh: `事件 ${name}`, labelEn: `Event ${name}` }).returning();
    await db.insert(crfEventForms).values(formIds.map((formId, i) => ({ eventId: e.id, formId, ordinal: i + 1 })));
    return e;
  };
  const events = {
    baseline: await event("baseline", "scheduled", 1, "BL", [forms.vitals.formId, forms.tumour.formId]),
    week6: await event("week6", "scheduled", 2, "W6", [forms.vitals.formId, forms.tumour.formId]),
    unscheduled: await event("unscheduled", "unscheduled", 3, null, [forms.vitals.formId]),
    conmeds: await event("conmeds", "log", 4, null, [forms.conmed.formId]),
  };
  return { ...t, forms, events };
}

export type CrfStudy = Awaited<ReturnType<typeof createCrfStudy>>;

/** The save command's input for a participant's form, with defaults (a new instance, in progress, nothing confirmed). */
export function saveInput(s: CrfStudy, o: { participantId: number; event: keyof CrfStudy["events"]; form: keyof CrfStudy["forms"]; repeat?: number; values?: Record<string, unknown>; missing?: Record<string, string>; complete?: boolean; reason?: string; confirmedSoft?: string[]; expectedVersion?: number; requestKey?: string }) {
  return {
    participantId: o.participantId,
    eventId: s.events[o.event].id,
    formId: s.forms[o.form].formId,
    repeat: o.repeat ?? 1,
    formVersionId: s.forms[o.form].formVersionId,
    expectedVersion: o.expectedVersion ?? 0,
    values: o.values ?? {},
    missing: o.missing ?? {},
    complete: o.complete ?? false,
    ...(o.reason === undefined ? {} : { reason: o.reason }),
    confirmedSoft: o.confirmedSoft ?? [],
    ...(o.requestKey === undefined ? {} : { requestKey: o.requestKey }),
  };
}
