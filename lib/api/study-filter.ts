import type { ApiCaller } from "@/lib/api/authenticate";

/**
 * Whether the caller's token lets them reach this study at all. A token limited to some studies
 * narrows its user's scope, it never widens it: the user's own scope is still applied by every
 * query. A browser session (no token) and an unlimited token: every study the user sees.
 */
export function tokenAllowsStudy(caller: ApiCaller, studyId: number): boolean {
  const ids = caller.token?.studyIds;
  return ids === null || ids === undefined || ids.includes(studyId);
}
