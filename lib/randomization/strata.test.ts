import { describe, expect, it } from "vitest";
import { parseStratumKey, stratumKey, UNSTRATIFIED_KEY } from "@/lib/randomization/strata";

describe("stratum keys", () => {
  it("puts the site first and sorts factors by code, whatever order they arrive in", () => {
    const a = stratumKey({ factorCodes: ["stage", "sex"], levels: { stage: "III-IV", sex: "F" }, site: 12 });
    const b = stratumKey({ factorCodes: ["sex", "stage"], levels: { sex: "F", stage: "III-IV" }, site: "12" });
    expect(a).toBe("site=12|sex=F|stage=III-IV");
    expect(b).toBe(a);
  });

  it("omits the site when it is not a stratum and names the single stratum of an unstratified study", () => {
    expect(stratumKey({ factorCodes: ["sex"], levels: { sex: "M" } })).toBe("sex=M");
    expect(stratumKey({ factorCodes: ["sex"], levels: { sex: "M" }, site: null })).toBe("sex=M");
    expect(stratumKey({ factorCodes: [], levels: {} })).toBe(UNSTRATIFIED_KEY);
    expect(stratumKey({ factorCodes: [], levels: {}, site: 3 })).toBe("site=3");
  });

  it("sorts by code units, not locale (upper case before lower case)", () => {
    expect(stratumKey({ factorCodes: ["b", "B", "a"], levels: { a: "1", b: "2", B: "3" } })).toBe("B=3|a=1|b=2");
  });

  it("refuses missing, unknown, reserved or delimiter-bearing codes", () => {
    expect(() => stratumKey({ factorCodes: ["sex", "stage"], levels: { sex: "F" } })).toThrow(RangeError);
    expect(() => stratumKey({ factorCodes: ["sex"], levels: { sex: "F", age: "1" } })).toThrow(RangeError);
    expect(() => stratumKey({ factorCodes: ["site"], levels: { site: "x" } })).toThrow(RangeError);
    expect(() => stratumKey({ factorCodes: ["sex"], levels: { sex: "F|M" } })).toThrow(RangeError);
    expect(() => stratumKey({ factorCodes: ["sex"], levels: { sex: "" } })).toThrow(RangeError);
    expect(() => stratumKey({ factorCodes: ["sex", "sex"], levels: { sex: "F" } })).toThrow(RangeError);
  });

  it("parses a key back", () => {
    expect(parseStratumKey("site=12|sex=F|stage=III-IV")).toEqual({ site: "12", levels: { sex: "F", stage: "III-IV" } });
    expect(parseStratumKey(UNSTRATIFIED_KEY)).toEqual({ site: null, levels: {} });
    expect(() => parseStratumKey("sex")).toThrow(RangeError);
  });
});
