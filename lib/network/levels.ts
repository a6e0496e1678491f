import { ORG_LEVELS, type OrgLevel } from "@/lib/enums";

/** The tree's levels from the top (the enum's order); a centre's parent is always one level up. */
export const LEVELS: readonly OrgLevel[] = ORG_LEVELS;

export function childLevel(level: OrgLevel): OrgLevel | null {
  return LEVELS[LEVELS.indexOf(level) + 1] ?? null;
}

export function parentLevel(level: OrgLevel): OrgLevel | null {
  const i = LEVELS.indexOf(level);
  return i > 0 ? LEVELS[i - 1] : null;
}
