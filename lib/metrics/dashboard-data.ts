import { accrualPlan, type AccrualPoint, type AccrualPlan } from "@/lib/metrics/accrual";
import { mergeFamilies, type FamilyRows } from "@/lib/metrics/merge";
import type { DashboardParams } from "@/lib/metrics/params";
import type { DashboardReach } from "@/lib/metrics/scope";
import type { ViewSql } from "@/lib/metrics/sql/view";
import type { NodeFigures } from "@/lib/metrics/types";

/*
 * The shape of one dashboard view, and how the family queries' rows become it. Pure: the read
 * itself (scope, SQL) is lib/metrics/queries/dashboard.ts. The browser imports the types.
 */

export type Crumb = { code: string; nameZh: string; nameEn: string };
export type StudyRef = {
  id: number;
  code: string;
  titleZh: string;
  titleEn: string;
  status: string;
  targetEnrolment: number;
  planStart: string | null;
  plannedEnd: string | null;
};

/** The view an actor gets for the params: its root, the way back up, the study, and its SQL. */
export type ResolvedView = { sql: ViewSql; root: { id: number }; crumbs: Crumb[]; study: StudyRef | null; reach: DashboardReach };

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
export type AccrualFamilyRow = { nodes: unknown; studies: unknown; studies_total: number; flagged: unknown; flagged_total: number };
export type ScreeningFamilyRow = { nodes: unknown; reasons: unknown };
type ReasonJson = { study_code: string; code: string; n: number; text_zh: string | null; text_en: string | null };

/** What the family queries of one view answered (lib/metrics/sql). */
export type FamilyAnswers = {
  accrual: AccrualFamilyRow;
  screening: ScreeningFamilyRow;
  specimens: FamilyRows["specimens"];
  followUp: FamilyRows["followUp"];
  /** The chosen study's monthly series; null when the view covers every study. */
  series: AccrualPoint[] | null;
};

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
 * One view's figures from its family rows: the nodes merged side by side, the short lists
 * renamed, and the accrual plan of the chosen study. No fact is counted here.
 */
export function assembleDashboard(params: DashboardParams, view: ResolvedView, a: FamilyAnswers): DashboardData {
  const nodeRows = json<Omit<FamilyRows["nodes"][number], "id"> & FamilyRows["sites"][number] & FamilyRows["enrolment"][number]>(a.accrual.nodes);
  const screening = json<FamilyRows["screening"][number]>(a.screening.nodes);
  const reasons = json<ReasonJson>(a.screening.reasons);
  const studies = json<StudyJson>(a.accrual.studies);
  const flagged = json<FlaggedJson>(a.accrual.flagged);
  const merged = mergeFamilies({ nodes: nodeRows.map((n) => ({ ...n, id: n.node_id })), sites: nodeRows, enrolment: nodeRows, screening, specimens: a.specimens, followUp: a.followUp });
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
      total: a.accrual.studies_total,
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
      total: a.accrual.flagged_total,
    },
    accrual:
      s && a.series
        ? {
            points: a.series,
            // The whole study's target when the view covers all of it; the sites' targets otherwise.
            plan: accrualPlan(s.planStart, s.plannedEnd, view.reach.centres !== "network" || view.crumbs.length > 1 ? (root?.target ?? 0) : s.targetEnrolment),
          }
        : null,
  };
}
