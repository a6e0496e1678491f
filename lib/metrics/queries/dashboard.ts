import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import { subtreePattern } from "@/lib/authz/scope";
import {
  assembleAccrual,
  assembleBody,
  assembleShell,
  combineDashboard,
  type AccrualRowSql,
  type BodyRow,
  type DashboardAccrual,
  type DashboardBody,
  type DashboardData,
  type DashboardShell,
  type ResolvedView,
  type StudyRef,
} from "@/lib/metrics/dashboard-data";
import { ensureFactsZone } from "@/lib/metrics/facts-zone";
import type { DashboardParams } from "@/lib/metrics/params";
import { centreInReach, countedFacts, dashboardReach, homeCentre, studyInReach, type DashboardActor } from "@/lib/metrics/scope";
import { assembleMolecular, type DashboardMolecular } from "@/lib/metrics/molecular";
import { accrualSeries } from "@/lib/metrics/sql/accrual-series";
import { biomarkerFunnel, viewDonors, viewParticipants, type FunnelRow } from "@/lib/metrics/sql/biomarker-funnel";
import { molecularFigures, type MolecularNodeRow } from "@/lib/metrics/sql/molecular-figures";
import { computeMatches } from "@/lib/molecular/match-engine";
import { dashboardBody, STUDY_OPTIONS_LIMIT } from "@/lib/metrics/sql/short-lists";
import { studyPlanStart } from "@/lib/metrics/sql/view";
import { defineQuery } from "@/lib/reads/define-query";
import { networkToday } from "@/lib/time/network-day";

// No "server-only" marker: bench/dashboard.ts times these very reads under tsx, where Next's
// server-only module does not exist. db/client (node:fs) keeps them out of any browser bundle.

type OrgRow = { id: number; code: string; name_zh: string; name_en: string; path: string; depth: number; parent_id: number | null };
type StudyJson = { id: number; code: string; title_zh: string; title_en: string; status: string; target_enrolment: number; plan_start: string | null; planned_end: string | null };

const orgCols = sql`o.id, o.code, o.name_zh, o.name_en, o.path, o.depth, o.parent_id`;
const o = { id: sql`o.id`, path: sql`o.path`, parentId: sql`o.parent_id` };

/**
 * The view an actor gets for the params, or null when the centre or study asked for is outside
 * the actor's reach: every lookup has the reach in its WHERE, so such a view has no root.
 * One statement (one round trip to the database thread): the root and the ancestors in reach,
 * by depth (the root last), each row carrying the study asked for.
 */
async function resolveView(db: Db, actor: DashboardActor, p: DashboardParams): Promise<ResolvedView | null> {
  const reach = dashboardReach(actor);
  const inReach = centreInReach(actor, reach, o);
  const studyCol = p.study
    ? sql`(select to_jsonb(x) from (
        select s.id, s.code, s.title_zh, s.title_en, s.status, s.target_enrolment,
          to_char(${studyPlanStart("s")}, 'YYYY-MM-DD') as plan_start, to_char(s.planned_end, 'YYYY-MM-DD') as planned_end
        from studies s where s.code = ${p.study} and ${studyInReach(actor, sql`s.id`)}) x)`
    : sql`null::jsonb`;
  const rows = await queryRows<OrgRow & { is_root: boolean; study: StudyJson | string | null }>(
    db,
    sql`with root as materialized (
          select o.id, o.path from organisations o
          where ${p.centre ? sql`o.code = ${p.centre}` : homeCentre(actor, reach, o)} and ${inReach}
          order by o.id limit 1
        )
        select ${orgCols}, o.id = (select id from root) as is_root, ${studyCol} as study
        from organisations o
        where o.id = (select id from root)
           or (o.id = any (string_to_array(trim(both '/' from (select path from root)), '/')::int[]) and ${inReach})
        order by o.depth, o.id`,
  );
  const root = rows.find((r) => r.is_root);
  if (!root) return null;

  let study: StudyRef | null = null;
  if (p.study) {
    const s = (typeof root.study === "string" ? JSON.parse(root.study) : root.study) as StudyJson | null;
    if (!s) return null;
    study = { id: s.id, code: s.code, titleZh: s.title_zh, titleEn: s.title_en, status: s.status, targetEnrolment: s.target_enrolment, planStart: s.plan_start, plannedEnd: s.planned_end };
  }

  const ancestors = rows.filter((r) => !r.is_root);
  const crumbs = [...ancestors, root].map((c) => ({ code: c.code, nameZh: c.name_zh, nameEn: c.name_en }));
  const depth = Number(root.depth);
  const maxDepth = reach.centres === "own" ? depth : depth + 2;

  return {
    reach,
    root: { id: root.id, code: root.code, nameZh: root.name_zh, nameEn: root.name_en, path: root.path, depth },
    crumbs,
    study,
    wholeNetwork: reach.centres === "network" && root.parent_id === null,
    sql: {
      rootId: root.id,
      rootPath: root.path,
      maxDepth,
      withOwn: maxDepth > depth,
      ...countedFacts(actor, reach, study?.id ?? null),
      from: p.from ?? null,
      to: p.to,
      today: networkToday(),
    },
  };
}

/** The view, once the facts count the network's days (facts-zone.ts). */
async function openView(actor: DashboardActor, params: DashboardParams, db?: Db): Promise<{ db: Db; view: ResolvedView } | null> {
  const d = db ?? (await getDb());
  await ensureFactsZone(d);
  const view = await resolveView(d, actor, params);
  return view ? { db: d, view } : null;
}

async function readBody(db: Db, params: DashboardParams, view: ResolvedView): Promise<DashboardBody> {
  const at = new Date().toISOString();
  const [row] = await queryRows<BodyRow>(db, dashboardBody(view.sql));
  return assembleBody(params, view, row, at);
}

async function readAccrual(db: Db, params: DashboardParams, view: ResolvedView): Promise<DashboardAccrual | null> {
  const study = view.study;
  if (!study) return null;
  const at = new Date().toISOString();
  const [row] = await queryRows<AccrualRowSql>(db, accrualSeries(view.sql, study.id));
  return assembleAccrual(params, { ...view, study }, row, at);
}

/** The studies a view may be narrowed to: a site under the root, in the actor's study reach. */
async function readStudyOptions(db: Db, actor: DashboardActor, view: ResolvedView): Promise<string[]> {
  const rows = await queryRows<{ code: string }>(
    db,
    sql`select s.code from studies s
        where ${studyInReach(actor, sql`s.id`)}
          and exists (select 1 from study_sites ss join organisations c on c.id = ss.centre_id
                      where ss.study_id = s.id and c.path like ${subtreePattern(view.sql.rootPath)} and ${view.sql.centreCond(sql`c.id`)})
        order by s.code limit ${STUDY_OPTIONS_LIMIT}`,
  );
  return rows.map((r) => r.code);
}

/*
 * The dashboard's reads. Each takes the actor first, needs "dashboard.read", and resolves the
 * view itself within the actor's reach (lib/metrics/scope.ts): null when the centre or study
 * asked for is outside it, or when the actor may not read dashboards (the page and route then
 * answer 404). Aggregates only, never a participant-level row. The page streams them block by
 * block; GET /api/dashboard answers the same parts for the live refresh, or all of them.
 */

/** Where the view is, which study, and which studies it may be narrowed to. */
export const getDashboardShell = defineQuery({
  permission: "dashboard.read",
  run: async (actor: DashboardActor, params: DashboardParams, db?: Db): Promise<DashboardShell | null> => {
    const opened = await openView(actor, params, db);
    if (!opened) return null;
    return assembleShell(params, opened.view, await readStudyOptions(opened.db, actor, opened.view));
  },
  otherwise: (): DashboardShell | null => null,
});

/**
 * Every figure of the root, its own centre and the nodes below it, with the view's target and
 * projection; and the studies under the root, the sites needing attention and the top
 * screen-failure reasons (one statement).
 */
export const getDashboardBody = defineQuery({
  permission: "dashboard.read",
  run: async (actor: DashboardActor, params: DashboardParams, db?: Db): Promise<DashboardBody | null> => {
    const opened = await openView(actor, params, db);
    return opened ? readBody(opened.db, params, opened.view) : null;
  },
  otherwise: (): DashboardBody | null => null,
});

/** The chosen study's accrual under the root (null without a study, or outside the reach). */
export const getDashboardAccrual = defineQuery({
  permission: "dashboard.read",
  run: async (actor: DashboardActor, params: DashboardParams, db?: Db): Promise<DashboardAccrual | null> => {
    const opened = await openView(actor, params, db);
    return opened ? readAccrual(opened.db, params, opened.view) : null;
  },
  otherwise: (): DashboardAccrual | null => null,
});

/** The whole view at once: every part above, from one resolution of the view. */
export const getDashboard = defineQuery({
  permission: "dashboard.read",
  run: async (actor: DashboardActor, params: DashboardParams, db?: Db): Promise<DashboardData | null> => {
    const opened = await openView(actor, params, db);
    if (!opened) return null;
    const { db: d, view } = opened;
    // The study options come in the body's statement: the whole view is one statement after
    // the view's resolution (two with a study's accrual), not one per part.
    const at = new Date().toISOString();
    const [[row], accrual] = await Promise.all([
      queryRows<BodyRow & { study_options: unknown }>(d, dashboardBody(view.sql, undefined, { studyOptions: studyInReach(actor, sql`s.id`) })),
      readAccrual(d, params, view),
    ]);
    const options = (typeof row.study_options === "string" ? JSON.parse(row.study_options) : row.study_options) as string[];
    return combineDashboard(assembleShell(params, view, options), assembleBody(params, view, row, at), accrual);
  },
  otherwise: (): DashboardData | null => null,
});

/**
 * Molecular tests of the view by node: ordered, reported, median turnaround, actionable share,
 * germline counts above the minimum cell; and for each recruiting biomarker study the funnel
 * matched → invited → screened → enrolled over the view's patients and donors.
 */
export const getDashboardMolecular = defineQuery({
  permission: "dashboard.read",
  run: async (actor: DashboardActor, params: DashboardParams, db?: Db): Promise<DashboardMolecular | null> => {
    const opened = await openView(actor, params, db);
    if (!opened) return null;
    const { db: d, view } = opened;
    const [rows, funnel] = await Promise.all([queryRows<MolecularNodeRow>(d, molecularFigures(view.sql)), queryRows<FunnelRow>(d, biomarkerFunnel(view.sql))]);
    // Matches are decided by the molecular domain's engine over the view's patients; only their number per study leaves here.
    const matches = funnel.length
      ? await computeMatches(d, { scope: viewParticipants(view.sql), donors: viewDonors(view.sql), results: sql`true`, studyIds: funnel.map((f) => f.study_id) })
      : [];
    // Not yet invited: the invited are counted from their invitations (screened or not).
    const open = new Map<number, number>();
    for (const m of matches) if (!m.invitation) open.set(m.studyId, (open.get(m.studyId) ?? 0) + 1);
    return assembleMolecular(rows, view.sql.rootId, funnel, open);
  },
  otherwise: (): DashboardMolecular | null => null,
});
