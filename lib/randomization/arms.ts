/** An arm of a randomized study with its integer share of the allocation ratio (A:2, B:1). */
export interface ArmRatio {
  code: string;
  ratio: number;
}

/** Rejects arm lists that would make allocation meaningless or ambiguous. */
export function assertArms(arms: readonly ArmRatio[]): void {
  if (arms.length < 2) throw new RangeError("randomization needs at least two arms");
  const seen = new Set<string>();
  for (const a of arms) {
    if (!a.code) throw new RangeError("arm code is empty");
    if (seen.has(a.code)) throw new RangeError(`duplicate arm code ${a.code}`);
    seen.add(a.code);
    if (!Number.isSafeInteger(a.ratio) || a.ratio < 1) throw new RangeError(`arm ${a.code}: ratio must be a positive integer`);
  }
}

export function ratioSum(arms: readonly ArmRatio[]): number {
  return arms.reduce((s, a) => s + a.ratio, 0);
}
