import { describe, expect, it } from "vitest";
import { yearOfBirthField } from "@/lib/enrolment/fields";

describe("yearOfBirthField", () => {
  it("treats an empty answer as missing, not as year 0, and accepts a real year", () => {
    const empty = yearOfBirthField.safeParse("");
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0].message).toBe("validation.required");
    expect(yearOfBirthField.safeParse("1962").data).toBe(1962);
    expect(yearOfBirthField.safeParse("1850").error?.issues[0].message).toBe("enrolment.validation.yearOfBirth");
  });
});
