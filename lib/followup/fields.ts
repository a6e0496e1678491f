import { z } from "zod";
import { aeAction, aeCategory, aeOutcome, aeRelatedness, tumourResponse, type ClinicalEntity } from "@/db/schema";

export { idField, reasonField } from "@/lib/validation/fields";
export { dayField } from "@/lib/studies/fields";
export { todayInNetwork } from "@/lib/enrolment/fields";

export const SERIOUS_CRITERIA = ["death", "life_threatening", "hospitalisation", "disability", "congenital_anomaly", "other_important"] as const;

/** "" (an empty form field) and null both mean "no value". */
const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isRealDay = (v: string) => DAY.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

export const optionalDay = z.preprocess(
  blankToNull,
  z.string().trim().refine(isRealDay, { message: "studies.validation.date" }).nullable(),
);
export const requiredDay = z.string({ message: "validation.required" }).trim().refine(isRealDay, { message: "studies.validation.date" });

export const optionalText = (max: number) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : blankToNull(v)), z.string().trim().max(max).nullable());

/** A reason for change: optional in the schema, required by the handler once a record has a saved version. */
export const changeReasonField = z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().max(500).optional());

/**
 * A moment the site states (awareness of an AE): "YYYY-MM-DDTHH:mm" from a datetime-local input
 * is China Standard Time (+08:00); a full ISO string (a stored value) is taken as written.
 */
export const networkDateTime = z
  .string({ message: "validation.required" })
  .trim()
  .transform((v, ctx) => {
    const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v);
    const t = Date.parse(local ? `${v}${v.length === 16 ? ":00" : ""}+08:00` : v);
    if (!v || Number.isNaN(t)) {
      ctx.addIssue({ code: "custom", message: v ? "followup.validation.dateTime" : "validation.required" });
      return z.NEVER;
    }
    return new Date(t).toISOString();
  });

/** The same moment as a datetime-local value in China Standard Time. */
export function toNetworkLocal(iso: string | Date): string {
  const t = typeof iso === "string" ? Date.parse(iso) : iso.getTime();
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16);
}

export const visitValuesShape = {
  status: z.enum(["done", "missed"], { message: "validation.required" }),
  visitDate: optionalDay,
  ecog: z.preprocess(blankToNull, z.coerce.number().int({ message: "validation.invalid" }).min(0).max(5).nullable()),
  weightKg: z.preprocess(blankToNull, z.coerce.number({ message: "validation.invalid" }).min(1).max(400).nullable()),
  tumourResponse: z.preprocess(blankToNull, z.enum(tumourResponse.enumValues, { message: "validation.invalid" }).nullable()),
  missedReason: optionalText(500),
};
export const visitValuesSchema = z.object(visitValuesShape);
export type VisitValues = z.infer<typeof visitValuesSchema>;

const criteriaList = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : String(v).split(",").map((s) => s.trim()).filter(Boolean)),
  z.array(z.enum(SERIOUS_CRITERIA, { message: "validation.invalid" })).max(SERIOUS_CRITERIA.length),
);

export const aeValuesShape = {
  term: z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }).max(200),
  category: z.enum(aeCategory.enumValues, { message: "validation.required" }),
  grade: z.coerce.number({ message: "validation.required" }).int({ message: "validation.invalid" }).min(1).max(5),
  onsetOn: requiredDay,
  endedOn: optionalDay,
  seriousCriteria: criteriaList,
  relatedness: z.enum(aeRelatedness.enumValues, { message: "validation.required" }),
  actionTaken: z.enum(aeAction.enumValues, { message: "validation.required" }),
  outcome: z.enum(aeOutcome.enumValues, { message: "validation.required" }),
  awareAt: networkDateTime,
};
export const aeValuesSchema = z.object(aeValuesShape);
export type AeValues = z.infer<typeof aeValuesSchema>;

export const participantValuesShape = {
  yearOfBirth: z.coerce.number({ message: "validation.required" }).int({ message: "validation.invalid" }).min(1900, { message: "enrolment.validation.yearOfBirth" }),
  sex: z.enum(["female", "male"], { message: "validation.required" }),
};
export const participantValuesSchema = z.object(participantValuesShape);
export type ParticipantValues = z.infer<typeof participantValuesSchema>;

/** The fields of each record a query may point at (and an answer may correct). */
export const QUERYABLE_FIELDS: Record<ClinicalEntity, readonly string[]> = {
  participant: Object.keys(participantValuesShape),
  visit: Object.keys(visitValuesShape),
  adverse_event: Object.keys(aeValuesShape),
};

export function isQueryableField(entity: ClinicalEntity, field: string): boolean {
  return QUERYABLE_FIELDS[entity].includes(field);
}
