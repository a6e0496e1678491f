import { accrualPlan, type AccrualPlan, type AccrualPoint } from "@/lib/metrics/accrual";
import type { Projection } from "@/lib/metrics/derive";
import { toNodeFigures, type NodeRow } from "@/lib/metrics/node-rows";
import type { DashboardParams } from "@/lib/metrics/params";
import type { DashboardReach } from "@/lib/metrics/scope";
import type { ViewSql } from "@/lib/metrics/sql/view";
import { viewProjection, viewTarget, type ViewTarget } from "@/lib/metrics/target";
import type { NodeFigures } from "@/lib/metrics/types";

/*
 * The shape of one dashboard view and how the facts queries' rows become it. Pure: the reads
 * themselves (scope, SQL) are lib/metrics/queries/dashboard.ts. The browser imports the types.
 *
 * A view comes in parts so that the page can stream each block as its data arrives and the
 * live refresh can fetch each again (GET /api/dashboard?part=…): the shell (where the view is,
 * which study, which studies may be chosen) at once; the body — the figures of every node and
 * the short lists, read in one statement — and the chosen study's accrual as they come.
 * DashboardData is all of them together.
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
/** `id`: for reads of the chosen study made beside the dashboard's own (its CRF figures). */
export type StudySummary = Pick<StudyRef, "id" | "code" | "titleZh" | "titleEn" | "status" | "targetEnrolment">;
export type RootRef = { id: number; code: string; nameZh: string; nameEn: string };

/** The view an actor gets for the params: its root, the way back up, the study, and its SQL. */
export type ResolvedView = {
  sql: ViewSql;
  root: RootRef & { path: string; depth: number };
  crumbs: Crumb[];
  study: StudyRef | null;
  reach: DashboardReach;
  /** The view shows the whole network (its root, for an actor who reaches all of it). */
  wholeNetwork: boolean;
};

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

/** Where the view is: what the page shows before any figure has arrived. */
export type DashboardShell = {
  params: DashboardParams;
  reach: DashboardReach;
  crumbs: Crumb[];
  root: RootRef;
  study: StudySummary | null;
  /** Codes of the studies the view may be narrowed to (a site under the root, in the actor's reach). */
  studyOptions: string[];
  wholeNetwork: boolean;
};

/** Every node's figures: root first, then its descendants down to the view's depth. */
export type DashboardFigures = {
  params: DashboardParams;
  rootId: number;
  nodes: NodeFigures[];
  /**
   * The root's own centre alone (its own sites, not its children's), when the view has a league
   * table: the root's figures are this row plus its children's rows.
   */
  own: NodeFigures | null;
  target: ViewTarget;
  projection: Projection;
  /** When these figures were read (ISO): the "updated" time shown is this, on server and browser alike. */
  computedAt: string;
};

export type DashboardLists = {
  params: DashboardParams;
  studies: { rows: StudyRow[]; total: number };
  /** The period's screen failures under the root: what each reason is a share of. */
  screenFailed: number;
  reasons: ReasonRow[];
  flagged: { rows: FlaggedSite[]; total: number };
  computedAt: string;
};

export type DashboardAccrual = {
  params: DashboardParams;
  study: StudySummary;
  points: AccrualPoint[];
  plan: AccrualPlan | null;
  target: ViewTarget;
  enrolledToDate: number;
  enrolledLast3m: number;
  projection: Projection;
  computedAt: string;
};

/** Everything one dashboard view shows: aggregates only, never a participant-level row. */
export type DashboardData = DashboardShell &
  Omit<DashboardFigures, "computedAt"> &
  Omit<DashboardLists, "computedAt"> & { accrual: DashboardAccrual | null; computedAt: string };

/** The figures and the short lists of a view, read together. */
export type DashboardBody = { params: DashboardParams; figures: DashboardFigures; lists: DashboardLists; computedAt: string };

export type DashboardPart = "body" | "accrual";
export const DASHBOARD_PARTS: readonly DashboardPart[] = ["body", "accrual"];

/** A JSON column as the driver hands it over (parsed by node-postgres and PGlite; text otherwise). */
function json<T>(value: unknown): T[] {
  return (typeof value === "string" ? JSON.parse(value) : value) as T[];
}

const summary = (s: StudyRef): StudySummary => ({ id: s.id, code: s.code, titleZh: s.titleZh, titleEn: s.titleEn, status: s.status, targetEnrolment: s.targetEnrolment });

export function assembleShell(params: DashboardParams, view: ResolvedView, studyOptions: string[]): DashboardShell {
  const { id, code, nameZh, nameEn } = view.root;
  return {
    params,
    reach: view.reach,
    crumbs: view.crumbs,
    root: { id, code, nameZh, nameEn },
    study: view.study ? summary(view.study) : null,
    studyOptions,
    wholeNetwork: view.wholeNetwork,
  };
}

export function assembleFigures(params: DashboardParams, view: ResolvedView, rows: NodeRow[], computedAt: string): DashboardFigures {
  const own = rows.find((r) => Number(r.node_id) < 0);
  const nodes = rows.filter((r) => Number(r.node_id) > 0).map(toNodeFigures);
  const root = nodes.find((n) => n.id === view.root.id);
  if (!root) throw new Error(`dashboard: no figures for the root ${view.root.code}`);
  const target = viewTarget(view.study, view.wholeNetwork, root.target);
  return {
    params,
    rootId: view.root.id,
    nodes,
    // Only a root with children in view has a league table to reconcile with.
    own: own && nodes.some((n) => n.parentId === root.id) ? toNodeFigures(own) : null,
    target,
    projection: viewProjection(target, root.enrolledToDate, root.enrolledLast3m, params.to),
    computedAt,
  };
}

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
type ReasonJson = { study_code: string; code: string; n: number; text_zh: string | null; text_en: string | null };
export type ListsRow = { screen_failed: number; studies: unknown; studies_total: number; flagged: unknown; flagged_total: number; reasons: unknown };
/** The one row of lib/metrics/sql/short-lists.ts dashboardBody. */
export type BodyRow = ListsRow & { nodes: unknown };

export function assembleLists(params: DashboardParams, row: ListsRow, computedAt: string): DashboardLists {
  return {
    params,
    studies: {
      rows: json<StudyJson>(row.studies).map((r) => ({
        code: r.code,
        titleZh: r.title_zh,
        titleEn: r.title_en,
        status: r.status,
        targetEnrolment: r.target_enrolment,
        sites: r.sites,
        siteTarget: r.site_target,
        enrolledToDate: r.enrolled_to_date,
      })),
      total: Number(row.studies_total),
    },
    screenFailed: Number(row.screen_failed),
    reasons: json<ReasonJson>(row.reasons).map((r) => ({ studyCode: r.study_code, code: r.code, n: r.n, textZh: r.text_zh, textEn: r.text_en })),
    flagged: {
      rows: json<FlaggedJson>(row.flagged).map((r) => ({
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
      total: Number(row.flagged_total),
    },
    computedAt,
  };
}

export function assembleBody(params: DashboardParams, view: ResolvedView, row: BodyRow, computedAt: string): DashboardBody {
  return { params, figures: assembleFigures(params, view, json<NodeRow>(row.nodes), computedAt), lists: assembleLists(params, row, computedAt), computedAt };
}

export type AccrualRowSql = { points: unknown; site_target: number; enrolled_last3m: number };

export function assembleAccrual(params: DashboardParams, view: ResolvedView & { study: StudyRef }, row: AccrualRowSql, computedAt: string): DashboardAccrual {
  const points = json<AccrualPoint>(row.points);
  const target = viewTarget(view.study, view.wholeNetwork, Number(row.site_target));
  const enrolledToDate = points.at(-1)?.cumulative ?? 0;
  const enrolledLast3m = Number(row.enrolled_last3m);
  return {
    params,
    study: summary(view.study),
    points,
    plan: accrualPlan(view.study.planStart, view.study.plannedEnd, target.value),
    target,
    enrolledToDate,
    enrolledLast3m,
    projection: viewProjection(target, enrolledToDate, enrolledLast3m, params.to),
    computedAt,
  };
}

export function combineDashboard(shell: DashboardShell, { figures, lists }: DashboardBody, accrual: DashboardAccrual | null): DashboardData {
  return {
    ...shell,
    rootId: figures.rootId,
    nodes: figures.nodes,
    own: figures.own,
    target: figures.target,
    projection: figures.projection,
    studies: lists.studies,
    screenFailed: lists.screenFailed,
    reasons: lists.reasons,
    flagged: lists.flagged,
    accrual,
    computedAt: figures.computedAt,
  };
}
