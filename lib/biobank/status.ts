import type { SpecimenStatus } from "@/db/schema";

/**
 * The specimen life cycle. available → reserved → in transit → depleted / distributed /
 * destroyed; a receipt brings an in-transit specimen back to available, or notes it missing,
 * or — arrived damaged — quarantined: kept apart until a manager reviews it and either
 * releases it for use (available) or destroys it, each with a reason (ISBER: a nonconforming
 * specimen is documented and quarantined pending evaluation, never discarded at receipt).
 * Terminal states have no way out: a specimen that has left the bank is never "available" again.
 */
const MOVES: Record<SpecimenStatus, readonly SpecimenStatus[]> = {
  available: ["reserved", "in_transit", "depleted", "destroyed"],
  reserved: ["available", "in_transit", "distributed", "destroyed"],
  in_transit: ["available", "missing", "quarantined", "destroyed"],
  missing: ["available", "destroyed"],
  quarantined: ["available", "destroyed"],
  depleted: [],
  distributed: [],
  destroyed: [],
};

export const SPECIMEN_STATUSES = Object.keys(MOVES) as SpecimenStatus[];

export function nextStatuses(from: SpecimenStatus): readonly SpecimenStatus[] {
  return MOVES[from] ?? [];
}

export function canMove(from: SpecimenStatus, to: SpecimenStatus): boolean {
  return nextStatuses(from).includes(to);
}

export function isTerminal(s: SpecimenStatus): boolean {
  return nextStatuses(s).length === 0;
}

/** Statuses a manager may set by hand (the rest follow from transfers, releases and aliquots). */
export const MANUAL_TARGETS = ["available", "depleted", "destroyed"] as const satisfies readonly SpecimenStatus[];
export type ManualTarget = (typeof MANUAL_TARGETS)[number];

/** A choice of the manual status change: destructive ones (no way back) need a confirmation. */
export type StatusChoice = { status: ManualTarget; destructive: boolean };

/**
 * What the status select offers for a specimen in `from`: only moves the graph allows, the
 * reversible ones first and the destructive (terminal) ones last, so that nothing destructive
 * is ever the first, pre-selected option. The select itself opens on a neutral "choose…".
 */
export function statusChoices(from: SpecimenStatus): StatusChoice[] {
  return MANUAL_TARGETS.filter((to) => canMove(from, to))
    .map((status) => ({ status, destructive: isTerminal(status) }))
    .sort((a, b) => Number(a.destructive) - Number(b.destructive));
}

/** Where a receipt outcome puts a specimen that was in transit. */
export function receiptStatus(outcome: "received" | "missing" | "damaged"): SpecimenStatus {
  return outcome === "received" ? "available" : outcome === "missing" ? "missing" : "quarantined";
}

/** Statuses in which a tube sits in (or goes into) a box: a quarantined one is kept frozen too, apart. */
export function isStorable(s: SpecimenStatus): boolean {
  return s === "available" || s === "reserved" || s === "quarantined";
}
