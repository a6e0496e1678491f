import { assertArms, type ArmRatio } from "@/lib/randomization/arms";
import { chance, cryptoRng, draw, type IntRng } from "@/lib/randomization/rng";

/**
 * Participants already allocated, by factor code → level code → arm code.
 * Missing entries count as zero, so a level nobody has yet needs no row.
 */
export type MarginalCounts = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, number>>>>>>;

export interface MinimizationFactor {
  code: string;
  /** Relative importance in the total imbalance; default 1. */
  weight?: number;
}

/**
 * range: max − min of the ratio-adjusted counts (Pocock & Simon's simplest choice, easy
 * to explain to a DSMB). variance: population variance of the same numbers; it reacts to
 * every arm, not only the extremes, which matters with three or more arms.
 */
export type ImbalanceMeasure = "range" | "variance";

export interface MinimizationInput {
  arms: readonly ArmRatio[];
  factors: readonly MinimizationFactor[];
  counts: MarginalCounts;
  /** The new participant's level code for every factor, by factor code. */
  levels: Readonly<Record<string, string>>;
  /** Probability of taking the preferred arm(s); default 0.8. 1 makes it deterministic. */
  pPreferred?: number;
  measure?: ImbalanceMeasure;
}

export interface MinimizationDecision {
  arm: string;
  /** Weighted imbalance if the participant went to each arm (lower is better). */
  scores: Record<string, number>;
  /** Arms tied for the lowest score. */
  preferred: string[];
  /** False when the random element sent the participant elsewhere or all arms tied. */
  tookPreferred: boolean;
}

export const DEFAULT_P_PREFERRED = 0.8;

function count(counts: MarginalCounts, factor: string, level: string, arm: string): number {
  return counts[factor]?.[level]?.[arm] ?? 0;
}

export function imbalance(values: readonly number[], measure: ImbalanceMeasure): number {
  if (measure === "range") return Math.max(...values) - Math.min(...values);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
}

// Scores are sums of fractions (counts / ratio); rounding keeps float noise from
// breaking ties that are mathematically exact.
const round = (v: number) => Math.round(v * 1e9) / 1e9;

/** Weighted total imbalance over the participant's levels for each candidate arm. */
export function minimizationScores(input: Omit<MinimizationInput, "pPreferred">): Record<string, number> {
  const { arms, factors, counts, levels, measure = "range" } = input;
  assertArms(arms);
  if (factors.length === 0) throw new RangeError("minimization needs at least one factor");
  for (const f of factors) {
    const w = f.weight ?? 1;
    if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`factor ${f.code}: weight must be ≥ 0`);
    if (!levels[f.code]) throw new RangeError(`no level given for factor ${f.code}`);
  }
  const scores: Record<string, number> = {};
  for (const candidate of arms) {
    let total = 0;
    for (const f of factors) {
      const level = levels[f.code];
      // Dividing by the ratio makes a 2:1 target look "balanced" at 2:1 counts.
      const adjusted = arms.map((a) => (count(counts, f.code, level, a.code) + (a.code === candidate.code ? 1 : 0)) / a.ratio);
      total += (f.weight ?? 1) * imbalance(adjusted, measure);
    }
    scores[candidate.code] = round(total);
  }
  return scores;
}

/**
 * Pocock–Simon minimization with a random element. With probability p the participant
 * goes to a preferred arm (lowest score; ties broken at random), otherwise to one of the
 * other arms at random. When every arm ties, the choice is simply uniform.
 */
export function minimize(input: MinimizationInput, rng: IntRng = cryptoRng): MinimizationDecision {
  const p = input.pPreferred ?? DEFAULT_P_PREFERRED;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`pPreferred must be in [0, 1], got ${p}`);
  const scores = minimizationScores(input);
  const codes = input.arms.map((a) => a.code);
  const best = Math.min(...codes.map((c) => scores[c]));
  const preferred = codes.filter((c) => scores[c] === best);
  const others = codes.filter((c) => scores[c] !== best);
  if (others.length === 0) return { arm: codes[draw(rng, codes.length)], scores, preferred, tookPreferred: false };
  const takePreferred = chance(p, rng);
  const pool = takePreferred ? preferred : others;
  return { arm: pool[draw(rng, pool.length)], scores, preferred, tookPreferred: takePreferred };
}

/** The counts after allocating one more participant; the input is left untouched. */
export function addToCounts(counts: MarginalCounts, levels: Readonly<Record<string, string>>, arm: string): MarginalCounts {
  const next: Record<string, Record<string, Record<string, number>>> = {};
  for (const [f, byLevel] of Object.entries(counts)) {
    next[f] = {};
    for (const [l, byArm] of Object.entries(byLevel)) next[f][l] = { ...byArm };
  }
  for (const [f, l] of Object.entries(levels)) {
    next[f] ??= {};
    next[f][l] ??= {};
    next[f][l][arm] = (next[f][l][arm] ?? 0) + 1;
  }
  return next;
}

/** Builds counts from `GROUP BY factor, level, arm` rows. */
export function countsFromRows(rows: readonly { factor: string; level: string; arm: string; n: number }[]): MarginalCounts {
  const out: Record<string, Record<string, Record<string, number>>> = {};
  for (const r of rows) {
    out[r.factor] ??= {};
    out[r.factor][r.level] ??= {};
    out[r.factor][r.level][r.arm] = (out[r.factor][r.level][r.arm] ?? 0) + r.n;
  }
  return out;
}

/**
 * The largest ratio-adjusted range over every factor level: the number a DSMB report
 * (and the tests) use to judge how well the factors are balanced.
 */
export function maxMarginalImbalance(counts: MarginalCounts, arms: readonly ArmRatio[]): number {
  let worst = 0;
  for (const [f, byLevel] of Object.entries(counts)) {
    for (const l of Object.keys(byLevel)) {
      worst = Math.max(worst, imbalance(arms.map((a) => count(counts, f, l, a.code) / a.ratio), "range"));
    }
  }
  return worst;
}
