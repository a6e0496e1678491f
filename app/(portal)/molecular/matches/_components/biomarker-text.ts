import type { getTranslations } from "next-intl/server";
import type { BiomarkerCriterion } from "@/lib/molecular/criteria";
import type { Evidence } from "@/lib/molecular/matching";

type T = Awaited<ReturnType<typeof getTranslations<"molecular">>>;

const pct = (fraction: number) => String(Math.round(fraction * 10_000) / 100);

/** A criterion in words, in the reader's language (stored codes shown as their labels). */
export function criterionText(c: BiomarkerCriterion, t: T): string {
  const d = (k: string, v?: Record<string, string>) => t(`criteria.describe.${k}`, v);
  const vaf = c.minVaf === null ? "" : ` · ${d("vaf", { pct: pct(c.minVaf) })}`;
  switch (c.kind) {
    case "gene_variant": {
      const types = c.variantTypes ? c.variantTypes.map((x) => t(`variantTypes.${x}`)).join(" / ") : d("anyType");
      const sig = [c.maxTier ? d("somatic", { tier: t(`tiers.${c.maxTier}`) }) : null, c.minGermlineClass ? d("germline", { class: t(`classes.${c.minGermlineClass}`) }) : null].filter(Boolean).join(d("or"));
      return d("gene_variant", { gene: c.gene ?? "", types, significance: sig }) + vaf;
    }
    case "specific_variant":
      return d("specific_variant", { gene: c.gene ?? "", change: c.hgvsP ?? "" }) + vaf;
    case "fusion":
      return c.partnerGene ? d("fusionPair", { gene: c.gene ?? "", partner: c.partnerGene }) : d("fusionAny", { gene: c.gene ?? "" });
    case "tmb":
    case "pdl1_tps":
    case "pdl1_cps":
      return d(c.kind, { value: String(c.minValue ?? "") });
    case "msi_high":
      return d("msi_high");
    case "her2":
      return d("her2", { rule: c.her2Rule ? t(`criteria.her2Rules.${c.her2Rule}`) : "" });
  }
}

/** Why a criterion is met, in words: the gene and change, VAF, tier or class; or the value. */
export function evidenceText(e: Evidence, t: T): string {
  switch (e.kind) {
    case "gene_variant":
    case "specific_variant":
    case "fusion": {
      // Germline evidence the reader may not see (an invitation read by another site) names only the criterion.
      if (e.origin === "germline" && !e.gene) return t("matching.evidence.germlineHidden");
      const gene = e.partnerGene && e.kind === "fusion" ? `${e.partnerGene}::${e.gene}` : (e.gene ?? "");
      const change = e.hgvsP ?? e.hgvsC ?? (e.variantType ? t(`variantTypes.${e.variantType}`) : "");
      const parts = [`${gene} ${change}`.trim()];
      if (e.vaf !== null && e.vaf !== undefined) parts.push(t("matching.evidence.vaf", { pct: pct(e.vaf) }));
      if (e.somaticTier) parts.push(t(`tiers.${e.somaticTier}`));
      if (e.germlineClass) parts.push(`${t("origins.germline")} · ${t(`classes.${e.germlineClass}`)}`);
      return parts.join(" · ");
    }
    case "tmb":
    case "pdl1_tps":
    case "pdl1_cps":
      return `${t(`biomarkerKinds.${e.kind}`)} ${e.value ?? ""}`;
    case "msi_high":
      return t("biomarkerValues.msi_h");
    case "her2":
      return e.category === "2+" ? `HER2 ${t("matching.evidence.ish")}` : "HER2 3+";
  }
}
