import { describe, expect, it } from "vitest";
import { networkYear } from "@/lib/time/network-day";
import { yearOfBirthField } from "@/lib/validation/years";

describe("yearOfBirthField", () => {
  it("treats an empty answer as missing, not as year 0, and accepts a real year", () => {
    const empty = yearOfBirthField.safeParse("");
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0].message).toBe("validation.required");
    expect(yearOfBirthField.safeParse("1962").data).toBe(1962);
    expect(yearOfBirthField.safeParse(1962).data).toBe(1962);
  });

  it("refuses years before 1900 and after the network's current year, with the bounds", () => {
    const old = yearOfBirthField.safeParse("1850");
    expect(old.error?.issues[0]).toMatchObject({ message: "validation.outOfRange", params: { min: 1900, max: networkYear() } });
    expect(yearOfBirthField.safeParse(String(networkYear())).success).toBe(true);
    expect(yearOfBirthField.safeParse(String(networkYear() + 1)).error?.issues[0].message).toBe("validation.outOfRange");
  });

  it("refuses crafted values: fractions, exponents, arrays, booleans", () => {
    for (const v of ["1962.5", 1962.5, "1e3", ["1962"], true, "19 62"]) {
      expect(yearOfBirthField.safeParse(v).success, JSON.stringify(v)).toBe(false);
    }
  });
});
