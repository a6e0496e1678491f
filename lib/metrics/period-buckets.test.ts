import { describe, expect, it } from "vitest";
import { GRAIN, lastThreeMonths, monthsBefore, periodBuckets, type BucketRange } from "@/lib/metrics/period-buckets";
import { intBetween, seededRandom } from "@/lib/random/seeded";
import { addDays } from "@/lib/time/network-day";

const EARLIEST = "1995-01-01";

/** Every day a set of bucket ranges covers, counting each time it is covered. */
function coveredDays(ranges: BucketRange[]): Map<string, number> {
  const out = new Map<string, number>();
  const add = (d: string) => out.set(d, (out.get(d) ?? 0) + 1);
  for (const r of ranges) {
    const first = r.from ?? EARLIEST;
    for (let b = first; b < r.until; ) {
      const next =
        r.grain === GRAIN.day
          ? addDays(b, 1)
          : r.grain === GRAIN.month
            ? new Date(Date.UTC(Number(b.slice(0, 4)), Number(b.slice(5, 7)), 1)).toISOString().slice(0, 10)
            : `${Number(b.slice(0, 4)) + 1}-01-01`;
      if (r.grain !== GRAIN.day) {
        // A month or year bucket starts on its first day.
        expect(b.endsWith(r.grain === GRAIN.month ? "-01" : "-01-01"), JSON.stringify(r)).toBe(true);
      }
      for (let d = b; d < next; d = addDays(d, 1)) add(d);
      b = next;
    }
  }
  return out;
}

function expectTiling(from: string | null, to: string) {
  const cover = coveredDays(periodBuckets(from, to));
  const want: string[] = [];
  for (let d = from ?? EARLIEST; d <= to; d = addDays(d, 1)) want.push(d);
  expect({ from, to, days: [...cover.keys()].sort() }).toEqual({ from, to, days: want });
  expect({ from, to, twice: [...cover.values()].filter((n) => n !== 1).length }).toEqual({ from, to, twice: 0 });
}

describe("a period read as whole years, months and days", () => {
  it("tiles a period across a year into days, months and the year", () => {
    expect(periodBuckets("2025-03-15", "2026-12-31")).toEqual([
      { grain: GRAIN.day, from: "2025-03-15", until: "2025-04-01" },
      { grain: GRAIN.month, from: "2025-04-01", until: "2026-01-01" },
      { grain: GRAIN.year, from: "2026-01-01", until: "2027-01-01" },
    ]);
    expect(periodBuckets("2025-01-01", "2025-12-31")).toEqual([{ grain: GRAIN.year, from: "2025-01-01", until: "2026-01-01" }]);
    expect(periodBuckets("2025-02-03", "2025-02-20")).toEqual([{ grain: GRAIN.day, from: "2025-02-03", until: "2025-02-21" }]);
    expect(periodBuckets(null, "2025-06-10")).toEqual([
      { grain: GRAIN.year, from: null, until: "2025-01-01" },
      { grain: GRAIN.month, from: "2025-01-01", until: "2025-06-01" },
      { grain: GRAIN.day, from: "2025-06-01", until: "2025-06-11" },
    ]);
    expect(periodBuckets("2025-06-11", "2025-06-10")).toEqual([]);
  });

  it("covers every day of random periods exactly once, and no other day", () => {
    const rand = seededRandom(42);
    for (let i = 0; i < 300; i++) {
      const to = addDays("2020-01-01", intBetween(rand, 0, 3000));
      const from = i % 7 === 0 ? null : addDays(to, -intBetween(rand, 0, 900));
      expectTiling(from, to);
    }
    for (const [from, to] of [["2024-02-29", "2024-02-29"], ["2024-12-31", "2025-01-01"], ["2023-01-01", "2023-01-31"], ["2023-12-01", "2024-12-31"]] as const) {
      expectTiling(from, to);
    }
  });

  it("counts three months back as PostgreSQL's date - interval '3 months' does", () => {
    expect(monthsBefore("2025-05-31", 3)).toBe("2025-02-28");
    expect(monthsBefore("2024-05-31", 3)).toBe("2024-02-29");
    expect(monthsBefore("2025-01-15", 3)).toBe("2024-10-15");
    expect(lastThreeMonths("2025-12-31")).toEqual({ from: "2025-10-01", to: "2025-12-31" });
  });
});
