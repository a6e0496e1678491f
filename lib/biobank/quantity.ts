/** Quantities are numeric(12,3): work in integer thousandths so sums are exact. */
export function toMilli(q: string | number): number {
  const n = typeof q === "number" ? q : Number(q);
  if (!Number.isFinite(n)) throw new Error(`bad quantity ${q}`);
  return Math.round(n * 1000);
}

export function fromMilli(m: number): string {
  return (m / 1000).toFixed(3);
}

export type AliquotPlan = { ok: true; remainderMilli: number } | { ok: false; reason: "empty" | "nonPositive" | "exceeds" };

/** Aliquots must each hold something and together not exceed what the parent has left. */
export function planAliquots(parentMilli: number, parts: number[]): AliquotPlan {
  if (parts.length === 0) return { ok: false, reason: "empty" };
  if (parts.some((p) => !Number.isInteger(p) || p <= 0)) return { ok: false, reason: "nonPositive" };
  const total = parts.reduce((a, b) => a + b, 0);
  if (total > parentMilli) return { ok: false, reason: "exceeds" };
  return { ok: true, remainderMilli: parentMilli - total };
}
