import { describe, expect, it } from "vitest";
import { dateShiftDays, MAX_SHIFT_DAYS, shiftDateText } from "@/lib/exchange/export/date-shift";
import { csvCell, csvLine } from "@/lib/exchange/export/csv";

describe("date shift", () => {
  it("is stable per participant and key, never zero, within ±364 days, and differs between participants and keys", () => {
    const days = Array.from({ length: 2000 }, (_, i) => dateShiftDays(i + 1, "test-key"));
    expect(days.every((d) => d !== 0 && Math.abs(d) <= MAX_SHIFT_DAYS)).toBe(true);
    expect(dateShiftDays(17, "test-key")).toBe(days[16]);
    expect(new Set(days).size).toBeGreaterThan(500);
    expect(days.some((d) => d < 0) && days.some((d) => d > 0)).toBe(true);
    expect(Array.from({ length: 50 }, (_, i) => dateShiftDays(i + 1, "other-key"))).not.toEqual(days.slice(0, 50));
  });

  it("moves days and date-times (the time kept), across months and leap days; leaves anything else", () => {
    expect(shiftDateText("2024-02-28", 1)).toBe("2024-02-29");
    expect(shiftDateText("2025-01-03", -5)).toBe("2024-12-29");
    expect(shiftDateText("2025-01-03 08:30", 30)).toBe("2025-02-02 08:30");
    expect(shiftDateText("2025-01-03 23:59:59", 1)).toBe("2025-01-04 23:59:59");
    for (const v of ["08:30", "70.5", "", "2025-01", "next week"]) expect(shiftDateText(v, 10)).toBe(v);
  });
});

describe("CSV cells", () => {
  it("quotes commas, quotes, line breaks and edge spaces; leaves the rest; ends lines with CRLF", () => {
    expect(csvCell("plain 文本")).toBe("plain 文本");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(" lead")).toBe('" lead"');
    expect(csvLine(["1", "", "x,y"])).toBe('1,,"x,y"\r\n');
  });
});
