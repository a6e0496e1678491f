import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { crfForms, studies } from "@/db/schema";
import type { ChoiceDef, FormDef, ItemDef } from "@/lib/crf/design";
import { createForm } from "@/lib/crf/store";
import { loadCurrentVersion } from "@/lib/studies/protocol-version";

/**
 * The visit assessment: ECOG, weight and RECIST response of a scheduled visit, a standard form
 * of every study attached to each of its scheduled events. The visit itself
 * (participant_visits) keeps the schedule facts — status, date, window, missed reason — that
 * drive windows, overdue lists and the dashboards; the assessment has one home, this form, with
 * the form page's rules, history, item queries and verification. Migration
 * 0027_visit_assessment_data moved the visits' former fixed fields into it with the same
 * design, written in SQL (held to this one by lib/crf/visit-assessment-migration.test.ts).
 */
export const VISIT_ASSESSMENT_FORM = "visit_assessment";

const choices = (...c: [code: string, zh: string, en: string][]): ChoiceDef[] => c.map(([code, zh, en]) => ({ code, label: { zh, en } }));

function item(name: string, over: Partial<ItemDef> & Pick<ItemDef, "type" | "label">): ItemDef {
  return {
    name,
    validation: null,
    section: null,
    note: null,
    unit: null,
    decimalPlaces: null,
    required: false,
    identifier: false,
    hardMin: null,
    hardMax: null,
    softMin: null,
    softMax: null,
    branchingLogic: null,
    calculation: null,
    choices: [],
    sliderLabels: null,
    sliderShowNumber: false,
    missingCodes: [],
    matrixGroup: null,
    matrixRanking: false,
    alignment: null,
    questionNumber: null,
    annotation: null,
    ...over,
  };
}

export const ECOG_CHOICES = choices(
  ["0", "0 – 活动完全正常，无任何限制", "0 – Fully active, no restrictions"],
  ["1", "1 – 剧烈活动受限，可从事轻体力工作", "1 – Restricted in strenuous activity, able to do light work"],
  ["2", "2 – 生活自理，不能工作，卧床时间少于一半", "2 – Ambulatory and capable of self-care, unable to work, up more than half of waking hours"],
  ["3", "3 – 生活仅部分自理，卧床时间超过一半", "3 – Capable of limited self-care, in bed or chair more than half of waking hours"],
  ["4", "4 – 完全失能，完全卧床", "4 – Completely disabled, totally confined to bed or chair"],
  ["5", "5 – 死亡", "5 – Dead"],
);

export const RECIST_CHOICES = choices(
  ["CR", "CR 完全缓解", "CR complete response"],
  ["PR", "PR 部分缓解", "PR partial response"],
  ["SD", "SD 疾病稳定", "SD stable disease"],
  ["PD", "PD 疾病进展", "PD progressive disease"],
  ["NE", "NE 无法评价", "NE not evaluable"],
);

export const VISIT_ASSESSMENT_DEF: FormDef = {
  name: VISIT_ASSESSMENT_FORM,
  label: { zh: "访视评估", en: "Visit assessment" },
  items: [
    item("visit_date", {
      type: "date",
      validation: "date_ymd",
      label: { zh: "评估日期", en: "Date of assessment" },
      note: { zh: "即访视日期。", en: "The date of the visit." },
      section: { zh: "访视评估", en: "Visit assessment" },
      required: true,
      hardMax: "today",
    }),
    item("ecog", { type: "radio", label: { zh: "ECOG 体能状态", en: "ECOG performance status" }, choices: ECOG_CHOICES, missingCodes: ["ND"] }),
    item("weight_kg", { type: "decimal", validation: "number_1dp", decimalPlaces: 1, unit: "kg", label: { zh: "体重", en: "Weight" }, hardMin: "1", hardMax: "400", missingCodes: ["ND"] }),
    item("recist", { type: "radio", label: { zh: "肿瘤疗效（RECIST 1.1）", en: "Tumour response (RECIST 1.1)" }, choices: RECIST_CHOICES, missingCodes: ["ND", "NA"] }),
  ],
};

/** The visit's former fixed fields (record_versions of entity 'visit', queries' field names) and the items they became. */
export const VISIT_FIELD_ITEMS = { visitDate: "visit_date", ecog: "ecog", weightKg: "weight_kg", tumourResponse: "recist" } as const;

/**
 * Gives the study the visit assessment form (under its protocol version in force, created by its
 * PI) when it has none, and attaches it to every scheduled event that lacks it (last on the
 * event). Idempotent; returns the form's id, whether it was made and on how many events it was attached. Used by the demo seed and by
 * sync-scheduled-events (every scheduled event it makes collects the assessment). No amendment of
 * its own: the form is the standard form of every study, as the fixed visit fields were.
 */
export async function ensureVisitAssessmentForm(tx: Db, studyId: number): Promise<{ formId: number; created: boolean; attached: number }> {
  const [study] = await tx.select({ id: studies.id, currentProtocolVersion: studies.currentProtocolVersion, piUserId: studies.piUserId }).from(studies).where(eq(studies.id, studyId));
  if (!study) throw new Error(`no study ${studyId}`);
  const [existing] = await tx.select({ id: crfForms.id }).from(crfForms).where(and(eq(crfForms.studyId, studyId), eq(crfForms.name, VISIT_ASSESSMENT_FORM)));
  const formId = existing ? existing.id : (await createForm(tx, study.piUserId, study.id, await loadCurrentVersion(tx, study), VISIT_ASSESSMENT_DEF)).formId;
  const attached = await queryRows<{ id: number }>(
    tx,
    sql`insert into crf_event_forms (event_id, form_id, ordinal)
        select e.id, ${formId}::int, coalesce((select max(x.ordinal) from crf_event_forms x where x.event_id = e.id), 0) + 1
        from crf_events e
        where e.study_id = ${studyId} and e.kind = 'scheduled' and not exists (select 1 from crf_event_forms x where x.event_id = e.id and x.form_id = ${formId})
        order by e.ordinal, e.id
        on conflict do nothing
        returning id`,
  );
  return { formId, created: !existing, attached: attached.length };
}
