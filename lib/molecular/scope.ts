import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/authz/actor";
import { atOwnCentre, participantScope } from "@/lib/participants/scope";
import { studyPiScope } from "@/lib/studies/scope";

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

/*
 * The molecular domain's only SQL predicates. They read over two aliases: `mo` for
 * molecular_orders and `p` for the participant the order is on.
 */

/** Lab work: molecular lab staff at the centre that runs the order's lab. */
export function labScope(actor: Pick<Actor, "role" | "centreId">): SQL {
  if (actor.role !== "molecular_lab") return sql`false`;
  return sql`mo.lab_centre_id = ${actor.centreId}`;
}

/**
 * Orders (and their somatic results) an actor may read: whoever may read the participant's
 * rows (lib/participants/scope.ts: the participant's site, coordinators above it, the study's
 * PI and study-wide team, network admins), and the lab running the test. Viewers: none.
 */
export function orderReadScope(actor: ScopeActor): SQL {
  return sql`(${participantScope(actor)} or ${labScope(actor)})`;
}

/**
 * Germline results are the most sensitive data the portal holds: their rows show only to the
 * participant's own site (site staff of the participant's current centre) and to the
 * investigator who ordered the test. Somatic results follow orderReadScope.
 */
export function germlineVisible(actor: Pick<Actor, "id" | "role" | "centreId">): SQL {
  return sql`(mo.origin = 'somatic' or mo.ordered_by = ${actor.id} or ${atOwnCentre(actor, sql`p.centre_id`)})`;
}

/** Who may order a test on a participant's specimen: the participant's own site, or the study's PI. */
export function orderingScope(actor: ScopeActor): SQL {
  return sql`(${atOwnCentre(actor, sql`p.centre_id`)} or ${studyPiScope(actor, sql`p.study_id`)})`;
}
