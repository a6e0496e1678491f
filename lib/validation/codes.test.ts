import { describe, expect, it } from "vitest";
import { patternField } from "@/lib/validation/codes";
import { fieldInfo } from "@/lib/validation/field-info";

const code = patternField({ pattern: /^[A-Z0-9]{2,8}$/, max: 8, example: "R01", message: "validation.code", upperCase: true });
const first = (v: unknown) => code.safeParse(v).error?.issues[0].message;

describe("patternField", () => {
  it("trims and upper-cases, then checks the shape", () => {
    expect(code.parse(" r01g1 ")).toBe("R01G1");
    expect(first("R-1")).toBe("validation.code");
    expect(first("ABCDEFGHI")).toBe("validation.code");
  });

  it("refuses hostile values with the field's message; blank is required, a list is 'one value'", () => {
    for (const v of ["x".repeat(100_000), "R0\u0000", "R0\uD800", "\u200B\u200B", 12]) expect(first(v), JSON.stringify(v).slice(0, 20)).toBe("validation.code");
    expect(first("  ")).toBe("validation.required");
    expect(first(undefined)).toBe("validation.required");
    expect(first(["R01"])).toBe("validation.single");
  });

  it("describes itself with a value that fits", () => {
    const info = fieldInfo.get(code);
    expect(info).toEqual({ kind: "pattern", max: 8, example: "R01" });
    expect(code.safeParse(info?.kind === "pattern" ? info.example : "").success).toBe(true);
  });
});
