import { describe, expect, it } from "vitest";
import { decideEligibility, type Criterion } from "@/lib/enrolment/eligibility";

const criteria: Criterion[] = [
  { code: "I1", kind: "inclusion" },
  { code: "I2", kind: "inclusion" },
  { code: "E1", kind: "exclusion" },
];

describe("decideEligibility", () => {
  it("is eligible when all inclusions are met and no exclusion is present", () => {
    expect(decideEligibility(criteria, { I1: true, I2: true, E1: false })).toEqual({ eligible: true, failedCodes: [], missing: [] });
  });
  it("fails on an unmet inclusion and on a present exclusion, naming each code in protocol order", () => {
    expect(decideEligibility(criteria, { I1: true, I2: false, E1: true }).failedCodes).toEqual(["I2", "E1"]);
    expect(decideEligibility(criteria, { I1: true, I2: false, E1: true }).eligible).toBe(false);
  });
  it("is never eligible with an unanswered criterion", () => {
    const d = decideEligibility(criteria, { I1: true, E1: false });
    expect(d.eligible).toBe(false);
    expect(d.missing).toEqual(["I2"]);
  });
});
