import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { addDays, networkToday } from "@/lib/time/network-day";
import { CLINICAL_DAY, dayField, networkDateTimeField, optionalDayField, PLANNING_DAY, resolveDayBound } from "@/lib/validation/dates";

const issue = (s: z.ZodType, v: unknown) => {
  const r = s.safeParse(v);
  return r.success ? null : { message: r.error.issues[0].message, params: (r.error.issues[0] as { params?: unknown }).params };
};

afterEach(() => {
  vi.useRealTimers();
});

describe("dayField", () => {
  const clinical = dayField(CLINICAL_DAY);
  const today = networkToday();

  it("takes a real day inside the field's plausible range", () => {
    expect(clinical.parse("2024-02-29")).toBe("2024-02-29");
    expect(clinical.parse(` ${today} `)).toBe(today);
  });

  it("refuses clinical days before 2000 and in the future, stating the range", () => {
    for (const v of ["1900-01-01", "0001-01-01", "1999-12-31", addDays(today, 1), "9999-12-31"]) {
      expect(issue(clinical, v), v).toEqual({ message: "validation.dateRange", params: { earliest: "2000-01-01", latest: today } });
    }
  });

  it("lets planning days run ten years ahead", () => {
    const planning = dayField(PLANNING_DAY);
    expect(planning.parse(addDays(today, 3650))).toBe(addDays(today, 3650));
    expect(issue(planning, addDays(today, 3651))?.message).toBe("validation.dateRange");
  });

  it("refuses what is not a day as 'enter a date', a list as 'one value', nothing as 'required'", () => {
    for (const v of ["2024-02-30", "2024-2-1", "01/02/2024", "abc", "2024-01-01\u0000", "x".repeat(100_000), 20240101]) {
      expect(issue(clinical, v)?.message, JSON.stringify(v).slice(0, 30)).toBe("validation.date");
    }
    expect(issue(clinical, ["2024-01-01"])?.message).toBe("validation.single");
    expect(issue(clinical, "")?.message).toBe("validation.required");
    expect(issue(clinical, "\u200B")?.message).toBe("validation.required");
  });

  it("optional days: blank or absent is null, a wrong one is still refused", () => {
    const opt = optionalDayField(CLINICAL_DAY);
    expect(opt.parse("")).toBeNull();
    expect(opt.parse(undefined)).toBeNull();
    expect(opt.parse("\u200B ")).toBeNull();
    expect(issue(opt, "1900-01-01")?.message).toBe("validation.dateRange");
    expect(issue(opt, ["2024-01-01"])?.message).toBe("validation.single");
  });

  it("resolves 'today' in the network's clock, not UTC", () => {
    // 2025-03-01 01:00 in Shanghai is still 2025-02-28 in UTC.
    vi.useFakeTimers({ now: new Date("2025-02-28T17:00:00Z") });
    expect(resolveDayBound("today")).toBe("2025-03-01");
    expect(dayField(CLINICAL_DAY).parse("2025-03-01")).toBe("2025-03-01");
  });
});

describe("networkDateTimeField", () => {
  const aware = networkDateTimeField(CLINICAL_DAY);

  it("reads a datetime-local value as the network's local time", () => {
    expect(aware.parse("2025-03-01T08:30")).toBe("2025-03-01T00:30:00.000Z");
    expect(aware.parse("2025-03-01T00:30:00.000Z")).toBe("2025-03-01T00:30:00.000Z");
  });

  it("checks the network day of the moment against the range", () => {
    vi.useFakeTimers({ now: new Date("2025-02-28T17:00:00Z") });
    // 01:30 on 1 March in Shanghai: today, although the UTC date is 28 February.
    expect(aware.parse("2025-03-01T01:30")).toBe("2025-02-28T17:30:00.000Z");
    expect(issue(aware, "2025-03-02T00:10")?.message).toBe("validation.dateRange");
    expect(issue(aware, "0001-01-01T00:00")?.message).toBe("validation.dateRange");
    expect(issue(aware, "1900-01-01T08:00")?.message).toBe("validation.dateRange");
  });

  it("refuses what is not a moment, with its own message", () => {
    for (const v of ["yesterday", "2025-02-30T08:00", "2025-03-01T25:00", "2025-13-01T00:00:00Z", 5]) {
      expect(issue(aware, v)?.message, String(v)).toBe("validation.dateTime");
    }
    expect(issue(aware, ["2025-03-01T08:30"])?.message).toBe("validation.single");
    expect(issue(aware, "")?.message).toBe("validation.required");
  });
});
