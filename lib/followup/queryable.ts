/**
 * The fields of each record a query may point at (and an answer may correct). Browser-safe: the
 * raise-query form lists them; the record schemas in ./fields have exactly these keys (checked
 * by the compiler and by fields.test.ts).
 */
export const QUERYABLE_FIELDS = {
  participant: ["yearOfBirth", "sex"],
  visit: ["status", "visitDate", "ecog", "weightKg", "tumourResponse", "missedReason"],
  adverse_event: ["term", "category", "grade", "onsetOn", "endedOn", "seriousCriteria", "relatedness", "actionTaken", "outcome", "awareAt"],
} as const;
