import { describe, expect, it } from "vitest";
import { pick, seededRandom } from "@/lib/random/seeded";
import type { ArmRatio } from "@/lib/randomization/arms";
import { addToCounts, countsFromRows, maxMarginalImbalance, minimizationScores, minimize, type MarginalCounts, type MinimizationFactor } from "@/lib/randomization/minimization";
import { draw, intRngFromFloats, type IntRng } from "@/lib/randomization/rng";

const rngFor = (seed: number) => intRngFromFloats(seededRandom(seed));
const AB: ArmRatio[] = [{ code: "A", ratio: 1 }, { code: "B", ratio: 1 }];
const ABC211: ArmRatio[] = [{ code: "A", ratio: 2 }, { code: "B", ratio: 1 }, { code: "C", ratio: 1 }];
const SEX_STAGE: MinimizationFactor[] = [{ code: "sex" }, { code: "stage" }];
// sex=F: A 3, B 1; stage=III: A 1, B 1 → for an F/III participant A scores 3+1=4, B scores 1+1=2.
const COUNTS = countsFromRows([
  { factor: "sex", level: "F", arm: "A", n: 3 },
  { factor: "sex", level: "F", arm: "B", n: 1 },
  { factor: "stage", level: "III", arm: "A", n: 1 },
  { factor: "stage", level: "III", arm: "B", n: 1 },
]);
const F_III = { sex: "F", stage: "III" };

/** Allocates `n` simulated participants with random levels; returns the final counts. */
function simulate(n: number, arms: readonly ArmRatio[], seed: number, allocate: (counts: MarginalCounts, levels: Record<string, string>, rng: IntRng) => string) {
  const factors: MinimizationFactor[] = [{ code: "sex" }, { code: "stage" }, { code: "age" }];
  const levelsOf: Record<string, string[]> = { sex: ["F", "M"], stage: ["I", "II", "III"], age: ["<50", "50-65", ">65"] };
  const patients = seededRandom(seed * 1000);
  const rng = rngFor(seed);
  let counts: MarginalCounts = {};
  for (let i = 0; i < n; i++) {
    const levels = Object.fromEntries(factors.map((f) => [f.code, pick(patients, levelsOf[f.code])]));
    counts = addToCounts(counts, levels, allocate(counts, levels, rng));
  }
  return { counts, factors };
}

/** Simple (unrestricted) randomization honouring the ratio: the baseline minimization must beat. */
function simpleArm(arms: readonly ArmRatio[], rng: IntRng): string {
  let r = draw(rng, arms.reduce((s, a) => s + a.ratio, 0));
  for (const a of arms) {
    if (r < a.ratio) return a.code;
    r -= a.ratio;
  }
  throw new Error("unreachable");
}

describe("minimization", () => {
  it("scores each arm by the summed marginal range", () => {
    expect(minimizationScores({ arms: AB, factors: SEX_STAGE, counts: COUNTS, levels: F_III })).toEqual({ A: 4, B: 2 });
    expect(minimizationScores({ arms: AB, factors: SEX_STAGE, counts: COUNTS, levels: F_III, measure: "variance" })).toEqual({ A: 2.5, B: 0.5 });
  });

  it("with p = 1 always takes the preferred arm", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const d = minimize({ arms: AB, factors: SEX_STAGE, counts: COUNTS, levels: F_III, pPreferred: 1 }, rngFor(seed));
      expect(d).toMatchObject({ arm: "B", preferred: ["B"], tookPreferred: true });
    }
  });

  it("with p = 0.8 takes the preferred arm about 80% of the time", () => {
    const rng = rngFor(2);
    let b = 0;
    const n = 10_000;
    for (let i = 0; i < n; i++) if (minimize({ arms: AB, factors: SEX_STAGE, counts: COUNTS, levels: F_III }, rng).arm === "B") b++;
    expect(Math.abs(b / n - 0.8)).toBeLessThan(0.02);
  });

  it("applies factor weights", () => {
    // Weighting stage heavily and sex not at all leaves A and B tied on stage alone.
    const weighted = [{ code: "sex", weight: 0 }, { code: "stage", weight: 3 }];
    expect(minimizationScores({ arms: AB, factors: weighted, counts: COUNTS, levels: F_III })).toEqual({ A: 3, B: 3 });
  });

  it("breaks ties at random", () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) seen.add(minimize({ arms: AB, factors: SEX_STAGE, counts: {}, levels: F_III, pPreferred: 1 }, rngFor(seed)).arm);
    expect(seen).toEqual(new Set(["A", "B"]));
    // Two of three arms tied for best: p = 1 must pick among those two only.
    const three: ArmRatio[] = [{ code: "A", ratio: 1 }, { code: "B", ratio: 1 }, { code: "C", ratio: 1 }];
    const counts = countsFromRows([{ factor: "sex", level: "F", arm: "C", n: 2 }]);
    const picks = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) picks.add(minimize({ arms: three, factors: [{ code: "sex" }], counts, levels: { sex: "F" }, pPreferred: 1 }, rngFor(seed)).arm);
    expect(picks).toEqual(new Set(["A", "B"]));
  });

  it("respects the allocation ratio: at 2:1:1 the first participant is steered to A", () => {
    const s = minimizationScores({ arms: ABC211, factors: [{ code: "sex" }], counts: {}, levels: { sex: "F" } });
    expect(s).toEqual({ A: 0.5, B: 1, C: 1 });
  });

  it("keeps marginal imbalance far below simple randomization over 1,000 participants (2 arms, 3 factors)", () => {
    const minimized: number[] = [];
    const simple: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const m = simulate(1000, AB, seed, (counts, levels, rng) => minimize({ arms: AB, factors: [{ code: "sex" }, { code: "stage" }, { code: "age" }], counts, levels }, rng).arm);
      minimized.push(maxMarginalImbalance(m.counts, AB));
      simple.push(maxMarginalImbalance(simulate(1000, AB, seed, (_c, _l, rng) => simpleArm(AB, rng)).counts, AB));
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.max(...minimized)).toBeLessThanOrEqual(5);
    expect(mean(simple)).toBeGreaterThan(15);
    expect(mean(minimized) * 4).toBeLessThan(mean(simple));
  });

  it("keeps ratio-adjusted imbalance low with unequal ratios (2:1:1) and with the variance measure", () => {
    for (let seed = 1; seed <= 5; seed++) {
      for (const measure of ["range", "variance"] as const) {
        const m = simulate(1000, ABC211, seed, (counts, levels, rng) => minimize({ arms: ABC211, factors: [{ code: "sex" }, { code: "stage" }, { code: "age" }], counts, levels, measure }, rng).arm);
        expect(maxMarginalImbalance(m.counts, ABC211)).toBeLessThanOrEqual(5);
        const s = simulate(1000, ABC211, seed, (_c, _l, rng) => simpleArm(ABC211, rng));
        expect(maxMarginalImbalance(s.counts, ABC211)).toBeGreaterThan(maxMarginalImbalance(m.counts, ABC211));
      }
    }
  });

  it("refuses incomplete input", () => {
    expect(() => minimize({ arms: AB, factors: SEX_STAGE, counts: {}, levels: { sex: "F" } })).toThrow(RangeError);
    expect(() => minimize({ arms: AB, factors: [], counts: {}, levels: {} })).toThrow(RangeError);
    expect(() => minimize({ arms: AB, factors: SEX_STAGE, counts: {}, levels: F_III, pPreferred: 1.2 })).toThrow(RangeError);
    expect(() => minimize({ arms: AB, factors: [{ code: "sex", weight: -1 }], counts: {}, levels: { sex: "F" } })).toThrow(RangeError);
  });

  it("uses the crypto generator by default and returns a valid arm", () => {
    expect(["A", "B"]).toContain(minimize({ arms: AB, factors: SEX_STAGE, counts: COUNTS, levels: F_III }).arm);
  });

  it("adds to counts without mutating the input", () => {
    const next = addToCounts(COUNTS, F_III, "B");
    expect(next.sex.F).toEqual({ A: 3, B: 2 });
    expect(next.stage.III).toEqual({ A: 1, B: 2 });
    expect(COUNTS.sex.F).toEqual({ A: 3, B: 1 });
    expect(maxMarginalImbalance(COUNTS, AB)).toBe(2);
  });
});
