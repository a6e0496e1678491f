import type { SpecimenStatus } from "@/db/schema";

/**
 * The specimen life cycle. available → reserved → in transit → depleted / distributed /
 * destroyed; a receipt brings an in-transit specimen back to available (or notes it missing).
 * Terminal states have no way out: a specimen that has left the bank is never "available" again.
 */
const MOVES: Record<SpecimenStatus, readonly SpecimenStatus[]> = {
  available: ["reserved", "in_transit", "depleted", "destroyed"],
  reserved: ["available", "in_transit", "distributed", "destroyed"],
  in_transit: ["available", "missing", "destroyed"],
  missing: ["available", "destroyed"],
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
export const MANUAL_TARGETS: readonly SpecimenStatus[] = ["available", "depleted", "destroyed"];
