import type { GermlineClass, SomaticTier, VariantType } from "@/db/enums";

/** What a result says of one variant: the gene (and fusion partner), the HGVS names, type, allele fraction, depth and class. */
export type VariantCall = {
  gene: string;
  partnerGene: string | null;
  transcript: string | null;
  hgvsC: string | null;
  hgvsP: string | null;
  variantType: VariantType;
  vaf: number | null;
  depth: number | null;
  somaticTier: SomaticTier | null;
  germlineClass: GermlineClass | null;
};

