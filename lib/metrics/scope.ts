import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/authz/actor";
import { centreReach, subtreePattern, type CentreReach } from "@/lib/authz/scope";
import { studyScope } from "@/lib/studies/scope";

export type DashboardActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

/**
 * How far an actor's dashboard reaches: admins and viewers the whole network; coordinators
 * their subtree; PIs and monitors the whole tree but only their studies; site staff (and the
 * biobank manager) their own centre.
 */
export type DashboardReach = { centres: CentreReach; studies: "all" | "own" };

export function dashboardReach(actor: Pick<Actor, "role">): DashboardReach {
  if (actor.role === "pi" || actor.role === "monitor") return { centres: "network", studies: "own" };
  return { centres: centreReach(actor), studies: "all" };
}

/** An organisations row as a WHERE sees it (any alias). */
type OrgCols = { id: SQL; path: SQL };

/**
 * The centres a view may be rooted at or lead back to (breadcrumbs), as a WHERE condition over
 * organisations: the network, the actor's subtree, or the actor's own centre. A centre outside
 * matches no row, so a view asked for there does not exist.
 */
export function centreInReach(actor: DashboardActor, reach: DashboardReach, o: OrgCols): SQL {
  switch (reach.centres) {
    case "network":
      return sql`true`;
    case "subtree":
      return sql`${o.path} like ${subtreePattern(actor.centrePath)}`;
    case "own":
      return sql`${o.id} = ${actor.centreId}`;
  }
}

/** Where a view starts when no centre is asked for: the network's root, or the actor's own centre. */
export function homeCentre(actor: DashboardActor, reach: DashboardReach, o: OrgCols & { parentId: SQL }): SQL {
  return reach.centres === "network" ? sql`${o.parentId} is null` : sql`${o.id} = ${actor.centreId}`;
}

/** The studies a view may be narrowed to (the study filter), over a studies id column. */
export function studyInReach(actor: DashboardActor, studyId: SQL): SQL {
  const reach = dashboardReach(actor);
  if (reach.studies === "own") return studyScope(actor, studyId);
  // Roles that see every study's figures at their centres (a biobank manager, site staff, a
  // coordinator) may also narrow the view to a study with a site among those centres: the
  // studies table lists it, so its link must open.
  const site = sql`exists (select 1 from study_sites ss9 join organisations o9 on o9.id = ss9.centre_id
    where ss9.study_id = ${studyId} and ${centreInReach(actor, reach, { id: sql`o9.id`, path: sql`o9.path` })})`;
  return sql`(${studyScope(actor, studyId)} or ${site})`;
}

/**
 * Whose facts a view counts, as conditions on a fact's centre and study columns: site staff
 * only their own centre's (a root in a coordinator's subtree never leaves it, so nothing more
 * is needed there); PIs and monitors only their studies' facts; and only the chosen study's.
 */
export function countedFacts(
  actor: DashboardActor,
  reach: DashboardReach,
  studyId: number | null,
): { centreCond: (centreId: SQL) => SQL; studyCond: (studyId: SQL) => SQL; studyLimited: boolean } {
  const centreCond = (col: SQL): SQL => (reach.centres === "own" ? sql`${col} = ${actor.centreId}` : sql`true`);
  const limits: ((col: SQL) => SQL)[] = [];
  // As an IN over the studies table so the planner hashes the actor's few studies once.
  if (reach.studies === "own") limits.push((col) => sql`${col} in (select s9.id from studies s9 where ${studyScope(actor, sql`s9.id`)})`);
  if (studyId !== null) limits.push((col) => sql`${col} = ${studyId}`);
  const studyCond = (col: SQL): SQL => (limits.length ? sql.join(limits.map((f) => f(col)), sql` and `) : sql`true`);
  return { centreCond, studyCond, studyLimited: limits.length > 0 };
}
