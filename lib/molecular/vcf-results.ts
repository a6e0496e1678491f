import VCFParser from "@gmod/vcf";
import type { VariantOrigin, VariantType } from "@/db/enums";
import {
  buildOf,
  classificationOf,
  depthOf,
  genesOf,
  hgvsOf,
  SMALL_VARIANT,
  vafOf,
  type LineProblem,
  type ParsedVariant,
  type ParseResult,
} from "@/lib/molecular/result-lines";

/**
 * Reads an annotated VCF 4.x file (somatic or germline) with @gmod/vcf, the GMOD/JBrowse
 * parser. Each alternate allele of a record is one variant: a multi-allelic record is split,
 * each allele taking its own SnpEff `ANN` entry (Allele|Annotation|Impact|Gene_Name|Gene_ID|
 * Feature_Type|Feature_ID|Transcript_BioType|Rank|HGVS.c|HGVS.p|…), its own `CLASS`
 * (INFO, Number=A: AMP tier or ACMG class) and its own allele fraction (FORMAT AF, Number=A)
 * of the first sample; DP is the sample's depth. Fusions are breakend records (SVTYPE=BND)
 * whose ANN gene is "5'&3'" (SnpEff's gene_fusion) or "5'::3'". The header must state GRCh38.
 * Every problem is reported with its line number (1 = the first line of the file).
 */
export function parseVcf(lines: readonly (string | null | undefined)[], origin: VariantOrigin): ParseResult {
  const problems: LineProblem[] = [];
  const variants: ParsedVariant[] = [];
  const text = lines.map((l) => l ?? "");
  if (!/^##fileformat=VCFv4\.\d$/.test(text[0]?.trim() ?? "")) return { variants, problems: [{ line: 1, code: "notVcf" }] };

  const headerEnd = text.findIndex((l) => l.startsWith("#CHROM"));
  if (headerEnd < 0) return { variants, problems: [{ line: 1, code: "badHeader", value: "#CHROM" }] };
  let build: "grch38" | "other" | null = null;
  for (let i = 0; i < headerEnd; i++) {
    const l = text[i];
    if (!/^##(reference|assembly|contig)=/.test(l)) continue;
    const b = buildOf(l);
    if (b === "other") problems.push({ line: i + 1, code: "wrongBuild", value: l.slice(0, 120) });
    if (b) build = build === "other" ? "other" : b;
  }
  if (!build) problems.push({ line: 1, code: "noBuild" });
  let parser: VCFParser;
  try {
    parser = new VCFParser({ header: text.slice(0, headerEnd + 1).join("\n"), strict: true });
  } catch {
    return { variants, problems: [...problems, { line: headerEnd + 1, code: "badHeader", value: "#CHROM" }] };
  }

  for (let i = headerEnd + 1; i < text.length; i++) {
    const raw = text[i];
    const line = i + 1;
    if (raw.trim() === "") continue;
    const cols = raw.split("\t");
    if (cols.length < 8 || !/^\d+$/.test(cols[1]) || !/^[ACGTN]+$/i.test(cols[3]) || cols[4] === "" || cols[4] === ".") {
      problems.push({ line, code: "malformedLine" });
      continue;
    }
    let record: ReturnType<VCFParser["parseLine"]>;
    try {
      record = parser.parseLine(raw);
    } catch {
      problems.push({ line, code: "malformedLine" });
      continue;
    }
    const alts = record.ALT ?? [];
    const ann = annotations(record.INFO.ANN);
    const classes = listOf(record.INFO.CLASS);
    const sample = parser.samples.length ? record.SAMPLES()[parser.samples[0]] : undefined;
    const afs = sample?.AF ?? [];
    const dp = sample?.DP?.[0];
    const isBreakend = listOf(record.INFO.SVTYPE)[0] === "BND";
    alts.forEach((alt, a) => {
      const fusion = isBreakend || /[[\]]/.test(alt);
      if (!fusion && !/^[ACGTN]+$/i.test(alt)) {
        problems.push({ line, code: "malformedLine", value: alt });
        return;
      }
      const entry = ann.find((e) => e[0] === alt) ?? (fusion ? ann[0] : undefined);
      if (!entry || !entry[3]) {
        problems.push({ line, code: "missingField", value: `ANN (${alt})` });
        return;
      }
      const genes = genesOf(entry[3], line, problems);
      const cls = classificationOf(origin, classes[a] === undefined ? null : String(classes[a]), line, problems);
      const hgvs = hgvsOf(entry[9] ?? null, entry[10] ?? null, line, problems);
      const type: VariantType = fusion ? "fusion" : typeOf(record.REF ?? "", alt, hgvs.hgvsC);
      const small = SMALL_VARIANT.has(type);
      const vaf = vafOf(afs[a] as number | string | undefined, line, problems, small);
      const depth = depthOf(dp as number | string | undefined, line, problems, small);
      if (!genes || !cls || !hgvs.ok || vaf === undefined || depth === undefined) return;
      variants.push({
        line,
        ...genes,
        transcript: entry[6] || null,
        hgvsC: hgvs.hgvsC,
        hgvsP: hgvs.hgvsP,
        variantType: type,
        chrom: record.CHROM ?? null,
        pos: record.POS,
        ref: record.REF ?? null,
        alt,
        vaf,
        depth,
        ...cls,
      });
    });
  }
  if (!variants.length && !problems.length) problems.push({ line: headerEnd + 1, code: "noVariants" });
  return { variants, problems };
}

function listOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/** The ANN entries of a record, each split into its fields. */
function annotations(v: unknown): string[][] {
  return listOf(v).map((e) => String(e).split("|"));
}

/** The kind of a small variant from its alleles (left-aligned VCF: a shared first base). */
export function typeOf(ref: string, alt: string, hgvsC: string | null): VariantType {
  if (hgvsC?.includes("dup")) return "duplication";
  if (ref.length === alt.length) return ref.length === 1 ? "snv" : "mnv";
  if (ref.length === 1 && alt.startsWith(ref)) return "insertion";
  if (alt.length === 1 && ref.startsWith(alt)) return "deletion";
  return "delins";
}
