import type { OrgLevel } from "@/db/schema";
import { emptyCounts, type NodeFigures } from "@/lib/metrics/types";

/** Rows as the family queries answer them (snake_case, one per node with any fact). */
export type FamilyRows = {
  nodes: { id: number; code: string; name_zh: string; name_en: string; level: OrgLevel; parent_id: number | null; depth: number; active: boolean }[];
  sites: { node_id: number; sites: number; active_sites: number; target: number; expected: number; dormant_sites: number; lagging_sites: number }[];
  enrolment: {
    node_id: number;
    enrolled: number;
    enrolled_to_date: number;
    enrolled_last3m: number;
    withdrawn: number;
    last_enrolled_on: string | null;
    median_days_to_enrol: number | null;
  }[];
  screening: { node_id: number; screened: number; screen_failed: number }[];
  specimens: { node_id: number; specimens: number; participant_specimens: number; specimens_by_type: Record<string, number> | string }[];
  followUp: { node_id: number; open_queries: number; oldest_open_query_days: number | null; aes: number; saes: number; late_saes: number }[];
};

/**
 * Puts each node's family rows side by side (a node absent from a family had no facts: zero).
 * No arithmetic over facts happens here; the sums are the database's.
 */
export function mergeFamilies(r: FamilyRows): NodeFigures[] {
  const by = <T extends { node_id: number }>(rows: T[]) => new Map(rows.map((x) => [Number(x.node_id), x]));
  const [sites, enrol, screen, spec, fu] = [by(r.sites), by(r.enrolment), by(r.screening), by(r.specimens), by(r.followUp)];
  return r.nodes.map((n) => {
    const s = sites.get(n.id);
    const e = enrol.get(n.id);
    const sc = screen.get(n.id);
    const sp = spec.get(n.id);
    const f = fu.get(n.id);
    const byType = sp ? (typeof sp.specimens_by_type === "string" ? (JSON.parse(sp.specimens_by_type) as Record<string, number>) : sp.specimens_by_type) : {};
    return {
      ...emptyCounts(),
      id: n.id,
      code: n.code,
      nameZh: n.name_zh,
      nameEn: n.name_en,
      level: n.level,
      parentId: n.parent_id,
      depth: n.depth,
      active: n.active,
      sites: s?.sites ?? 0,
      activeSites: s?.active_sites ?? 0,
      target: s?.target ?? 0,
      expected: Number(s?.expected ?? 0),
      dormantSites: s?.dormant_sites ?? 0,
      laggingSites: s?.lagging_sites ?? 0,
      enrolled: e?.enrolled ?? 0,
      enrolledToDate: e?.enrolled_to_date ?? 0,
      enrolledLast3m: e?.enrolled_last3m ?? 0,
      withdrawn: e?.withdrawn ?? 0,
      lastEnrolledOn: e?.last_enrolled_on ?? null,
      medianDaysToEnrol: e?.median_days_to_enrol === null || e?.median_days_to_enrol === undefined ? null : Number(e.median_days_to_enrol),
      screened: sc?.screened ?? 0,
      screenFailed: sc?.screen_failed ?? 0,
      specimens: sp?.specimens ?? 0,
      participantSpecimens: sp?.participant_specimens ?? 0,
      specimensByType: byType,
      openQueries: f?.open_queries ?? 0,
      oldestOpenQueryDays: f?.oldest_open_query_days ?? null,
      aes: f?.aes ?? 0,
      saes: f?.saes ?? 0,
      lateSaes: f?.late_saes ?? 0,
    };
  });
}
