import "server-only";
import { ctcaeTerm, searchCtcae, type CtcaeTerm } from "@/lib/followup/ctcae/terms";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

/**
 * CTCAE v5.0 terms for the AE form's picker: published reference data, no participant data, so
 * no centre scope; only those who record or read AEs ask. At most 20 terms per search.
 */
export const searchCtcaeTerms = defineQuery({
  permission: ["followup.record", "followup.read"],
  run: async (_actor: ReadActor, text: string): Promise<CtcaeTerm[]> => searchCtcae(text.slice(0, 100), 20),
  otherwise: () => [],
});

/** One term by its MedDRA code (the saved AE's picked term). */
export const ctcaeTermByCode = defineQuery({
  permission: ["followup.record", "followup.read"],
  run: async (_actor: ReadActor, code: number): Promise<CtcaeTerm | null> => ctcaeTerm(code),
  otherwise: () => null,
});
