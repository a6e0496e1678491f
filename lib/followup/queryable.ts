/** The fields of each record a query may point at (client-safe copy; equal to QUERYABLE_FIELDS in ./fields, tested). */
export const QUERYABLE_FIELDS = {
  participant: ["yearOfBirth", "sex"],
  visit: ["status", "visitDate", "ecog", "weightKg", "tumourResponse", "missedReason"],
  adverse_event: ["term", "category", "grade", "onsetOn", "endedOn", "seriousCriteria", "relatedness", "actionTaken", "outcome", "awareAt"],
} as const;
