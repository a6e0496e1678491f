import { z } from "zod";
import { AE_ACTIONS, AE_CATEGORIES, AE_OUTCOMES, AE_RELATEDNESS, AE_SERIOUS_CRITERIA, PARTICIPANT_SEXES, TUMOUR_RESPONSES, type ClinicalEntity } from "@/lib/enums";
import {
  CLINICAL_DAY,
  dayField,
  decimalField,
  intField,
  listOf,
  networkDateTimeField,
  optionalDayField,
  optionalTextField,
  TEXT_LIMITS,
  textField,
} from "@/lib/validation/fields";
import { yearOfBirthField } from "@/lib/validation/years";
import { QUERYABLE_FIELDS } from "@/lib/followup/queryable";

type Queryable<E extends ClinicalEntity> = (typeof QUERYABLE_FIELDS)[E][number];

/** "" (an empty form field) and null both mean "no value". */
const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

/** A reason for change: optional in the schema, required by the handler once a record has a saved version. */
export const changeReasonField = optionalTextField({ max: TEXT_LIMITS.reason });

export const visitValuesShape = {
  status: z.enum(["done", "missed"], { message: "validation.required" }),
  visitDate: optionalDayField(CLINICAL_DAY),
  ecog: z.preprocess(blankToNull, intField({ min: 0, max: 5 }).nullable()),
  weightKg: z.preprocess(blankToNull, decimalField({ min: 1, max: 400, decimals: 1 }).nullable()),
  tumourResponse: z.preprocess(blankToNull, z.enum(TUMOUR_RESPONSES, { message: "validation.invalid" }).nullable()),
  missedReason: optionalTextField({ max: TEXT_LIMITS.reason }),
} satisfies Record<Queryable<"visit">, z.ZodType>;
export const visitValuesSchema = z.object(visitValuesShape);
export type VisitValues = z.infer<typeof visitValuesSchema>;

/** Ticked criteria from a form (a list), or one corrected value "death,hospitalisation" (a query answer). */
const criteriaList = z.preprocess(
  (v) => (v === null || v === "" ? [] : typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v),
  listOf(z.enum(AE_SERIOUS_CRITERIA, { message: "validation.invalid" }), AE_SERIOUS_CRITERIA.length),
);

export const aeValuesShape = {
  term: textField({ max: 200 }),
  category: z.enum(AE_CATEGORIES, { message: "validation.required" }),
  grade: intField({ min: 1, max: 5 }),
  onsetOn: dayField(CLINICAL_DAY),
  endedOn: optionalDayField(CLINICAL_DAY),
  seriousCriteria: criteriaList,
  relatedness: z.enum(AE_RELATEDNESS, { message: "validation.required" }),
  actionTaken: z.enum(AE_ACTIONS, { message: "validation.required" }),
  outcome: z.enum(AE_OUTCOMES, { message: "validation.required" }),
  awareAt: networkDateTimeField(CLINICAL_DAY),
} satisfies Record<Queryable<"adverse_event">, z.ZodType>;
export const aeValuesSchema = z.object(aeValuesShape);
export type AeValues = z.infer<typeof aeValuesSchema>;

export const participantValuesShape = {
  yearOfBirth: yearOfBirthField,
  sex: z.enum(PARTICIPANT_SEXES, { message: "validation.required" }),
} satisfies Record<Queryable<"participant">, z.ZodType>;
export const participantValuesSchema = z.object(participantValuesShape);
export type ParticipantValues = z.infer<typeof participantValuesSchema>;

/** Whether a query may point at (and an answer correct) this field of the record. */
export function isQueryableField(entity: ClinicalEntity, field: string): boolean {
  return (QUERYABLE_FIELDS[entity] as readonly string[]).includes(field);
}
