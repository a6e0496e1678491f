import { describe, expect, it } from "vitest";
import { GRAIN, lastThreeMonths, monthsBefore, periodBuckets, upTo, within, type BucketRange, type SignedBuckets } from "@/lib/metrics/period-buckets";
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

/** Each day up to `until` (inclusive) counted +1 per plus bucket and −1 per minus bucket covering it (all time covers every day). */
function signedDays(b: SignedBuckets, until: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (ranges: BucketRange[], sign: number) => {
    for (const r of ranges) {
      if (r.grain === GRAIN.all) {
        for (let d = EARLIEST; d <= until; d = addDays(d, 1)) out.set(d, (out.get(d) ?? 0) + sign);
        continue;
      }
      const clipped = { ...r, until: r.until > addDays(until, 1) ? addDays(until, 1) : r.until };
      for (const [d, n] of coveredDays([clipped])) out.set(d, (out.get(d) ?? 0) + sign * n);
    }
  };
  add(b.plus, 1);
  add(b.minus, -1);
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

  it("reads everything up to a recent day as all time less the buckets after it, and an older one as its years, months and days", () => {
    const rand = seededRandom(7);
    const today = "2026-12-02";
    for (let i = 0; i < 60; i++) {
      const to = addDays(today, -intBetween(rand, -30, 800));
      const b = upTo(to, today);
      expect(b.plus[0].grain === GRAIN.all).toBe(to >= addDays(today, -366));
      // Signed count of every day from 1995 to two years after `to`: 1 up to `to`, 0 after it.
      const window = addDays(to, 730);
      const count = signedDays(b, window);
      for (let d = EARLIEST; d <= window; d = addDays(d, 1)) {
        if ((count.get(d) ?? 0) !== (d <= to ? 1 : 0)) throw new Error(`${to}: day ${d} counted ${count.get(d) ?? 0} times`);
      }
    }
    expect(upTo(today, today)).toEqual({
      plus: [{ grain: GRAIN.all, from: null, until: "0001-01-02" }],
      minus: expect.arrayContaining([{ grain: GRAIN.day, from: "2026-12-03", until: "2027-01-01" }, { grain: GRAIN.year, from: "2027-01-01", until: "9999-01-01" }]),
    });
    expect(within("2025-02-01", "2025-02-10", today)).toEqual({ plus: periodBuckets("2025-02-01", "2025-02-10"), minus: [] });
  });

  it("counts three months back as PostgreSQL's date - interval '3 months' does", () => {
    expect(monthsBefore("2025-05-31", 3)).toBe("2025-02-28");
    expect(monthsBefore("2024-05-31", 3)).toBe("2024-02-29");
    expect(monthsBefore("2025-01-15", 3)).toBe("2024-10-15");
    expect(lastThreeMonths("2025-12-31")).toEqual({ from: "2025-10-01", to: "2025-12-31" });
  });
});
