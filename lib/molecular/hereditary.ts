import type { GermlineClass, VariantOrigin } from "@/db/enums";
import { isPathogenic } from "@/lib/molecular/classification";

/**
 * Hereditary cancer genes whose germline pathogenic or likely pathogenic variants call for
 * genetic counselling (NCCN Genetic/Familial High-Risk Assessment: Breast, Ovarian, Pancreatic
 * and Prostate; Colorectal; the ACMG secondary-findings list for the cancer genes).
 */
export const HEREDITARY_CANCER_GENES: ReadonlySet<string> = new Set([
  "BRCA1", "BRCA2", "PALB2", "TP53", "PTEN", "CDH1", "STK11", "ATM", "CHEK2", "BARD1", "BRIP1", "RAD51C", "RAD51D",
  "MLH1", "MSH2", "MSH6", "PMS2", "EPCAM", "APC", "MUTYH", "SMAD4", "BMPR1A", "RET", "MEN1", "VHL", "NF1", "NF2",
  "RB1", "WT1", "SDHA", "SDHB", "SDHC", "SDHD", "SDHAF2", "MAX", "TMEM127", "FH", "FLCN", "BAP1", "CDKN2A", "CDK4",
  "POLE", "POLD1", "DICER1", "HOXB13", "TSC1", "TSC2", "PTCH1", "SUFU",
]);

/** A germline P/LP variant in a hereditary cancer gene: the hereditary-risk flag and a counselling referral. */
export function raisesHereditaryRisk(v: { gene: string; origin: VariantOrigin; germlineClass: GermlineClass | null }): boolean {
  return v.origin === "germline" && isPathogenic(v.germlineClass) && HEREDITARY_CANCER_GENES.has(v.gene);
}
