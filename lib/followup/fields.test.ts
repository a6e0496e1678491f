import { describe, expect, it } from "vitest";
import { aeValuesShape, aeValuesSchema, participantValuesShape, visitValuesShape, visitValuesSchema } from "@/lib/followup/fields";
import { QUERYABLE_FIELDS } from "@/lib/followup/queryable";

describe("follow-up record fields", () => {
  it("are exactly the fields a query may point at (the browser's list)", () => {
    expect(Object.keys(visitValuesShape)).toEqual([...QUERYABLE_FIELDS.visit]);
    expect(Object.keys(aeValuesShape)).toEqual([...QUERYABLE_FIELDS.adverse_event]);
    expect(Object.keys(participantValuesShape)).toEqual([...QUERYABLE_FIELDS.participant]);
  });

  it("take awareness in the network's local time and days as real calendar days", () => {
    const ae = { term: "Rash", category: "skin", grade: "2", onsetOn: "2025-02-01", endedOn: "", seriousCriteria: "", relatedness: "possible", actionTaken: "none", outcome: "recovered" };
    const ok = aeValuesSchema.safeParse({ ...ae, awareAt: "2025-02-01T09:30" });
    expect(ok.success && ok.data.awareAt).toBe("2025-02-01T01:30:00.000Z");
    expect(ok.success && [ok.data.endedOn, ok.data.seriousCriteria]).toEqual([null, []]);
    expect(aeValuesSchema.safeParse({ ...ae, onsetOn: "2025-02-30", awareAt: "2025-02-01T09:30" }).success).toBe(false);
    expect(aeValuesSchema.safeParse({ ...ae, awareAt: "yesterday" }).success).toBe(false);
    const criteria = aeValuesSchema.safeParse({ ...ae, seriousCriteria: "death, hospitalisation", awareAt: "2025-02-01T09:30" });
    expect(criteria.success && criteria.data.seriousCriteria).toEqual(["death", "hospitalisation"]);
  });

  it("refuses crafted values: arrays for scalars, NUL in text, fractions of a grade", () => {
    expect(visitValuesSchema.safeParse({ status: "done", visitDate: ["2025-01-12"] }).success).toBe(false);
    expect(visitValuesSchema.safeParse({ status: "missed", missedReason: "ill\u0000" }).success).toBe(false);
    expect(visitValuesSchema.safeParse({ status: "missed", missedReason: "x".repeat(100_000) }).success).toBe(false);
    expect(aeValuesSchema.shape.grade.safeParse("2.5").success).toBe(false);
  });
});
