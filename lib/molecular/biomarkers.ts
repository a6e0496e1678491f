import type { BiomarkerKind } from "@/db/enums";

export const MSI_STATUSES = ["msi_h", "msi_l", "mss"] as const;
/** HER2 immunohistochemistry scores (ASCO/CAP). */
export const HER2_SCORES = ["0", "1+", "2+", "3+"] as const;

export type BiomarkerValue = { kind: BiomarkerKind; value: number | null; category: string | null };

type Given = { tmb?: number; msiStatus?: string | null; pdl1Tps?: number; pdl1Cps?: number; her2Ihc?: string | null };

/** The biomarker values stated with a result: numbers (TMB mut/Mb, PD-L1 TPS %, CPS), categories (MSI, HER2). */
export function biomarkersOf(g: Given): BiomarkerValue[] {
  const out: BiomarkerValue[] = [];
  if (g.tmb !== undefined) out.push({ kind: "tmb", value: g.tmb, category: null });
  if (g.msiStatus) out.push({ kind: "msi", value: null, category: g.msiStatus });
  if (g.pdl1Tps !== undefined) out.push({ kind: "pdl1_tps", value: g.pdl1Tps, category: null });
  if (g.pdl1Cps !== undefined) out.push({ kind: "pdl1_cps", value: g.pdl1Cps, category: null });
  if (g.her2Ihc) out.push({ kind: "her2_ihc", value: null, category: g.her2Ihc });
  return out;
}
