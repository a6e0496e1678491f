import { queryRows, type Db } from "@/db/client";
import { accrualPlan, type AccrualPoint, type AccrualPlan } from "@/lib/metrics/accrual";
import { mergeFamilies, type FamilyRows } from "@/lib/metrics/merge";
import type { DashboardParams } from "@/lib/metrics/params";
import { resolveView, type Crumb, type DashboardActor, type DashboardReach } from "@/lib/metrics/scope";
import { accrualFamily } from "@/lib/metrics/sql/accrual-family";
import { followUpFamily, screeningFamily, specimenFamily } from "@/lib/metrics/sql/families";
import { accrualSeries } from "@/lib/metrics/sql/accrual-series";
import type { NodeFigures } from "@/lib/metrics/types";

export type ReasonRow = { studyCode: string; code: string; n: number; textZh: string | null; textEn: string | null };
export type StudyRow = { code: string; titleZh: string; titleEn: string; status: string; targetEnrolment: number; sites: number; siteTarget: number; enrolledToDate: number };
export type FlaggedSite = {
  studyCode: string;
  centreCode: string;
  nameZh: string;
  nameEn: string;
  target: number;
  enrolled: number;
  expected: number;
  lastEnrolledOn: string | null;
  dormant: boolean;
  lagging: boolean;
};

type StudyJson = { code: string; title_zh: string; title_en: string; status: string; target_enrolment: number; sites: number; site_target: number; enrolled_to_date: number };
type FlaggedJson = {
  study_code: string;
  centre_code: string;
  name_zh: string;
  name_en: string;
  target: number;
  enrolled: number;
  expected: number;
  last_enrolled_on: string | null;
  dormant: boolean;
  lagging: boolean;
};
type AccrualFamilyRow = { nodes: unknown; studies: unknown; studies_total: number; flagged: unknown; flagged_total: number };

/** A JSON column as the driver hands it over (parsed by node-postgres and PGlite; text otherwise). */
function json<T>(value: unknown): T[] {
  return (typeof value === "string" ? JSON.parse(value) : value) as T[];
}

/** Everything one dashboard view shows: aggregates only, never a participant-level row. */
export type DashboardData = {
  params: DashboardParams;
  reach: DashboardReach;
  crumbs: Crumb[];
  /** Root first, then its descendants down to the view's depth. */
  nodes: NodeFigures[];
  rootId: number;
  study: { code: string; titleZh: string; titleEn: string; status: string; targetEnrolment: number } | null;
  studies: { rows: StudyRow[]; total: number };
  reasons: ReasonRow[];
  flagged: { rows: FlaggedSite[]; total: number };
  accrual: { points: AccrualPoint[]; plan: AccrualPlan | null } | null;
};

/**
 * The dashboard of a node (and optionally a study) over a period, within the actor's reach;
 * null when the centre or study asked for is outside it. One SQL aggregate per family of
 * figures over the centre tree, plus the short lists the page shows.
 */
export async function loadDashboard(db: Db, actor: DashboardActor, params: DashboardParams): Promise<DashboardData | null> {
  const view = await resolveView(db, actor, params);
  if (!view) return null;
  const v = view.sql;
  const [[accrualRow], [screeningRow], specimens, followUp, accrual] = await Promise.all([
    queryRows<AccrualFamilyRow>(db, accrualFamily(v, view.root.id)),
    queryRows<{ nodes: unknown; reasons: unknown }>(db, screeningFamily(v)),
    queryRows<FamilyRows["specimens"][number]>(db, specimenFamily(v)),
    queryRows<FamilyRows["followUp"][number]>(db, followUpFamily(v)),
    view.study ? queryRows<AccrualPoint>(db, accrualSeries(v, view.study.id)) : Promise.resolve(null),
  ]);
  const nodeRows = json<Omit<FamilyRows["nodes"][number], "id"> & FamilyRows["sites"][number] & FamilyRows["enrolment"][number]>(accrualRow.nodes);
  const screening = json<FamilyRows["screening"][number]>(screeningRow.nodes);
  const reasons = json<{ study_code: string; code: string; n: number; text_zh: string | null; text_en: string | null }>(screeningRow.reasons);
  const studies = json<StudyJson>(accrualRow.studies);
  const flagged = json<FlaggedJson>(accrualRow.flagged);
  const merged = mergeFamilies({ nodes: nodeRows.map((n) => ({ ...n, id: n.node_id })), sites: nodeRows, enrolment: nodeRows, screening, specimens, followUp });
  const root = merged.find((n) => n.id === view.root.id);
  const s = view.study;
  return {
    params,
    reach: view.reach,
    crumbs: view.crumbs,
    nodes: merged,
    rootId: view.root.id,
    study: s ? { code: s.code, titleZh: s.titleZh, titleEn: s.titleEn, status: s.status, targetEnrolment: s.targetEnrolment } : null,
    studies: {
      rows: studies.map((r) => ({
        code: r.code,
        titleZh: r.title_zh,
        titleEn: r.title_en,
        status: r.status,
        targetEnrolment: r.target_enrolment,
        sites: r.sites,
        siteTarget: r.site_target,
        enrolledToDate: r.enrolled_to_date,
      })),
      total: accrualRow.studies_total,
    },
    reasons: reasons.map((r) => ({ studyCode: r.study_code, code: r.code, n: r.n, textZh: r.text_zh, textEn: r.text_en })),
    flagged: {
      rows: flagged.map((r) => ({
        studyCode: r.study_code,
        centreCode: r.centre_code,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        target: r.target,
        enrolled: r.enrolled,
        expected: r.expected,
        lastEnrolledOn: r.last_enrolled_on,
        dormant: r.dormant,
        lagging: r.lagging,
      })),
      total: accrualRow.flagged_total,
    },
    accrual:
      s && accrual
        ? {
            points: accrual,
            // The whole study's target when the view covers all of it; the sites' targets otherwise.
            plan: accrualPlan(s.planStart, s.plannedEnd, view.reach.centres !== "network" || view.crumbs.length > 1 ? (root?.target ?? 0) : s.targetEnrolment),
          }
        : null,
  };
}
