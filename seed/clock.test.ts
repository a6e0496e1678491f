import { describe, expect, it } from "vitest";
import { monthsBefore, seedClock } from "@/seed/clock";

describe("the seed's clock", () => {
  it("gives the network's day of its instant, not the UTC date", () => {
    expect(seedClock(new Date("2026-12-01T19:48:00Z")).today).toBe("2026-12-02");
  });

  it("counts months on UTC fields, clamping the day to the month's end", () => {
    expect(monthsBefore(new Date("2026-03-31T04:00:00Z"), 1).toISOString()).toBe("2026-02-28T04:00:00.000Z");
    expect(monthsBefore(new Date("2026-06-15T04:00:00Z"), 24).toISOString()).toBe("2024-06-15T04:00:00.000Z");
    expect(monthsBefore(new Date("2026-06-15T04:00:00Z"), -18).toISOString()).toBe("2027-12-15T04:00:00.000Z");
  });
});
