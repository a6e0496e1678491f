import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/authz/actor";
import { centreScope } from "@/lib/authz/scope";
import { atOwnCentre, participantScope } from "@/lib/participants/scope";
import { studyPiScope } from "@/lib/studies/scope";

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

/*
 * The molecular domain's only SQL predicates. They read over three aliases: `mo` for
 * molecular_orders, and the order's owner: `p` for a participant, `d` for a biobank donor (both
 * LEFT JOINed: ORDER_OWNER — exactly one of them is there).
 */

/** The owner joins every order read uses, so the predicates below find `p` and `d`. */
export const ORDER_OWNER = sql`left join participants p on p.id = mo.participant_id left join donors d on d.id = mo.donor_id`;

/** The owner's centre: the participant's current centre, or the donor's. */
export const OWNER_CENTRE = sql`coalesce(p.centre_id, d.centre_id)`;

/** The owner's pseudonymous code: the subject code, or the donor code. */
export const OWNER_CODE = sql`coalesce(p.subject_code, d.donor_code)`;

/** Lab work: molecular lab staff at the centre that runs the order's lab. */
export function labScope(actor: Pick<Actor, "role" | "centreId">): SQL {
  if (actor.role !== "molecular_lab") return sql`false`;
  return sql`mo.lab_centre_id = ${actor.centreId}`;
}

/**
 * Donors whose rows an actor may read, over a donors alias `d`: the biobank's rule
 * (lib/biobank/scope.ts donorScope — the centres in reach, never PIs, monitors or viewers), for the
 * roles that see the biobank's specimens as rows (so not the molecular lab, which sees its own
 * orders through labScope). Held equal to the biobank's rule by lib/molecular/donor-orders.test.ts.
 */
export function donorRowScope(actor: ScopeActor): SQL {
  if (!["network_admin", "centre_coordinator", "site_staff", "biobank_manager"].includes(actor.role)) return sql`false`;
  return centreScope(actor, sql`d.centre_id`);
}

/**
 * Orders (and their somatic results) an actor may read: for a participant's, whoever may read the
 * participant's rows (lib/participants/scope.ts: the participant's site, coordinators above it,
 * the study's PI and study-wide team, network admins); for a donor's, whoever may read the donor
 * (donorRowScope); and the lab running the test. Viewers: none.
 */
export function orderReadScope(actor: ScopeActor): SQL {
  return sql`((mo.participant_id is not null and ${participantScope(actor)}) or (mo.donor_id is not null and ${donorRowScope(actor)}) or ${labScope(actor)})`;
}

/**
 * Germline results are the most sensitive data the portal holds: their rows show only to the
 * owner's own site (site staff of the participant's current centre, or of the donor's centre) and
 * to the investigator who ordered the test. Somatic results follow orderReadScope.
 */
export function germlineVisible(actor: Pick<Actor, "id" | "role" | "centreId">): SQL {
  return sql`(mo.origin = 'somatic' or mo.ordered_by = ${actor.id} or ${atOwnCentre(actor, OWNER_CENTRE)})`;
}

/**
 * Who may order a test on a specimen (over a specimens alias `s`, with `p` / `d` its owner): a
 * participant's own site or the study's PI; a donor's own centre's site staff.
 */
export function orderingScope(actor: ScopeActor): SQL {
  return sql`((s.participant_id is not null and (${atOwnCentre(actor, sql`p.centre_id`)} or ${studyPiScope(actor, sql`p.study_id`)}))
    or (s.donor_id is not null and ${atOwnCentre(actor, sql`d.centre_id`)}))`;
}
