import { describe, expect, it } from "vitest";
import { formatDuration, isLateReport, saeClock, saeDeadline } from "@/lib/followup/sae-clock";

const aware = new Date("2025-03-01T08:30:00.000Z");
const at = (iso: string) => new Date(iso);

describe("SAE 24-hour reporting rule", () => {
  it("puts the deadline exactly 24 hours after awareness", () => {
    expect(saeDeadline(aware).toISOString()).toBe("2025-03-02T08:30:00.000Z");
  });

  it("counts a report at exactly 24 h as on time", () => {
    expect(isLateReport(aware, at("2025-03-02T08:30:00.000Z"))).toBe(false);
  });

  it("counts a report one millisecond after 24 h as late", () => {
    expect(isLateReport(aware, at("2025-03-02T08:30:00.001Z"))).toBe(true);
  });

  it("is on time well inside the window and late a day after", () => {
    expect(isLateReport(aware, at("2025-03-01T09:00:00.000Z"))).toBe(false);
    expect(isLateReport(aware, at("2025-03-03T08:30:00.000Z"))).toBe(true);
  });

  it("shows the time left on the clock, and negative time once late", () => {
    const c = saeClock(aware, at("2025-03-01T20:00:00.000Z"));
    expect(c.late).toBe(false);
    expect(formatDuration(c.remainingMs)).toBe("12:30:00");
    const l = saeClock(aware, at("2025-03-02T09:45:05.000Z"));
    expect(l.late).toBe(true);
    expect(l.remainingMs).toBeLessThan(0);
    expect(formatDuration(l.remainingMs)).toBe("1:15:05");
  });
});
