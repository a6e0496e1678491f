import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { isWithin } from "@/lib/authz/scope";
import { studyScope } from "@/lib/studies/scope";
import type { DashboardParams } from "@/lib/metrics/params";
import type { ViewSql } from "@/lib/metrics/sql/view";

export type DashboardActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

/**
 * How far an actor's dashboard reaches: admins and viewers the whole network; coordinators
 * their subtree; PIs and monitors the whole tree but only their studies; site staff (and the
 * biobank manager) their own centre.
 */
export type DashboardReach = { centres: "network" | "subtree" | "own"; studies: "all" | "own" };

export function dashboardReach(actor: Pick<Actor, "role">): DashboardReach {
  switch (actor.role) {
    case "network_admin":
    case "viewer":
      return { centres: "network", studies: "all" };
    case "centre_coordinator":
      return { centres: "subtree", studies: "all" };
    case "pi":
    case "monitor":
      return { centres: "network", studies: "own" };
    default:
      return { centres: "own", studies: "all" };
  }
}

type OrgRow = { id: number; code: string; name_zh: string; name_en: string; path: string; depth: number };
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
export type Crumb = { code: string; nameZh: string; nameEn: string };

export type ResolvedView = { sql: ViewSql; root: OrgRow; crumbs: Crumb[]; study: StudyRef | null; reach: DashboardReach };

function centreInReach(actor: DashboardActor, reach: DashboardReach, o: Pick<OrgRow, "id" | "path">): boolean {
  if (reach.centres === "network") return true;
  if (reach.centres === "subtree") return isWithin(o.path, actor.centrePath);
  return o.id === actor.centreId;
}

/**
 * Decides the view an actor gets for the params, or null when the centre or study asked for is
 * outside the actor's reach (the page and the route handler then answer 404).
 */
export async function resolveView(db: Db, actor: DashboardActor, p: DashboardParams): Promise<ResolvedView | null> {
  const reach = dashboardReach(actor);
  const orgCols = sql`id, code, name_zh, name_en, path, depth`;
  const [root] = p.centre
    ? await queryRows<OrgRow>(db, sql`select ${orgCols} from organisations where code = ${p.centre}`)
    : reach.centres === "network"
      ? await queryRows<OrgRow>(db, sql`select ${orgCols} from organisations where parent_id is null order by id limit 1`)
      : await queryRows<OrgRow>(db, sql`select ${orgCols} from organisations where id = ${actor.centreId}`);
  if (!root || !centreInReach(actor, reach, root)) return null;

  let study: StudyRef | null = null;
  if (p.study) {
    const [s] = await queryRows<{ id: number; code: string; title_zh: string; title_en: string; status: string; target_enrolment: number; plan_start: string | null; planned_end: string | null }>(
      db,
      sql`select s.id, s.code, s.title_zh, s.title_en, s.status, s.target_enrolment,
            to_char(coalesce((s.recruiting_started_at at time zone 'Asia/Shanghai')::date, s.planned_start), 'YYYY-MM-DD') as plan_start,
            to_char(s.planned_end, 'YYYY-MM-DD') as planned_end
          from studies s where s.code = ${p.study} and ${studyScope(actor, sql`s.id`)}`,
    );
    if (!s) return null;
    study = { id: s.id, code: s.code, titleZh: s.title_zh, titleEn: s.title_en, status: s.status, targetEnrolment: s.target_enrolment, planStart: s.plan_start, plannedEnd: s.planned_end };
  }

  const ancestorIds = root.path.split("/").filter(Boolean).map(Number).filter((id) => id !== root.id);
  const ancestors = ancestorIds.length
    ? await queryRows<OrgRow>(db, sql`select ${orgCols} from organisations where id in ${ancestorIds} order by depth`)
    : [];
  const crumbs = [...ancestors.filter((a) => centreInReach(actor, reach, a)), root].map((o) => ({ code: o.code, nameZh: o.name_zh, nameEn: o.name_en }));

  const centreCond = (col: SQL): SQL => {
    if (reach.centres === "own") return sql`${col} = ${actor.centreId}`;
    return sql`true`; // the root already lies in the actor's subtree and the view never leaves it
  };
  const limits: ((col: SQL) => SQL)[] = [];
  // As an IN over the studies table so the planner hashes the actor's few studies once.
  if (reach.studies === "own") limits.push((col) => sql`${col} in (select s9.id from studies s9 where ${studyScope(actor, sql`s9.id`)})`);
  if (study) {
    const id = study.id;
    limits.push((col) => sql`${col} = ${id}`);
  }
  const studyCond = (col: SQL): SQL => (limits.length ? sql.join(limits.map((f) => f(col)), sql` and `) : sql`true`);

  return {
    reach,
    root,
    crumbs,
    study,
    sql: {
      rootPath: root.path,
      maxDepth: reach.centres === "own" ? root.depth : root.depth + 2,
      centreCond,
      studyCond,
      studyLimited: limits.length > 0,
      from: p.from ?? null,
      to: p.to,
    },
  };
}
