import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/random/seeded";
import type { ArmRatio } from "@/lib/randomization/arms";
import { blockSizes, entriesToGenerate, extendAllocationList, generateAllocationList, generateBlock, listTail, type AllocationEntry } from "@/lib/randomization/permuted-blocks";
import { draw, intRngFromFloats } from "@/lib/randomization/rng";

const rngFor = (seed: number) => intRngFromFloats(seededRandom(seed));
const AB21: ArmRatio[] = [{ code: "A", ratio: 2 }, { code: "B", ratio: 1 }];
const ABC211: ArmRatio[] = [{ code: "A", ratio: 2 }, { code: "B", ratio: 1 }, { code: "C", ratio: 1 }];

function tally(entries: readonly AllocationEntry[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const e of entries) t[e.arm] = (t[e.arm] ?? 0) + 1;
  return t;
}

/** Asserts counts are exactly proportional to the ratio at every block end and near it in between. */
function expectBalanced(list: readonly AllocationEntry[], arms: readonly ArmRatio[], maxMultiple: number) {
  const sum = arms.reduce((s, a) => s + a.ratio, 0);
  const counts: Record<string, number> = {};
  list.forEach((e, i) => {
    counts[e.arm] = (counts[e.arm] ?? 0) + 1;
    const n = i + 1;
    const blockEnds = i === list.length - 1 || list[i + 1].block !== e.block;
    for (const a of arms) {
      const expected = (n * a.ratio) / sum;
      const got = counts[a.code] ?? 0;
      if (blockEnds) expect(got).toBe(expected);
      else expect(Math.abs(got - expected)).toBeLessThanOrEqual(maxMultiple * a.ratio);
    }
  });
}

describe("permuted blocks", () => {
  it("keeps the ratio exactly at every block end, for 2:1 and 2:1:1", () => {
    for (const arms of [AB21, ABC211]) {
      for (let seed = 1; seed <= 20; seed++) {
        const list = generateAllocationList({ arms }, 300, rngFor(seed));
        expectBalanced(list, arms, 3);
      }
    }
  });

  it("stays balanced within each stratum when strata are generated independently", () => {
    const rng = rngFor(7);
    const lists = new Map(["site=1|sex=F", "site=1|sex=M", "site=2|sex=F", "site=2|sex=M"].map((key) => [key, generateAllocationList({ arms: AB21 }, 60, rng)]));
    for (const list of lists.values()) {
      expectBalanced(list, AB21, 3);
      const t = tally(list);
      expect(t.A).toBe(2 * t.B);
    }
    // One shared generator still gives each stratum its own sequence.
    expect(new Set([...lists.values()].map((l) => l.map((e) => e.arm).join(""))).size).toBe(lists.size);
  });

  it("varies block sizes among the configured multiples of the ratio sum", () => {
    const list = generateAllocationList({ arms: AB21 }, 1000, rngFor(3));
    const sizes = new Set(list.map((e) => e.blockSize));
    expect([...sizes].sort((a, b) => a - b)).toEqual([3, 6, 9]);
    const custom = generateAllocationList({ arms: AB21, blockMultiples: [2, 4] }, 500, rngFor(4));
    expect(new Set(custom.map((e) => e.blockSize))).toEqual(new Set([6, 12]));
  });

  it("numbers entries 1..n once each, in whole blocks whose size matches their length", () => {
    const list = generateAllocationList({ arms: ABC211 }, 250, rngFor(11));
    expect(list.map((e) => e.seq)).toEqual(list.map((_, i) => i + 1));
    const perBlock = new Map<number, AllocationEntry[]>();
    for (const e of list) perBlock.set(e.block, [...(perBlock.get(e.block) ?? []), e]);
    expect([...perBlock.keys()]).toEqual([...perBlock.keys()].map((_, i) => i + 1));
    for (const entries of perBlock.values()) {
      expect(new Set(entries.map((e) => e.blockSize))).toEqual(new Set([entries.length]));
    }
    expect(list.length).toBeGreaterThanOrEqual(250);
    expect(list.length).toBeLessThan(250 + 12);
  });

  it("extends a list with whole blocks continuing its numbering", () => {
    const first = generateAllocationList({ arms: AB21 }, 10, rngFor(5));
    const more = extendAllocationList(listTail(first), { arms: AB21 }, 20, rngFor(6));
    expect(more[0].seq).toBe(first[first.length - 1].seq + 1);
    expect(more[0].block).toBe(first[first.length - 1].block + 1);
    expectBalanced([...first, ...more], AB21, 3);
    expect(listTail([])).toBeNull();
  });

  it("permutes each block uniformly (no position bias)", () => {
    const rng = rngFor(99);
    const arms: ArmRatio[] = [{ code: "A", ratio: 1 }, { code: "B", ratio: 1 }, { code: "C", ratio: 1 }];
    const firstIsA = [0, 0, 0];
    const n = 30_000;
    for (let i = 0; i < n; i++) firstIsA[generateBlock(arms, 1, rng).indexOf("A")] += 1;
    for (const c of firstIsA) expect(Math.abs(c / n - 1 / 3)).toBeLessThan(0.015);
  });

  it("is reproducible with the same seed and uses the crypto generator by default", () => {
    const a = generateAllocationList({ arms: AB21 }, 50, rngFor(1));
    expect(generateAllocationList({ arms: AB21 }, 50, rngFor(1))).toEqual(a);
    const real = generateAllocationList({ arms: AB21 }, 90);
    expectBalanced(real, AB21, 3);
  });

  it("sizes a batch for the expected participants, at least two largest blocks", () => {
    expect(blockSizes({ arms: AB21 })).toEqual([3, 6, 9]);
    expect(entriesToGenerate({ arms: AB21 }, 5)).toBe(18);
    expect(entriesToGenerate({ arms: AB21 }, 40)).toBe(40);
    expect(entriesToGenerate({ arms: AB21, blockMultiples: [1] }, 0)).toBe(6);
  });

  it("refuses plans that cannot be allocated", () => {
    expect(() => generateAllocationList({ arms: [{ code: "A", ratio: 1 }] }, 10)).toThrow(RangeError);
    expect(() => generateAllocationList({ arms: [{ code: "A", ratio: 1 }, { code: "A", ratio: 1 }] }, 10)).toThrow(RangeError);
    expect(() => generateAllocationList({ arms: [{ code: "A", ratio: 0 }, { code: "B", ratio: 1 }] }, 10)).toThrow(RangeError);
    expect(() => generateAllocationList({ arms: AB21, blockMultiples: [] }, 10)).toThrow(RangeError);
    expect(() => generateAllocationList({ arms: AB21, blockMultiples: [1.5] }, 10)).toThrow(RangeError);
    expect(() => generateAllocationList({ arms: AB21 }, 0)).toThrow(RangeError);
  });

  it("rejects an injected rng that returns out-of-range values", () => {
    expect(() => draw(() => 3, 3)).toThrow(RangeError);
    expect(() => draw(() => 0.5, 3)).toThrow(RangeError);
    expect(() => generateAllocationList({ arms: AB21 }, 3, () => -1)).toThrow(RangeError);
  });
});
