import type { BiomarkerCriterionKind, GermlineClass, Her2Rule, SomaticTier, VariantType } from "@/db/enums";

/**
 * One structured biomarker criterion of a study's protocol version (db/schema/molecular-criteria.ts
 * describes the columns each kind uses). Numbers are plain numbers here; VAF is a fraction 0..1.
 */
export type BiomarkerCriterion = {
  code: string;
  kind: BiomarkerCriterionKind;
  gene: string | null;
  partnerGene: string | null;
  /** gene_variant: the variant types that count; null = any type except fusions. */
  variantTypes: VariantType[] | null;
  /** specific_variant: normalised (lib/molecular/hgvs.ts). */
  hgvsP: string | null;
  /** Somatic variants count when their tier is this one or stronger (tier_i < tier_ii …); null = somatic does not count. */
  maxTier: SomaticTier | null;
  /** Germline variants count when their class is this one or stronger (pathogenic < likely_pathogenic); null = germline does not count. */
  minGermlineClass: GermlineClass | null;
  minVaf: number | null;
  minValue: number | null;
  her2Rule: Her2Rule | null;
};

/** A criterion of `kind` with none of its conditions set (no gene, no thresholds): each kind then sets the ones it uses. */
export function blankCriterion(code: string, kind: BiomarkerCriterionKind): BiomarkerCriterion {
  return { code, kind, gene: null, partnerGene: null, variantTypes: null, hgvsP: null, maxTier: null, minGermlineClass: null, minVaf: null, minValue: null, her2Rule: null };
}

/** The kinds that name a gene; the others are biomarker values. */
export const GENE_KINDS: readonly BiomarkerCriterionKind[] = ["gene_variant", "specific_variant", "fusion"];
/** The kinds compared with a number (value >= minValue). */
export const VALUE_KINDS: readonly BiomarkerCriterionKind[] = ["tmb", "pdl1_tps", "pdl1_cps"];
/** Tiers and classes a criterion may ask for (weaker ones are not evidence of eligibility). */
export const CRITERION_TIERS: readonly SomaticTier[] = ["tier_i", "tier_ii"];
export const CRITERION_GERMLINE_CLASSES: readonly GermlineClass[] = ["pathogenic", "likely_pathogenic"];
/** Upper bounds of criterion thresholds: TMB mut/Mb, PD-L1 TPS %, CPS. */
export const VALUE_LIMITS: Record<"tmb" | "pdl1_tps" | "pdl1_cps", number> = { tmb: 1000, pdl1_tps: 100, pdl1_cps: 100 };

/** The code of the n-th (1-based) criterion. */
export const criterionCode = (n: number) => `B${n}`;

/** A criterion row as stored (numeric columns come back as strings) in the pure shape. */
export function criterionFromRow(r: {
  code: string;
  kind: BiomarkerCriterionKind;
  gene: string | null;
  partnerGene: string | null;
  variantTypes: string[] | null;
  hgvsP: string | null;
  maxTier: SomaticTier | null;
  minGermlineClass: GermlineClass | null;
  minVaf: string | number | null;
  minValue: string | number | null;
  her2Rule: Her2Rule | null;
}): BiomarkerCriterion {
  return {
    ...r,
    variantTypes: r.variantTypes && r.variantTypes.length > 0 ? (r.variantTypes as VariantType[]) : null,
    minVaf: r.minVaf === null ? null : Number(r.minVaf),
    minValue: r.minValue === null ? null : Number(r.minValue),
  };
}
