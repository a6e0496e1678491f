import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { centreScope, subtreePattern } from "@/lib/authz/scope";
import { studyScope } from "@/lib/studies/scope";

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath"> & { subtreeIds?: number[] };
type CentreActor = Pick<Actor, "role" | "centreId">;

/** The actor with the ids of its centre subtree resolved (one small query), as specimen scope needs. */
export async function withSubtree<A extends Pick<Actor, "role" | "centrePath">>(db: Db, actor: A): Promise<A & { subtreeIds?: number[] }> {
  if (actor.role !== "centre_coordinator") return actor;
  const rows = await queryRows<{ id: number }>(db, sql`select id from organisations where path like ${subtreePattern(actor.centrePath)}`);
  return { ...actor, subtreeIds: rows.map((r) => r.id) };
}

/**
 * The one place that decides which specimens an actor may see as rows. `s` is the alias of
 * `specimens` in the caller's query. A specimen belongs to its collecting centre and to the
 * centre holding it now, so a hub biobank sees what it received and a hospital what it sent.
 * PIs and monitors see the specimens of their own studies' participants (as PI or on the team).
 */
export function specimenRowScope(actor: ScopeActor, s = "s"): SQL {
  const centre = sql.raw(`${s}.centre_id`);
  const holder = sql.raw(`${s}.holder_centre_id`);
  switch (actor.role) {
    case "network_admin":
      return sql`true`;
    case "centre_coordinator": {
      // Literal ids (resolved by withSubtree) let the planner estimate and OR two index scans;
      // a subquery here made it scan the whole table.
      if (!actor.subtreeIds) throw new Error("specimen scope of a coordinator needs withSubtree(actor)");
      const ids = sql.join(actor.subtreeIds.map((i) => sql`${i}`), sql`, `);
      return sql`(${centre} in (${ids}) or ${holder} in (${ids}))`;
    }
    case "site_staff":
    case "biobank_manager":
      return sql`(${centre} = ${actor.centreId} or ${holder} = ${actor.centreId})`;
    case "pi":
    case "monitor":
      return sql`${sql.raw(`${s}.participant_id`)} in (select p.id from participants p where ${studyScope(actor, sql`p.study_id`)})`;
    default:
      return sql`false`;
  }
}

/** Figures (counts by type and centre): viewers see the whole network's, never rows. */
export function specimenCountScope(actor: ScopeActor, s = "s"): SQL {
  if (actor.role === "viewer") return sql`true`;
  return specimenRowScope(actor, s);
}

/** Who may change a specimen: its current holder centre's staff and managers; admins anywhere. */
export function specimenWriteScope(actor: ScopeActor, s = "s"): SQL {
  if (actor.role === "network_admin") return sql`true`;
  if (actor.role === "site_staff" || actor.role === "biobank_manager") return sql`${sql.raw(`${s}.holder_centre_id`)} = ${actor.centreId}`;
  return sql`false`;
}

/** Storage (freezers, racks, boxes) is read and changed by the centre that owns it. */
export function storageScope(actor: ScopeActor, centreColumn: SQL): SQL {
  if (actor.role === "network_admin") return sql`true`;
  if (actor.role === "centre_coordinator") return centreScope(actor, centreColumn);
  if (actor.role === "site_staff" || actor.role === "biobank_manager") return sql`${centreColumn} = ${actor.centreId}`;
  return sql`false`;
}

export function storageWriteScope(actor: ScopeActor, centreColumn: SQL): SQL {
  if (actor.role === "network_admin") return sql`true`;
  if (actor.role === "site_staff" || actor.role === "biobank_manager") return sql`${centreColumn} = ${actor.centreId}`;
  return sql`false`;
}

/**
 * Centres offered in the search's centre filter, over an organisations alias `o`. Names of
 * centres are not restricted, and a hub bank holds specimens collected anywhere: only
 * coordinators are narrowed to their subtree.
 */
export function filterCentreScope(actor: ScopeActor, o = "o"): SQL {
  if (actor.role === "centre_coordinator") return sql`${sql.raw(`${o}.path`)} like ${subtreePattern(actor.centrePath)}`;
  return sql`true`;
}

/** Donors are the biobank's own people: seen by the centres in reach, never by PIs, monitors or viewers. */
export function donorScope(actor: ScopeActor, centreColumn: SQL): SQL {
  if (actor.role === "viewer" || actor.role === "pi" || actor.role === "monitor") return sql`false`;
  return centreScope(actor, centreColumn);
}

/** Transfers are seen by both ends (and coordinators above either end). */
export function transferScope(actor: ScopeActor, t = "t"): SQL {
  const from = sql.raw(`${t}.from_centre_id`);
  const to = sql.raw(`${t}.to_centre_id`);
  if (actor.role === "network_admin") return sql`true`;
  if (["centre_coordinator", "site_staff", "biobank_manager"].includes(actor.role)) {
    return sql`(${centreScope(actor, from)} or ${centreScope(actor, to)})`;
  }
  return sql`false`;
}

/** Release requests are seen by the bank's centre and the requester. */
export function releaseScope(actor: ScopeActor, r = "r"): SQL {
  if (actor.role === "network_admin") return sql`true`;
  const centre = sql.raw(`${r}.centre_id`);
  const by = sql.raw(`${r}.requested_by`);
  if (actor.role === "centre_coordinator" || actor.role === "biobank_manager" || actor.role === "site_staff") {
    return sql`(${centreScope(actor, centre)} or ${by} = ${actor.id})`;
  }
  if (actor.role === "pi") return sql`${by} = ${actor.id}`;
  return sql`false`;
}

/** Who may send a transfer (ship it): the sending centre, or an admin. `t` is specimen_transfers. */
export function transferSendScope(actor: CentreActor, t = "t"): SQL {
  return actor.role === "network_admin" ? sql`true` : sql`${sql.raw(`${t}.from_centre_id`)} = ${actor.centreId}`;
}

/** Who may receive a transfer: only the destination centre, or an admin. */
export function transferReceiveScope(actor: CentreActor, t = "t"): SQL {
  return actor.role === "network_admin" ? sql`true` : sql`${sql.raw(`${t}.to_centre_id`)} = ${actor.centreId}`;
}

/** Where a transfer may go, over an organisations alias `o`: any active centre but one's own. */
export function transferDestinationScope(actor: CentreActor, o = "o"): SQL {
  return sql`${sql.raw(`${o}.active`)} and ${sql.raw(`${o}.id`)} <> ${actor.centreId}`;
}

/** Who decides a release request: the bank's own centre (over a release_requests alias `r`). */
export function releaseDecideScope(actor: CentreActor, r = "r"): SQL {
  return sql`${sql.raw(`${r}.centre_id`)} = ${actor.centreId}`;
}

/**
 * Whose specimens an actor registers, over a participants or donors centre column: only their
 * own centre's (the centre that collects is the actor's). The registration command and the
 * form's consent lookup use the same rule, so the form never shows an owner the command refuses.
 */
export function registrationOwnerScope(actor: CentreActor, centreColumn: SQL | AnyColumn): SQL {
  return sql`${centreColumn} = ${actor.centreId}`;
}
