import { toNetworkLocal } from "@/lib/time/network-day";

/**
 * The add-AE command's input for a grade 3 neutropenia of the participant, probably related, dose
 * reduced, recovering, the site aware of it an hour ago; overridden by `over`.
 */
export const aeInputFor = (participantId: number, over: Record<string, unknown> = {}) => ({
  participantId,
  term: "Neutropenia",
  category: "blood_lymphatic",
  grade: "3",
  onsetOn: "2025-02-01",
  endedOn: "",
  relatedness: "probable",
  actionTaken: "dose_reduced",
  outcome: "recovering",
  awareAt: toNetworkLocal(new Date(Date.now() - 3600_000)),
  ...over,
});
