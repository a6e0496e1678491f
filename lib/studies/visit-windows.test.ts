import { describe, expect, it } from "vitest";
import { daysOverdue, visitTiming, visitWindow } from "@/lib/studies/visit-windows";
import { addDays } from "@/lib/time/network-day";

// A hand-made schedule: baseline day 0 ± 3, week 6 day 42 ± 7, week 12 day 84 ± 7.
const ENROLLED = "2025-01-10";
const schedule = [
  { code: "BL", day: 0, window: 3 },
  { code: "W6", day: 42, window: 7 },
  { code: "W12", day: 84, window: 7 },
];
const w = Object.fromEntries(schedule.map((s) => [s.code, visitWindow(ENROLLED, s.day, s.window)]));

describe("visit windows", () => {
  it("puts each visit at enrolment + target day with ± window, never before enrolment", () => {
    expect(w.BL).toEqual({ dueOn: "2025-01-10", windowStart: "2025-01-10", windowEnd: "2025-01-13" });
    expect(w.W6).toEqual({ dueOn: "2025-02-21", windowStart: "2025-02-14", windowEnd: "2025-02-28" });
    expect(w.W12).toEqual({ dueOn: "2025-04-04", windowStart: "2025-03-28", windowEnd: "2025-04-11" });
  });

  it("crosses month and leap-year ends by calendar days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(visitWindow("2024-12-20", 14, 2)).toEqual({ dueOn: "2025-01-03", windowStart: "2025-01-01", windowEnd: "2025-01-05" });
  });

  it("refuses a negative target day or window", () => {
    expect(() => visitWindow(ENROLLED, -1, 3)).toThrow();
    expect(() => visitWindow(ENROLLED, 3, -1)).toThrow();
  });
});

describe("overdue computation", () => {
  const expected = (code: string) => ({ ...w[code], status: "expected" as const, visitDate: null });

  it("is upcoming before the window, open inside it (both ends), overdue the day after it closes", () => {
    expect(visitTiming(expected("W6"), "2025-02-13")).toBe("upcoming");
    expect(visitTiming(expected("W6"), "2025-02-14")).toBe("open");
    expect(visitTiming(expected("W6"), "2025-02-28")).toBe("open");
    expect(visitTiming(expected("W6"), "2025-03-01")).toBe("overdue");
    expect(daysOverdue(w.W6, "2025-02-28")).toBe(0);
    expect(daysOverdue(w.W6, "2025-03-01")).toBe(1);
    expect(daysOverdue(w.W6, "2025-03-10")).toBe(10);
  });

  it("lists exactly the expected visits whose window has closed on a given day", () => {
    const overdue = schedule.map((s) => s.code).filter((c) => visitTiming(expected(c), "2025-03-01") === "overdue");
    expect(overdue).toEqual(["BL", "W6"]);
  });

  it("flags a done visit outside its window and never counts done or missed visits as overdue", () => {
    const done = (visitDate: string) => ({ ...w.W6, status: "done" as const, visitDate });
    expect(visitTiming(done("2025-02-14"), "2025-06-01")).toBe("done_in_window");
    expect(visitTiming(done("2025-02-28"), "2025-06-01")).toBe("done_in_window");
    expect(visitTiming(done("2025-02-13"), "2025-06-01")).toBe("done_out_of_window");
    expect(visitTiming(done("2025-03-01"), "2025-06-01")).toBe("done_out_of_window");
    expect(visitTiming({ ...w.W6, status: "missed", visitDate: null }, "2025-06-01")).toBe("missed");
  });
});
