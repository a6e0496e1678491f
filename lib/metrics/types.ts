import type { OrgLevel } from "@/db/schema";

/** Counts of one node of the tree; every one of them is the sum over the node's subtree. */
export type NodeCounts = {
  /** Study sites (a centre taking part in a study) and those active. */
  sites: number;
  activeSites: number;
  /** Sum of the sites' targets, and of the enrolment expected by the period's end. */
  target: number;
  expected: number;
  dormantSites: number;
  laggingSites: number;
  /** Enrolled in the period, by the period's end, in the three months before the end. */
  enrolled: number;
  enrolledToDate: number;
  enrolledLast3m: number;
  /** Of those enrolled in the period, withdrawn by its end. */
  withdrawn: number;
  screened: number;
  screenFailed: number;
  /** Specimens collected in the period (aliquots are not collections), and those of participants. */
  specimens: number;
  participantSpecimens: number;
  specimensByType: Record<string, number>;
  /**
   * Queries not closed now (a current state, not the period's): open (waiting for the site) and
   * answered (waiting for the monitor). "Unclosed" is the query list's word for the same count.
   */
  unclosedQueries: number;
  openQueries: number;
  answeredQueries: number;
  /** Queries raised in the period, and closed in it (by network day). */
  queriesOpened: number;
  queriesClosed: number;
  /** AEs with onset in the period, SAEs, and SAEs reported later than 24 h. */
  aes: number;
  saes: number;
  lateSaes: number;
};

/** Figures that are not sums: the latest date and the median roll up as max / over the subtree's rows. */
export type NodeExtremes = {
  lastEnrolledOn: string | null;
  medianDaysToEnrol: number | null;
  /** Whole days since the oldest query not closed under the node was raised. */
  oldestUnclosedQueryDays: number | null;
};

export type NodeInfo = {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  level: OrgLevel;
  parentId: number | null;
  depth: number;
  active: boolean;
};

export type NodeFigures = NodeInfo & NodeCounts & NodeExtremes;

export const COUNT_KEYS = [
  "sites",
  "activeSites",
  "target",
  "expected",
  "dormantSites",
  "laggingSites",
  "enrolled",
  "enrolledToDate",
  "enrolledLast3m",
  "withdrawn",
  "screened",
  "screenFailed",
  "specimens",
  "participantSpecimens",
  "unclosedQueries",
  "openQueries",
  "answeredQueries",
  "queriesOpened",
  "queriesClosed",
  "aes",
  "saes",
  "lateSaes",
] as const satisfies readonly (keyof NodeCounts)[];

export type CountKey = (typeof COUNT_KEYS)[number];

export function emptyCounts(): NodeCounts {
  const c = Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as Record<CountKey, number>;
  return { ...c, specimensByType: {} };
}
