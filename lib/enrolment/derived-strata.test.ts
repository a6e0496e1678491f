import { describe, expect, it } from "vitest";
import { ageBand, deriveLevel, stratumRule } from "@/lib/enrolment/derived-strata";
import { ageOn, nationalIdFacts } from "@/lib/enrolment/national-id-facts";
import { resolveStrata } from "@/lib/enrolment/strata";
import { nationalIdCheckChar } from "@/lib/pseudonyms/national-id";

const id = (birth: string, seq: string) => {
  const first17 = `110101${birth}${seq}`;
  return first17 + nationalIdCheckChar(first17);
};
const factor = (code: string, levels: string[]) => ({ code, levels: levels.map((c) => ({ code: c })) });
/** The protocol's factors as resolveStrata reads them (only code and levels matter here). */
const protocol = (...fs: ReturnType<typeof factor>[]) => fs as unknown as Parameters<typeof resolveStrata>[0];

describe("what a national ID states", () => {
  it("reads the birth date from digits 7–14 and the sex from digit 17 (odd = male)", () => {
    expect(nationalIdFacts(id("19620315", "001"))).toEqual({ birthDate: "1962-03-15", yearOfBirth: 1962, sex: "male" });
    expect(nationalIdFacts(id("19700101", "002"))).toEqual({ birthDate: "1970-01-01", yearOfBirth: 1970, sex: "female" });
    expect(nationalIdFacts(id("19700101", "019")).sex).toBe("male");
    expect(() => nationalIdFacts("11010119620315001")).toThrow(RangeError);
  });

  it("counts age in completed years, one more on the birthday", () => {
    expect(ageOn("1961-06-10", "2026-06-09")).toBe(64);
    expect(ageOn("1961-06-10", "2026-06-10")).toBe(65);
    expect(ageOn("1960-02-29", "2025-02-28")).toBe(64);
    expect(ageOn("1960-02-29", "2025-03-01")).toBe(65);
  });
});

describe("which stratification factors follow from recorded data", () => {
  it("a SEX or GENDER factor with M/F (or MALE/FEMALE) levels takes the recorded sex", () => {
    expect(stratumRule(factor("SEX", ["M", "F"]))).toEqual({ from: "sex", levelOf: { male: "M", female: "F" } });
    expect(stratumRule(factor("GENDER", ["FEMALE", "MALE"]))).toEqual({ from: "sex", levelOf: { male: "MALE", female: "FEMALE" } });
    expect(deriveLevel(stratumRule(factor("SEX", ["M", "F"]))!, { sex: "female", age: 50 })).toBe("F");
  });

  it("an AGE factor whose levels are disjoint bands takes the age", () => {
    const rule = stratumRule(factor("AGE", ["LT65", "GE65"]))!;
    expect(rule.from).toBe("age");
    expect([64, 65, 90].map((age) => deriveLevel(rule, { sex: "male", age }))).toEqual(["LT65", "GE65", "GE65"]);
    const groups = stratumRule(factor("AGE_GROUP", ["18_49", "50_64", "65_PLUS"]))!;
    expect([18, 49, 50, 64, 65].map((age) => deriveLevel(groups, { sex: "male", age }))).toEqual(["18_49", "18_49", "50_64", "50_64", "65_PLUS"]);
    expect(deriveLevel(groups, { sex: "male", age: 17 })).toBeNull();
    expect([ageBand("LE64"), ageBand("GT64"), ageBand("70PLUS")]).toEqual([
      { code: "LE64", min: 0, max: 64 },
      { code: "GT64", min: 65, max: Infinity },
      { code: "70PLUS", min: 70, max: Infinity },
    ]);
  });

  it("anything else is asked: other codes, levels off the convention, overlapping bands, two levels for one sex", () => {
    for (const f of [
      factor("STAGE", ["III", "IV"]),
      factor("SEX", ["X", "Y"]),
      factor("SEX", ["M", "MALE", "F"]),
      factor("AGE", ["YOUNG", "OLD"]),
      factor("AGE", ["LT65", "GE60"]),
      factor("AGE", ["65_18"]),
      factor("AGENCY", ["LT65", "GE65"]),
    ]) {
      expect(stratumRule(f), f.code + ":" + f.levels.map((l) => l.code).join(",")).toBeNull();
    }
  });
});

describe("resolving a participant's strata", () => {
  const factors = protocol(factor("SEX", ["M", "F"]), factor("AGE", ["LT65", "GE65"]), factor("STAGE", ["III", "IV"]));
  const female70 = { sex: "female" as const, age: 70 };

  it("derives sex and age, and takes the asked factors from the form", () => {
    expect(resolveStrata(factors, ["STAGE"], ["IV"], female70)).toEqual({ ok: true, strata: { SEX: "F", AGE: "GE65", STAGE: "IV" } });
    // A derived level sent and agreeing is harmless.
    expect(resolveStrata(factors, ["STAGE", "SEX"], ["IV", "F"], female70)).toEqual({ ok: true, strata: { SEX: "F", AGE: "GE65", STAGE: "IV" } });
  });

  it("refuses a sent level that contradicts the recorded data", () => {
    expect(resolveStrata(factors, ["STAGE", "SEX"], ["IV", "M"], female70)).toEqual({ ok: false, reason: "contradiction", factor: "SEX", from: "sex", given: "M", derived: "F" });
    expect(resolveStrata(factors, ["STAGE", "AGE"], ["IV", "LT65"], female70)).toEqual({ ok: false, reason: "contradiction", factor: "AGE", from: "age", given: "LT65", derived: "GE65" });
  });

  it("refuses an asked factor without a level, an unknown factor, and an age outside every band", () => {
    expect(resolveStrata(factors, [], [], female70)).toEqual({ ok: false, reason: "level", factor: "STAGE" });
    expect(resolveStrata(factors, ["STAGE", "ECOG"], ["IV", "1"], female70)).toEqual({ ok: false, reason: "level", factor: "ECOG" });
    const adults = protocol(factor("AGE", ["18_64", "65_PLUS"]));
    expect(resolveStrata(adults, [], [], { sex: "male", age: 16 })).toEqual({ ok: false, reason: "noLevel", factor: "AGE", age: 16 });
  });
});
