import type { OrgLevel } from "@/db/schema";

/** The tree's levels from the top; a centre's parent is always one level up. */
export const LEVELS: readonly OrgLevel[] = ["hub", "sub_centre", "regional_centre", "grassroots"];

export function childLevel(level: OrgLevel): OrgLevel | null {
  return LEVELS[LEVELS.indexOf(level) + 1] ?? null;
}

export function parentLevel(level: OrgLevel): OrgLevel | null {
  const i = LEVELS.indexOf(level);
  return i > 0 ? LEVELS[i - 1] : null;
}
