/** Choice lists for forms (client-safe: no database imports). Kept equal to the enums in db/schema/followup.ts (tested). */
export const SERIOUS_CRITERIA = ["death", "life_threatening", "hospitalisation", "disability", "congenital_anomaly", "other_important"] as const;
export const aeCategory = [
  "blood_lymphatic",
  "cardiac",
  "gastrointestinal",
  "general",
  "hepatobiliary",
  "infection",
  "investigations",
  "metabolism_nutrition",
  "musculoskeletal",
  "nervous_system",
  "renal_urinary",
  "respiratory",
  "skin",
  "vascular",
  "other",
] as const;
export const aeRelatedness = ["not_related", "unlikely", "possible", "probable", "definite"] as const;
export const aeAction = ["none", "dose_reduced", "interrupted", "withdrawn", "not_applicable"] as const;
export const aeOutcome = ["recovered", "recovering", "not_recovered", "recovered_with_sequelae", "fatal", "unknown"] as const;
