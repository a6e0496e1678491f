import type { FutureConsent } from "@/db/schema";

/**
 * A specimen's consent for future research is never asked again at registration: it is what
 * the owner's record already says. A participant answered yes or no at enrolment
 * (participants.specimens_future_use); a biobank donor gave yes, limited or no on their own
 * consent record (donors.future_consent).
 */
export function participantConsent(specimensFutureUse: boolean): FutureConsent {
  return specimensFutureUse ? "yes" : "no";
}

/** Where a specimen's consent was taken from, by who owns it. */
export type ConsentSource = "participant" | "donor";

/** The message key refusing a stated consent that contradicts the owner's record. */
export function consentMismatchKey(source: ConsentSource, recorded: FutureConsent): string {
  return source === "participant" ? `biobank.errors.consentFromParticipant_${recorded}` : `biobank.errors.consentFromDonor_${recorded}`;
}
