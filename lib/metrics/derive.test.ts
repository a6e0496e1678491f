import { describe, expect, it } from "vitest";
import { accrualPlan, accrualRows, addMonths, monthRange, plannedAt } from "@/lib/metrics/accrual";
import { csvFileName, toCsv } from "@/lib/metrics/csv";
import { derive, performanceBand, projectTarget } from "@/lib/metrics/derive";
import { dashboardSearch, parseDashboardParams } from "@/lib/metrics/params";
import { emptyCounts, type NodeFigures } from "@/lib/metrics/types";
import { daysBetween } from "@/lib/time/network-day";

const node = (over: Partial<NodeFigures>): NodeFigures => ({
  ...emptyCounts(),
  id: 1,
  code: "X",
  nameZh: "X",
  nameEn: "X",
  level: "hub",
  parentId: null,
  depth: 0,
  active: true,
  lastEnrolledOn: null,
  medianDaysToEnrol: null,
  oldestUnclosedQueryDays: null,
  ...over,
});

describe("projection of the date the target is met", () => {
  it("divides what is left by the rate of the last three months", () => {
    // 30 to go at 10 a month: three months of 30.4375 days, rounded up to 92 days.
    expect(projectTarget(100, 70, 30, "2025-12-31")).toEqual({ kind: "date", date: "2026-04-02" });
  });
  it("says reached, never, or no target", () => {
    expect(projectTarget(100, 100, 0, "2025-12-31")).toEqual({ kind: "reached" });
    expect(projectTarget(100, 10, 0, "2025-12-31")).toEqual({ kind: "never" });
    expect(projectTarget(0, 10, 3, "2025-12-31")).toEqual({ kind: "noTarget" });
  });
});

describe("derived figures", () => {
  it("computes the rates from the counts, and nothing from an empty denominator", () => {
    const d = derive(node({ target: 40, enrolledToDate: 10, enrolled: 8, withdrawn: 2, screened: 20, screenFailed: 5, participantSpecimens: 12, expected: 20, enrolledLast3m: 6, lastEnrolledOn: "2025-12-01" }), "2025-12-31");
    expect(d).toMatchObject({ targetShare: 0.25, withdrawalRate: 0.25, screenFailureRate: 0.25, specimensPerParticipant: 1.5, performance: 0.5, accrualPerMonth: 2, daysSinceLastEnrolment: 30 });
    const z = derive(node({}), "2025-12-31");
    expect(z).toMatchObject({ targetShare: null, withdrawalRate: null, screenFailureRate: null, specimensPerParticipant: null, performance: null, daysSinceLastEnrolment: null });
  });
  it("bands performance at one half and nine tenths", () => {
    expect([null, 0.49, 0.5, 0.89, 0.9, 1.4].map(performanceBand)).toEqual(["none", "lagging", "behind", "behind", "onTrack", "onTrack"]);
  });
  it("counts days between dates across a leap day", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
  });
});

describe("accrual rows", () => {
  it("walks months across a year end", () => {
    expect(monthRange("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(addMonths("2025-12", 1)).toBe("2026-01");
    expect(addMonths("2025-01", -1)).toBe("2024-12");
  });
  it("draws the plan linearly and the projection the KPI card names: from the period's end at the last three months' rate", () => {
    const plan = accrualPlan("2025-01-01", "2025-12-31", 12)!;
    expect(plannedAt(plan, "2025-06")).toBe(6); // 180 of 364 days
    expect(plannedAt(plan, "2026-03")).toBe(12);
    const points = [
      { month: "2025-01", enrolled: 1, cumulative: 1 },
      { month: "2025-02", enrolled: 2, cumulative: 3 },
      { month: "2025-03", enrolled: 2, cumulative: 5 },
      { month: "2025-04", enrolled: 2, cumulative: 7 },
    ];
    // 6 in the three months to 30 April: 2 a month; 5 to go take 2.5 months = 77 days: 16 July.
    const basis = { target: 12, asOf: "2025-04-30", enrolledLast3m: 6 };
    expect(projectTarget(12, 7, 6, "2025-04-30")).toEqual({ kind: "date", date: "2025-07-16" });
    const rows = accrualRows(points, plan, basis);
    expect(rows.at(-1)?.month).toBe("2025-12"); // the plan's end is further than the projection
    expect(rows.find((r) => r.month === "2025-04")).toMatchObject({ cumulative: 7, projected: 7 });
    expect(rows.find((r) => r.month === "2025-05")).toMatchObject({ cumulative: null, projected: 9 }); // 31 days on
    expect(rows.find((r) => r.month === "2025-06")).toMatchObject({ projected: 11 });
    // The line reaches the target in the month of the projected date, not before.
    expect(rows.find((r) => r.projected === 12)?.month).toBe("2025-07");
    expect(rows.find((r) => r.month === "2025-08")).toMatchObject({ projected: null });
  });
  it("reaches the target in the projected date's month for any rate and target", () => {
    for (const [target, cumulative, last3m, asOf] of [[360, 159, 7, "2026-11-30"], [1500, 1400, 13, "2026-02-14"], [100, 1, 1, "2025-12-31"]] as const) {
      const p = projectTarget(target, cumulative, last3m, asOf);
      const rows = accrualRows([{ month: asOf.slice(0, 7), enrolled: 0, cumulative }], null, { target, asOf, enrolledLast3m: last3m });
      if (p.kind !== "date") throw new Error("expected a date");
      const reached = rows.find((r) => r.projected === target)?.month ?? null;
      const drawn = addMonths(asOf.slice(0, 7), 60) >= p.date.slice(0, 7);
      expect({ target, reached }).toEqual({ target, reached: drawn ? p.date.slice(0, 7) : null });
    }
  });
  it("refuses a plan without dates or target", () => {
    expect(accrualPlan(null, "2025-12-31", 10)).toBeNull();
    expect(accrualPlan("2025-12-31", "2025-01-01", 10)).toBeNull();
    expect(accrualPlan("2025-01-01", "2025-12-31", 0)).toBeNull();
  });
});

describe("CSV export", () => {
  it("starts with a byte-order mark, quotes what needs it and defuses formulas", () => {
    const csv = toCsv(
      [
        { name: "天津, 医院", n: 3, note: "=SUM(A1)" },
        { name: 'say "hi"', n: null, note: "-1" },
      ],
      [
        { header: "中心", value: (r) => r.name },
        { header: "n", value: (r) => r.n },
        { header: "note", value: (r) => r.note },
      ],
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split("\r\n")).toEqual(["中心,n,note", '"天津, 医院",3,\'=SUM(A1)', '"say ""hi""",,\'-1']);
  });
  it("makes file names safe", () => {
    expect(csvFileName("dashboard", "TJ01", "centres", "2025-12-31")).toBe("dashboard_TJ01_centres_2025-12-31.csv");
    expect(csvFileName("a/b", "中文")).toBe("a-b_-.csv");
  });
});

describe("view parameters", () => {
  it("keeps valid values, drops malformed ones and a start after the end", () => {
    expect(parseDashboardParams({ centre: "r01", study: "lc-203", from: "2025-01-01", to: "2025-06-30" }, "2026-01-01")).toEqual({ centre: "R01", study: "LC-203", from: "2025-01-01", to: "2025-06-30" });
    expect(parseDashboardParams({ centre: "R01'--", from: "2025-02-30", to: "nope" }, "2026-01-01")).toEqual({ to: "2026-01-01" });
    expect(parseDashboardParams({ from: "2026-02-01", to: "2026-01-01" }, "2026-03-01")).toEqual({ to: "2026-01-01" });
  });
  it("drops a day outside the range a report filter may ask for", () => {
    expect(parseDashboardParams({ from: "1999-12-31", to: "2025-06-30" }, "2026-01-01")).toEqual({ to: "2025-06-30" });
    expect(parseDashboardParams({ from: "2025-01-01", to: "9999-12-31" }, "2026-01-01")).toEqual({ from: "2025-01-01", to: "2026-01-01" });
  });
  it("writes the query string back in a stable order", () => {
    expect(dashboardSearch({ to: "2025-12-31", centre: "R01" })).toBe("?centre=R01&to=2025-12-31");
    expect(dashboardSearch({})).toBe("");
  });
});
