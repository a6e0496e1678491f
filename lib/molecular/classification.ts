import { GERMLINE_CLASSES, SOMATIC_TIERS, type GermlineClass, type SomaticTier, type VariantOrigin } from "@/db/enums";

/**
 * Somatic variants are classified by the AMP/ASCO/CAP 2017 tiers (Li et al., J Mol Diagn
 * 2017), germline variants by the ACMG/AMP 2015 classes (Richards et al., Genet Med 2015).
 * Reports write them in several ways; each spelling below maps to one stored code.
 */
const TIER_SPELLINGS: Record<string, SomaticTier> = {
  i: "tier_i", "1": "tier_i",
  ii: "tier_ii", "2": "tier_ii",
  iii: "tier_iii", "3": "tier_iii",
  iv: "tier_iv", "4": "tier_iv",
};
const CLASS_SPELLINGS: Record<string, GermlineClass> = {
  p: "pathogenic", pathogenic: "pathogenic", "5": "pathogenic",
  lp: "likely_pathogenic", likely_pathogenic: "likely_pathogenic", "4": "likely_pathogenic",
  vus: "uncertain_significance", uncertain_significance: "uncertain_significance", "3": "uncertain_significance",
  lb: "likely_benign", likely_benign: "likely_benign", "2": "likely_benign",
  b: "benign", benign: "benign", "1": "benign",
};

const key = (v: string) => v.trim().toLowerCase().replace(/[\s-]+/g, "_");

export type Classification = { somaticTier: SomaticTier | null; germlineClass: GermlineClass | null };

/** The stored classification of a reported one for a result of this origin, or null (refused). */
export function classify(origin: VariantOrigin, value: string): Classification | null {
  if (origin === "somatic") {
    // "Tier I", "tier_ii", "Tier2", "IV", "3" (the tier's number).
    const t = TIER_SPELLINGS[key(value).replace(/^tier_?/, "")];
    return t ? { somaticTier: t, germlineClass: null } : null;
  }
  const c = CLASS_SPELLINGS[key(value)];
  return c ? { somaticTier: null, germlineClass: c } : null;
}

export const isPathogenic = (c: GermlineClass | null) => c === "pathogenic" || c === "likely_pathogenic";

export { GERMLINE_CLASSES, SOMATIC_TIERS };
