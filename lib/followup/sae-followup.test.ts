import { describe, expect, it } from "vitest";
import { isSaeFollowupDue, saeFollowupDays, saeFollowupDueAt } from "@/lib/followup/sae-followup";

const reported = new Date("2026-11-01T02:00:00.000Z");
const day = 86_400_000;
const sae = (over: Partial<Parameters<typeof isSaeFollowupDue>[0]> = {}) => ({ serious: true, outcome: "recovering", seriousCriteria: ["hospitalisation"], lastReportAt: reported, ...over });

describe("SAE follow-up report rule", () => {
  it("is due 15 days after the last report, 7 for a fatal or life-threatening event", () => {
    expect(saeFollowupDays(["hospitalisation"])).toBe(15);
    expect(saeFollowupDays(["life_threatening", "hospitalisation"])).toBe(7);
    expect(saeFollowupDays(["death"])).toBe(7);
    expect(saeFollowupDueAt(sae())?.toISOString()).toBe("2026-11-16T02:00:00.000Z");
    expect(isSaeFollowupDue(sae(), new Date(reported.getTime() + 15 * day - 1))).toBe(false);
    expect(isSaeFollowupDue(sae(), new Date(reported.getTime() + 15 * day))).toBe(true);
    expect(isSaeFollowupDue(sae({ seriousCriteria: ["life_threatening"] }), new Date(reported.getTime() + 7 * day))).toBe(true);
  });

  it("is never due once the outcome is resolved, nor for a non-serious AE", () => {
    const late = new Date(reported.getTime() + 60 * day);
    for (const outcome of ["recovered", "recovered_with_sequelae", "fatal"]) expect(isSaeFollowupDue(sae({ outcome }), late)).toBe(false);
    for (const outcome of ["recovering", "not_recovered", "unknown"]) expect(isSaeFollowupDue(sae({ outcome }), late)).toBe(true);
    expect(saeFollowupDueAt(sae({ serious: false }))).toBeNull();
  });
});
