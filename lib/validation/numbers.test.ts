import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decimalField, idField, intField, MAX_INT_ID } from "@/lib/validation/numbers";

const issue = (s: z.ZodType, v: unknown) => {
  const r = s.safeParse(v);
  return r.success ? null : { message: r.error.issues[0].message, params: (r.error.issues[0] as { params?: unknown }).params };
};

describe("idField", () => {
  it("takes a positive integer that fits the column, from a form or a crafted call", () => {
    expect(idField.parse("12")).toBe(12);
    expect(idField.parse(" 7 ")).toBe(7);
    expect(idField.parse(MAX_INT_ID)).toBe(MAX_INT_ID);
  });

  it("refuses ids outside 1 … 2^31 − 1 and anything that is not one, as an invalid reference", () => {
    for (const v of [MAX_INT_ID + 1, "2147483648", 0, "0", -5, "-5", "abc", "1e3", 1.5, "1.5", "12abc", true, {}, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(issue(idField, v)?.message, JSON.stringify(v)).toBe("validation.invalidId");
    }
  });

  it("says 'one value' for a list (never coerces [99] to 99) and 'required' only when nothing is given", () => {
    expect(issue(idField, [99])?.message).toBe("validation.single");
    expect(issue(idField, ["99"])?.message).toBe("validation.single");
    expect(issue(idField, "")?.message).toBe("validation.required");
    expect(issue(idField, undefined)?.message).toBe("validation.required");
  });
});

describe("intField", () => {
  const target = intField({ min: 1, max: 100_000 });
  const grade = intField({ min: 1, max: 5 });

  it("states the bounds when a number is out of range", () => {
    for (const v of [0, "0", 1e9, "1000000000", -5, "-5", 2147483648]) {
      expect(issue(target, v), JSON.stringify(v)).toEqual({ message: "validation.outOfRange", params: { min: 1, max: 100_000 } });
    }
    expect(issue(grade, -1)).toEqual({ message: "validation.outOfRange", params: { min: 1, max: 5 } });
    expect(issue(grade, "6")).toEqual({ message: "validation.outOfRange", params: { min: 1, max: 5 } });
    expect(grade.parse("3")).toBe(3);
    expect(intField({ min: -200, max: 8 }).parse("-80")).toBe(-80);
  });

  it("refuses what is not a whole number with that message, and a list as 'one value'", () => {
    for (const v of ["abc", "1e3", 2.5, "2.5", "3 4", true, "\u0000"]) {
      expect(issue(grade, v)?.message, JSON.stringify(v)).toBe("validation.wholeNumber");
    }
    expect(issue(grade, [3])?.message).toBe("validation.single");
    expect(issue(grade, "  ")?.message).toBe("validation.required");
  });
});

describe("decimalField", () => {
  const kg = decimalField({ min: 1, max: 400, decimals: 1 });

  it("takes a bounded decimal with its places, refusing others with a message that says why", () => {
    expect(kg.parse("72.5")).toBe(72.5);
    expect(issue(kg, "72.55")).toEqual({ message: "validation.decimals", params: { decimals: 1 } });
    expect(issue(kg, 1e9)).toEqual({ message: "validation.outOfRange", params: { min: 1, max: 400 } });
    expect(issue(kg, -5)).toEqual({ message: "validation.outOfRange", params: { min: 1, max: 400 } });
    expect(issue(kg, "seventy")?.message).toBe("validation.number");
    expect(issue(kg, [70])?.message).toBe("validation.single");
  });
});
