/**
 * The fields of each record a query may point at (and an answer may correct). Browser-safe: the
 * raise-query form lists them; the record schemas in ./fields have exactly these keys (checked
 * by the compiler and by fields.test.ts).
 */
export const QUERYABLE_FIELDS = {
  participant: ["yearOfBirth", "sex"],
  visit: ["status", "visitDate", "missedReason"],
  adverse_event: ["term", "meddraCode", "category", "grade", "onsetOn", "endedOn", "seriousCriteria", "relatedness", "actionTaken", "outcome", "awareAt"],
  /** A CRF form's fields are its item paths, checked against the instance's form version (lib/crf/item-path.ts). */
  crf_form: [],
} as const;
