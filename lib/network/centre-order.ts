import type { OrgLevel } from "@/lib/enums";
import { LEVELS } from "@/lib/network/levels";

const codes = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Centre codes in natural order: R2 before R10, R01G2 before R01G10. */
export function compareCentreCodes(a: string, b: string): number {
  return codes.compare(a, b);
}

type Placed = { id: number; code: string; level: OrgLevel; parentId: number | null };

/**
 * Centres in the order of the tree: each centre followed by the centres under it, siblings by
 * level and then code in natural order (TJ01, SC01, R01, R01G1 … R01G6, R02 …). A centre whose
 * parent is not in the list starts a branch of its own, placed the same way. Paths are never
 * compared as text (they hold ids: /1/2/13/ sorts before /1/2/4/).
 */
export function inTreeOrder<T extends Placed>(rows: readonly T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, T[]>();
  for (const r of rows) {
    const parent = r.parentId !== null && ids.has(r.parentId) ? r.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const bySibling = (a: T, b: T) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || compareCentreCodes(a.code, b.code);
  const out: T[] = [];
  const visit = (parent: number | null) => {
    for (const r of [...(children.get(parent) ?? [])].sort(bySibling)) {
      out.push(r);
      visit(r.id);
    }
  };
  visit(null);
  return out;
}

/** A centre in a select: indented by its level so the list reads as the tree. */
export function centreOptionLabel(c: { code: string; level: OrgLevel }, name: string): string {
  return `${"\u00a0\u00a0".repeat(Math.max(0, LEVELS.indexOf(c.level)))}${c.code} · ${name}`;
}
