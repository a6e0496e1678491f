import type { BiomarkerCriterionKind, GermlineClass, SomaticTier, VariantType } from "@/db/enums";

type DemoCriterion = {
  kind: BiomarkerCriterionKind;
  gene?: string;
  partnerGene?: string;
  variantTypes?: VariantType[];
  hgvsP?: string;
  maxTier?: SomaticTier;
  minGermlineClass?: GermlineClass;
  minValue?: number;
};

/**
 * Structured biomarker criteria of the recruiting demo studies (db/schema/molecular-criteria.ts),
 * matching what their eligibility text says: EGFR L858R or exon 19 deletion for the EGFR-mutant
 * NSCLC trial, PD-L1 CPS ≥ 5 for the gastric PD-1 trial, TMB-H or MSI-H for the immunotherapy
 * biomarker cohort, germline BRCA1/2 for the hereditary breast cohort. Patients of the mixed
 * oral-chemotherapy studies at many sites carry these, so matches exist across the network.
 */
export const DEMO_BIOMARKER_CRITERIA: Record<string, DemoCriterion[]> = {
  "LC-203": [
    { kind: "specific_variant", gene: "EGFR", hgvsP: "p.Leu858Arg" },
    { kind: "gene_variant", gene: "EGFR", variantTypes: ["deletion", "delins"], maxTier: "tier_ii" },
  ],
  "GC-IO-301": [{ kind: "pdl1_cps", minValue: 5 }],
  "TIL-BIO-06": [{ kind: "tmb", minValue: 10 }, { kind: "msi_high" }],
  "BC-HR-101": [
    { kind: "gene_variant", gene: "BRCA1", minGermlineClass: "likely_pathogenic" },
    { kind: "gene_variant", gene: "BRCA2", minGermlineClass: "likely_pathogenic" },
  ],
};
