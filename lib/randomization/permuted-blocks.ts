import { assertArms, ratioSum, type ArmRatio } from "@/lib/randomization/arms";
import { cryptoRng, draw, shuffle, type IntRng } from "@/lib/randomization/rng";

/** One row of a stratum's allocation list, in the order it will be assigned. */
export interface AllocationEntry {
  /** 1-based position in the stratum's list; assignment takes the lowest unused seq. */
  seq: number;
  arm: string;
  /** 1-based block number within the stratum. */
  block: number;
  blockSize: number;
}

export interface BlockPlan {
  arms: readonly ArmRatio[];
  /**
   * Block sizes are these multiples of the ratio sum, chosen at random per block.
   * Varying sizes stop staff from deducing the last allocations of a block.
   */
  blockMultiples?: readonly number[];
}

/** Where an existing list ends; extensions continue from here. */
export interface ListTail {
  lastSeq: number;
  lastBlock: number;
}

export const DEFAULT_BLOCK_MULTIPLES: readonly number[] = [1, 2, 3];

function multiplesOf(plan: BlockPlan): number[] {
  const m = [...new Set(plan.blockMultiples ?? DEFAULT_BLOCK_MULTIPLES)];
  if (m.length === 0) throw new RangeError("blockMultiples is empty");
  for (const k of m) if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`block multiple must be a positive integer, got ${k}`);
  return m.sort((a, b) => a - b);
}

/** Every block size the plan can produce, ascending. */
export function blockSizes(plan: BlockPlan): number[] {
  assertArms(plan.arms);
  const sum = ratioSum(plan.arms);
  return multiplesOf(plan).map((k) => k * sum);
}

/** One block: each arm exactly ratio × multiple times, randomly permuted. */
export function generateBlock(arms: readonly ArmRatio[], multiple: number, rng: IntRng = cryptoRng): string[] {
  assertArms(arms);
  if (!Number.isSafeInteger(multiple) || multiple < 1) throw new RangeError(`block multiple must be a positive integer, got ${multiple}`);
  const block: string[] = [];
  for (const a of arms) for (let i = 0; i < a.ratio * multiple; i++) block.push(a.code);
  return shuffle(block, rng);
}

/**
 * Appends whole blocks after `tail` (null for a new list) until at least `minNew`
 * entries are produced. Returns only the new entries. Whole blocks only, so every
 * block end in the stored list stays exactly on the ratio.
 */
export function extendAllocationList(tail: ListTail | null, plan: BlockPlan, minNew: number, rng: IntRng = cryptoRng): AllocationEntry[] {
  if (!Number.isSafeInteger(minNew) || minNew < 1) throw new RangeError(`minNew must be a positive integer, got ${minNew}`);
  const multiples = multiplesOf(plan);
  assertArms(plan.arms);
  const sum = ratioSum(plan.arms);
  let seq = tail?.lastSeq ?? 0;
  let block = tail?.lastBlock ?? 0;
  const out: AllocationEntry[] = [];
  while (out.length < minNew) {
    const multiple = multiples[draw(rng, multiples.length)];
    block += 1;
    for (const arm of generateBlock(plan.arms, multiple, rng)) {
      seq += 1;
      out.push({ seq, arm, block, blockSize: multiple * sum });
    }
  }
  return out;
}

/** A new list for one stratum with at least `minEntries` entries (whole blocks). */
export function generateAllocationList(plan: BlockPlan, minEntries: number, rng: IntRng = cryptoRng): AllocationEntry[] {
  return extendAllocationList(null, plan, minEntries, rng);
}

/** The tail of a list, for `extendAllocationList`; null when the list is empty. */
export function listTail(entries: readonly AllocationEntry[]): ListTail | null {
  if (entries.length === 0) return null;
  let lastSeq = 0;
  let lastBlock = 0;
  for (const e of entries) {
    lastSeq = Math.max(lastSeq, e.seq);
    lastBlock = Math.max(lastBlock, e.block);
  }
  return { lastSeq, lastBlock };
}

/**
 * How many entries to generate when a stratum's list is created or runs out.
 * Enough for the participants expected in the stratum (e.g. the site target when the
 * site is a stratum), but at least two of the largest blocks so small strata are not
 * extended on every enrolment. Extending is always safe: it appends whole blocks.
 */
export function entriesToGenerate(plan: BlockPlan, expectedInStratum: number): number {
  if (!Number.isFinite(expectedInStratum) || expectedInStratum < 0) throw new RangeError(`expectedInStratum must be ≥ 0, got ${expectedInStratum}`);
  const sizes = blockSizes(plan);
  return Math.max(Math.ceil(expectedInStratum), 2 * sizes[sizes.length - 1]);
}
