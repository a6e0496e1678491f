import { describe, expect, it } from "vitest";
import { formatSubjectCode, parseSubjectCode } from "@/lib/pseudonyms/subject-code";

describe("subject codes", () => {
  it("zero-pads the number to four digits and grows past 9999", () => {
    expect(formatSubjectCode("LC-203", "TJ07", 12)).toBe("LC-203-TJ07-0012");
    expect(formatSubjectCode("BRCA", "R01G1", 1)).toBe("BRCA-R01G1-0001");
    expect(formatSubjectCode("LC-203", "TJ07", 9999)).toBe("LC-203-TJ07-9999");
    expect(formatSubjectCode("LC-203", "TJ07", 10000)).toBe("LC-203-TJ07-10000");
  });

  it("parses codes back, splitting a hyphenated study code from the right", () => {
    expect(parseSubjectCode("LC-203-TJ07-0012")).toEqual({ studyCode: "LC-203", centreCode: "TJ07", number: 12 });
    expect(parseSubjectCode("A-B-C-SC01-12345")).toEqual({ studyCode: "A-B-C", centreCode: "SC01", number: 12345 });
    for (const n of [1, 999, 9999, 10000, 123456]) {
      expect(parseSubjectCode(formatSubjectCode("GC-1", "R12", n))?.number).toBe(n);
    }
  });

  it("rejects malformed or non-canonical codes", () => {
    for (const bad of ["LC-203-TJ07-012", "LC-203-TJ07-00012", "LC-203-TJ07-0000", "lc-203-TJ07-0012", "LC-203-TJ07", "TJ07-0012", "LC-203-TJ07-0012 ", "LC--203-TJ07-0012"]) {
      expect(parseSubjectCode(bad)).toBeNull();
    }
  });

  it("refuses to format from bad parts", () => {
    expect(() => formatSubjectCode("lc", "TJ07", 1)).toThrow(RangeError);
    expect(() => formatSubjectCode("LC", "TJ-07", 1)).toThrow(RangeError);
    expect(() => formatSubjectCode("LC", "TJ07", 0)).toThrow(RangeError);
    expect(() => formatSubjectCode("LC", "TJ07", 1.5)).toThrow(RangeError);
  });
});
