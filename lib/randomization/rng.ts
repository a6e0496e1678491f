import { randomInt } from "node:crypto";

/** Returns a uniformly distributed integer in [0, maxExclusive). */
export type IntRng = (maxExclusive: number) => number;

/**
 * The default for real allocations: a CSPRNG, so nobody can predict the next
 * assignment from the ones already seen (concealment).
 */
export const cryptoRng: IntRng = (maxExclusive) => randomInt(maxExclusive);

/**
 * Adapts a [0,1) float generator (e.g. `seededRandom` from lib/random/seeded.ts)
 * for tests, simulations and demo data. Never for real allocations: predictable.
 */
export function intRngFromFloats(next: () => number): IntRng {
  return (maxExclusive) => Math.floor(next() * maxExclusive);
}

/**
 * Draws through an injected rng and checks the result, so a faulty generator fails
 * loudly instead of silently skewing allocations.
 */
export function draw(rng: IntRng, maxExclusive: number): number {
  if (!Number.isSafeInteger(maxExclusive) || maxExclusive < 1) throw new RangeError(`draw: bad range ${maxExclusive}`);
  const v = rng(maxExclusive);
  if (!Number.isInteger(v) || v < 0 || v >= maxExclusive) throw new RangeError(`draw: rng returned ${v} outside [0, ${maxExclusive})`);
  return v;
}

/** In-place Fisher–Yates shuffle: every permutation equally likely given a uniform rng. */
export function shuffle<T>(items: T[], rng: IntRng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = draw(rng, i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

// 2^32 steps keep the probability resolution far finer than any protocol states it.
const P_SCALE = 2 ** 32;

/** True with probability p (p = 1 is always true, p = 0 never). */
export function chance(p: number, rng: IntRng): boolean {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`chance: p must be in [0, 1], got ${p}`);
  return draw(rng, P_SCALE) < Math.round(p * P_SCALE);
}
