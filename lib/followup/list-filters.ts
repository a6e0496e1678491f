import { QUERY_STATUSES, type QueryStatus } from "@/lib/enums";

/** The query list's order: newest raised first by default (a new query is on page 1), or oldest first. */
export const QUERY_SORTS = ["newest", "oldest"] as const;
export type QuerySort = (typeof QUERY_SORTS)[number];

/**
 * Whose queries the list shows: all in scope; "mine" (raised by me, or waiting at my centre);
 * "site" (the participant's current site is my centre).
 */
export const QUERY_SHOWS = ["all", "mine", "site"] as const;
export type QueryShow = (typeof QUERY_SHOWS)[number];

export type ListFilters = { study: string; status: QueryStatus | ""; page: number; sort?: QuerySort; show?: QueryShow };

const pick = <T extends string>(values: readonly T[], raw: string, fallback: T): T => values.find((v) => v === raw) ?? fallback;

export const queryStatusOf = (raw: string): QueryStatus | "" => pick<QueryStatus | "">(QUERY_STATUSES, raw, "");
export const querySortOf = (raw: string): QuerySort => pick(QUERY_SORTS, raw, "newest");
export const queryShowOf = (raw: string): QueryShow => pick(QUERY_SHOWS, raw, "all");

/** The search params a list link carries: only what differs from the defaults, so plain URLs stay plain. */
export function queryListParams(f: Pick<ListFilters, "study" | "status" | "sort" | "show">): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.study) out.study = f.study;
  if (f.status) out.status = f.status;
  if (f.sort && f.sort !== "newest") out.sort = f.sort;
  if (f.show && f.show !== "all") out.show = f.show;
  return out;
}
