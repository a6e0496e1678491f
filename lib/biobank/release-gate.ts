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

/**
 * HGR (human genetic resources) approval numbers as issued, e.g. "国科遗办审字[2023]CJ1234" or
 * "2023CJ1234": must carry a year and a serial; a blank or free text is refused.
 */
export function isHgrApprovalNo(v: string | null | undefined): boolean {
  if (!v) return false;
  const s = v.trim();
  return s.length >= 8 && s.length <= 60 && /(19|20)\d{2}/.test(s) && /[A-Za-z]{1,4}\d{3,}/.test(s);
}

/** Four eyes on release: the requester of a release never decides it (anyone else in scope may). */
export function mayDecideRelease(actor: { id: number }, request: { requestedBy: number | null }): boolean {
  return request.requestedBy !== actor.id;
}
