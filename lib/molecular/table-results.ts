import { VARIANT_TYPES, type VariantOrigin, type VariantType } from "@/db/enums";
import { classificationOf, depthOf, genesOf, hgvsOf, SMALL_VARIANT, vafOf, type LineProblem, type ParsedVariant, type ParseResult } from "@/lib/molecular/result-lines";

/** The columns of a tabular report (tab-separated, first line the header, any order). */
export const TABLE_COLUMNS = ["gene", "transcript", "hgvs_c", "hgvs_p", "variant_type", "vaf", "depth", "classification"] as const;
const REQUIRED = ["gene", "variant_type", "classification"] as const;

/** Spellings of variant types seen in lab reports. */
const TYPE_ALIASES: Record<string, VariantType> = {
  snv: "snv", substitution: "snv", missense: "snv", nonsense: "snv",
  mnv: "mnv", ins: "insertion", insertion: "insertion", del: "deletion", deletion: "deletion",
  delins: "delins", indel: "delins", dup: "duplication", duplication: "duplication",
  fusion: "fusion", rearrangement: "fusion", amplification: "amplification", amp: "amplification", cnv_gain: "amplification",
  loss: "loss", deep_deletion: "loss", homozygous_deletion: "loss", cnv_loss: "loss",
};

/**
 * Reads a tabular report: one variant per line under a header naming the columns
 * (TABLE_COLUMNS). Small variants need VAF and depth; fusions are written "EML4::ALK".
 */
export function parseTable(lines: readonly (string | null | undefined)[], origin: VariantOrigin): ParseResult {
  const problems: LineProblem[] = [];
  const variants: ParsedVariant[] = [];
  const header = (lines[0] ?? "").split("\t").map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) return { variants, problems: missing.map((c) => ({ line: 1, code: "missingColumn" as const, value: c })) };
  const at = (cols: string[], name: (typeof TABLE_COLUMNS)[number]) => {
    const i = header.indexOf(name);
    return i < 0 ? null : (cols[i]?.trim() ?? "");
  };
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const line = i + 1;
    if (raw.trim() === "") continue;
    const cols = raw.split("\t");
    if (cols.length > header.length) {
      problems.push({ line, code: "malformedLine" });
      continue;
    }
    const before = problems.length;
    const gene = at(cols, "gene");
    const genes = gene ? genesOf(gene, line, problems) : (problems.push({ line, code: "missingField", value: "gene" }), null);
    const rawType = (at(cols, "variant_type") ?? "").toLowerCase().replace(/[\s-]+/g, "_");
    const type = TYPE_ALIASES[rawType] ?? ((VARIANT_TYPES as readonly string[]).includes(rawType) ? (rawType as VariantType) : null);
    if (!rawType) problems.push({ line, code: "missingField", value: "variant_type" });
    else if (!type) problems.push({ line, code: "badType", value: rawType });
    if (type === "fusion" && genes && !genes.partnerGene) problems.push({ line, code: "missingField", value: "fusion partner" });
    const cls = classificationOf(origin, at(cols, "classification"), line, problems);
    const hgvs = hgvsOf(at(cols, "hgvs_c"), at(cols, "hgvs_p"), line, problems);
    const small = type ? SMALL_VARIANT.has(type) : false;
    if (small && !hgvs.hgvsC && !hgvs.hgvsP && hgvs.ok) problems.push({ line, code: "missingField", value: "hgvs" });
    const vaf = vafOf(at(cols, "vaf"), line, problems, small);
    const depth = depthOf(at(cols, "depth"), line, problems, small);
    if (problems.length > before || !genes || !type || !cls || vaf === undefined || depth === undefined) continue;
    variants.push({
      line,
      ...genes,
      transcript: at(cols, "transcript") || null,
      hgvsC: hgvs.hgvsC,
      hgvsP: hgvs.hgvsP,
      variantType: type,
      chrom: null,
      pos: null,
      ref: null,
      alt: null,
      vaf,
      depth,
      ...cls,
    });
  }
  if (!variants.length && !problems.length) problems.push({ line: 1, code: "noVariants" });
  return { variants, problems };
}
