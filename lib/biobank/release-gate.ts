import type { FutureConsent } from "@/db/schema";

/**
 * What consent allows: "yes" any research use; "limited" non-genetic research only;
 * "no" nothing beyond the original care/study (never released).
 */
export function consentRefusal(consent: FutureConsent, geneticUse: boolean): "consentNo" | "consentLimited" | null {
  if (consent === "no") return "consentNo";
  if (consent === "limited" && geneticUse) return "consentLimited";
  return null;
}

/** Four eyes on release: the requester of a release never decides it (anyone else in scope may). */
export function mayDecideRelease(actor: { id: number }, request: { requestedBy: number | null }): boolean {
  return request.requestedBy !== actor.id;
}
