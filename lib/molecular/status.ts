import type { MolecularOrderStatus } from "@/db/enums";

/** The steps of a test: each step moves from exactly one status; a failure from any step before the report. */
export const NEXT_STATUS = {
  receive: { from: ["ordered"], to: "received" },
  analyse: { from: ["received"], to: "in_analysis" },
  report: { from: ["in_analysis"], to: "reported" },
  fail: { from: ["ordered", "received", "in_analysis"], to: "failed" },
} as const satisfies Record<string, { from: readonly MolecularOrderStatus[]; to: MolecularOrderStatus }>;

export type OrderStep = keyof typeof NEXT_STATUS;

export function mayMove(step: OrderStep, from: MolecularOrderStatus): boolean {
  return (NEXT_STATUS[step].from as readonly MolecularOrderStatus[]).includes(from);
}

/** The badge colour of a status on the pages. */
export function statusVariant(s: MolecularOrderStatus): "success" | "warning" | "destructive" | "muted" {
  if (s === "reported") return "success";
  if (s === "failed") return "destructive";
  if (s === "ordered") return "muted";
  return "warning";
}
