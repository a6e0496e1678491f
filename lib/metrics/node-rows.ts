import type { OrgLevel } from "@/db/schema";
import type { NodeFigures } from "@/lib/metrics/types";

/** One node as lib/metrics/sql/node-figures.ts answers it (snake_case; the root's own centre has node_id −root). */
export type NodeRow = {
  node_id: number;
  code: string;
  name_zh: string;
  name_en: string;
  level: OrgLevel;
  parent_id: number | null;
  depth: number;
  active: boolean;
  sites: number;
  active_sites: number;
  target: number;
  expected: number;
  dormant_sites: number;
  lagging_sites: number;
  enrolled: number;
  enrolled_to_date: number;
  enrolled_last3m: number;
  withdrawn: number;
  last_enrolled_on: string | null;
  median_days_to_enrol: number | null;
  screened: number;
  screen_failed: number;
  specimens: number;
  participant_specimens: number;
  specimens_by_type: Record<string, number> | string;
  open_queries: number;
  answered_queries: number;
  oldest_unclosed_query_days: number | null;
  queries_opened: number;
  queries_closed: number;
  aes: number;
  saes: number;
  late_saes: number;
};

const num = (v: unknown) => Number(v ?? 0);

/** A node's figures as the page reads them. No fact is counted here: the sums are the database's. */
export function toNodeFigures(r: NodeRow): NodeFigures {
  const byType = typeof r.specimens_by_type === "string" ? (JSON.parse(r.specimens_by_type) as Record<string, number>) : r.specimens_by_type;
  return {
    id: Math.abs(num(r.node_id)),
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    level: r.level,
    parentId: r.parent_id === null ? null : num(r.parent_id),
    depth: num(r.depth),
    active: r.active,
    sites: num(r.sites),
    activeSites: num(r.active_sites),
    target: num(r.target),
    expected: num(r.expected),
    dormantSites: num(r.dormant_sites),
    laggingSites: num(r.lagging_sites),
    enrolled: num(r.enrolled),
    enrolledToDate: num(r.enrolled_to_date),
    enrolledLast3m: num(r.enrolled_last3m),
    withdrawn: num(r.withdrawn),
    lastEnrolledOn: r.last_enrolled_on,
    medianDaysToEnrol: r.median_days_to_enrol === null ? null : num(r.median_days_to_enrol),
    screened: num(r.screened),
    screenFailed: num(r.screen_failed),
    specimens: num(r.specimens),
    participantSpecimens: num(r.participant_specimens),
    specimensByType: Object.fromEntries(Object.entries(byType ?? {}).map(([k, v]) => [k, num(v)])),
    unclosedQueries: num(r.open_queries) + num(r.answered_queries),
    openQueries: num(r.open_queries),
    answeredQueries: num(r.answered_queries),
    oldestUnclosedQueryDays: r.oldest_unclosed_query_days === null ? null : num(r.oldest_unclosed_query_days),
    queriesOpened: num(r.queries_opened),
    queriesClosed: num(r.queries_closed),
    aes: num(r.aes),
    saes: num(r.saes),
    lateSaes: num(r.late_saes),
  };
}
