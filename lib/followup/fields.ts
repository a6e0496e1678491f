import { z } from "zod";
import { AE_ACTIONS, AE_CATEGORIES, AE_OUTCOMES, AE_RELATEDNESS, AE_SERIOUS_CRITERIA, PARTICIPANT_SEXES, type ClinicalEntity } from "@/lib/enums";
import { choiceField, CLINICAL_DAY, dayField, intField, listOf, networkDateTimeField, optionalDayField, optionalTextField, TEXT_LIMITS, textField } from "@/lib/validation/fields";
import { yearOfBirthField } from "@/lib/validation/years";
import { QUERYABLE_FIELDS } from "@/lib/followup/queryable";

type Queryable<E extends ClinicalEntity> = (typeof QUERYABLE_FIELDS)[E][number];

/** "" (an empty form field) and null both mean "no value". */
const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

/** A reason for change: optional in the schema, required by the handler once a record has a saved version. */
export const changeReasonField = optionalTextField({ max: TEXT_LIMITS.reason });

/** A visit's schedule facts; its assessment (ECOG, weight, response) is the visit_assessment form (lib/crf/visit-assessment.ts). */
export const visitValuesShape = {
  status: choiceField(["done", "missed"]),
  visitDate: optionalDayField(CLINICAL_DAY),
  missedReason: optionalTextField({ max: TEXT_LIMITS.reason }),
} satisfies Record<Queryable<"visit">, z.ZodType>;
export const visitValuesSchema = z.object(visitValuesShape);
export type VisitValues = z.infer<typeof visitValuesSchema>;

/** Ticked criteria from a form (a list), or one corrected value "death,hospitalisation" (a query answer). */
const criteriaList = z.preprocess(
  (v) => (v === null || v === "" ? [] : typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v),
  listOf(choiceField(AE_SERIOUS_CRITERIA), AE_SERIOUS_CRITERIA.length),
);

export const aeValuesShape = {
  term: textField({ max: 200 }),
  /** The CTCAE v5.0 term picked (its MedDRA code); none for a term typed freely. */
  meddraCode: z.preprocess(blankToNull, intField({ min: 10_000_000, max: 99_999_999 }).nullable()),
  category: choiceField(AE_CATEGORIES),
  grade: intField({ min: 1, max: 5 }),
  onsetOn: dayField(CLINICAL_DAY),
  endedOn: optionalDayField(CLINICAL_DAY),
  seriousCriteria: criteriaList,
  relatedness: choiceField(AE_RELATEDNESS),
  actionTaken: choiceField(AE_ACTIONS),
  outcome: choiceField(AE_OUTCOMES),
  awareAt: networkDateTimeField(CLINICAL_DAY),
} satisfies Record<Queryable<"adverse_event">, z.ZodType>;
export const aeValuesSchema = z.object(aeValuesShape);
export type AeValues = z.infer<typeof aeValuesSchema>;

export const participantValuesShape = {
  yearOfBirth: yearOfBirthField,
  sex: choiceField(PARTICIPANT_SEXES),
} satisfies Record<Queryable<"participant">, z.ZodType>;
export const participantValuesSchema = z.object(participantValuesShape);
export type ParticipantValues = z.infer<typeof participantValuesSchema>;

/** Whether a query may point at (and an answer correct) this field of the record. */
export function isQueryableField(entity: ClinicalEntity, field: string): boolean {
  return (QUERYABLE_FIELDS[entity] as readonly string[]).includes(field);
}
