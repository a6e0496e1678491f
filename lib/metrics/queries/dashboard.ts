import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import type { AccrualPoint } from "@/lib/metrics/accrual";
import { assembleDashboard, type AccrualFamilyRow, type DashboardData, type ResolvedView, type ScreeningFamilyRow, type StudyRef } from "@/lib/metrics/dashboard-data";
import type { FamilyRows } from "@/lib/metrics/merge";
import type { DashboardParams } from "@/lib/metrics/params";
import { centreInReach, countedFacts, dashboardReach, homeCentre, studyInReach, type DashboardActor } from "@/lib/metrics/scope";
import { accrualFamily } from "@/lib/metrics/sql/accrual-family";
import { accrualSeries } from "@/lib/metrics/sql/accrual-series";
import { followUpFamily, screeningFamily, specimenFamily } from "@/lib/metrics/sql/families";
import { studyPlanStart } from "@/lib/metrics/sql/view";
import { defineQuery } from "@/lib/reads/define-query";

// No "server-only" marker: bench/dashboard.ts times this very read under tsx, where Next's
// server-only module does not exist. db/client (node:fs) keeps it out of any browser bundle.

type OrgRow = { id: number; code: string; name_zh: string; name_en: string; path: string; depth: number };
type StudyJson = { id: number; code: string; title_zh: string; title_en: string; status: string; target_enrolment: number; plan_start: string | null; planned_end: string | null };

const orgCols = sql`o.id, o.code, o.name_zh, o.name_en, o.path, o.depth`;
const o = { id: sql`o.id`, path: sql`o.path`, parentId: sql`o.parent_id` };

/**
 * The view an actor gets for the params, or null when the centre or study asked for is outside
 * the actor's reach: every lookup has the reach in its WHERE, so such a view has no root.
 */
async function resolveView(db: Db, actor: DashboardActor, p: DashboardParams): Promise<ResolvedView | null> {
  const reach = dashboardReach(actor);
  const inReach = centreInReach(actor, reach, o);
  const [root] = await queryRows<OrgRow>(
    db,
    sql`select ${orgCols} from organisations o
        where ${p.centre ? sql`o.code = ${p.centre}` : homeCentre(actor, reach, o)} and ${inReach}
        order by o.id limit 1`,
  );
  if (!root) return null;

  let study: StudyRef | null = null;
  if (p.study) {
    const [s] = await queryRows<StudyJson>(
      db,
      sql`select s.id, s.code, s.title_zh, s.title_en, s.status, s.target_enrolment,
            to_char(${studyPlanStart("s")}, 'YYYY-MM-DD') as plan_start, to_char(s.planned_end, 'YYYY-MM-DD') as planned_end
          from studies s where s.code = ${p.study} and ${studyInReach(actor, sql`s.id`)}`,
    );
    if (!s) return null;
    study = { id: s.id, code: s.code, titleZh: s.title_zh, titleEn: s.title_en, status: s.status, targetEnrolment: s.target_enrolment, planStart: s.plan_start, plannedEnd: s.planned_end };
  }

  const ancestorIds = root.path.split("/").filter(Boolean).map(Number).filter((id) => id !== root.id);
  const ancestors = ancestorIds.length
    ? await queryRows<OrgRow>(db, sql`select ${orgCols} from organisations o where o.id in ${ancestorIds} and ${inReach} order by o.depth`)
    : [];
  const crumbs = [...ancestors, root].map((c) => ({ code: c.code, nameZh: c.name_zh, nameEn: c.name_en }));

  return {
    reach,
    root,
    crumbs,
    study,
    sql: {
      rootPath: root.path,
      maxDepth: reach.centres === "own" ? root.depth : root.depth + 2,
      ...countedFacts(actor, reach, study?.id ?? null),
      from: p.from ?? null,
      to: p.to,
    },
  };
}

/**
 * The dashboard of a node (and optionally a study) over a period, within the actor's reach:
 * aggregates only, never a participant-level row. The reach (lib/metrics/scope.ts) decides the
 * view and is in the WHERE of every family query; null when the centre or study asked for is
 * outside it, or when the actor may not read dashboards (the page and route answer 404).
 * One SQL aggregate per family of figures over the centre tree, plus the short lists shown.
 */
export const getDashboard = defineQuery({
  permission: "dashboard.read",
  run: async (actor: DashboardActor, params: DashboardParams, db?: Db): Promise<DashboardData | null> => {
    const d = db ?? (await getDb());
    const view = await resolveView(d, actor, params);
    if (!view) return null;
    const v = view.sql;
    const [[accrual], [screening], specimens, followUp, series] = await Promise.all([
      queryRows<AccrualFamilyRow>(d, accrualFamily(v, view.root.id)),
      queryRows<ScreeningFamilyRow>(d, screeningFamily(v)),
      queryRows<FamilyRows["specimens"][number]>(d, specimenFamily(v)),
      queryRows<FamilyRows["followUp"][number]>(d, followUpFamily(v)),
      view.study ? queryRows<AccrualPoint>(d, accrualSeries(v, view.study.id)) : Promise.resolve(null),
    ]);
    return assembleDashboard(params, view, { accrual, screening, specimens, followUp, series });
  },
  otherwise: (): DashboardData | null => null,
});
