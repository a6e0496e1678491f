import type { CriterionKind } from "@/db/schema";

export type Criterion = { code: string; kind: CriterionKind };

/** answers: criterion code -> true when an inclusion criterion is met / an exclusion is present. */
export type EligibilityDecision = { eligible: boolean; failedCodes: string[]; missing: string[] };

/**
 * Eligible when every inclusion criterion is met and no exclusion criterion is present.
 * Failing codes keep the protocol's order (inclusion I1… before exclusion E1… as listed).
 */
export function decideEligibility(criteria: readonly Criterion[], answers: Readonly<Record<string, boolean>>): EligibilityDecision {
  const missing = criteria.filter((c) => answers[c.code] === undefined).map((c) => c.code);
  const failedCodes = criteria
    .filter((c) => answers[c.code] !== undefined && (c.kind === "inclusion" ? answers[c.code] === false : answers[c.code] === true))
    .map((c) => c.code);
  return { eligible: missing.length === 0 && failedCodes.length === 0, failedCodes, missing };
}
