import { germlineCell, MIN_GERMLINE_CELL } from "@/lib/molecular/export-gate";
import type { FunnelRow } from "@/lib/metrics/sql/biomarker-funnel";
import type { MolecularNodeRow } from "@/lib/metrics/sql/molecular-figures";

/** One node's molecular figures as the dashboard shows them. */
export type MolecularNode = {
  nodeId: number;
  code: string;
  nameZh: string;
  nameEn: string;
  /** The root's own centre (its figures without its children's). */
  own: boolean;
  root: boolean;
  ordered: number;
  reported: number;
  failed: number;
  medianTurnaroundDays: number | null;
  somaticReported: number;
  actionable: number;
  /** Share of somatic reports with an actionable alteration, 0..1 (null without a report). */
  actionableShare: number | null;
  /** Germline counts: null when 1 .. MIN_GERMLINE_CELL − 1 (shown as "< 5"). */
  germlineReported: number | null;
  hereditary: number | null;
};

/**
 * One biomarker study's funnel over the view's patients and donors: matched (results meet its
 * criteria now and not yet invited, plus everyone invited from a match), invited to screening,
 * screened from the invitation, and enrolled from that screening. Null counts: a germline
 * criterion's cell below the minimum.
 */
export type FunnelStudy = {
  studyId: number;
  code: string;
  titleZh: string;
  titleEn: string;
  matched: number | null;
  invited: number | null;
  screened: number | null;
  enrolled: number | null;
};

export type DashboardMolecular = { minGermlineCell: number; nodes: MolecularNode[]; funnel: FunnelStudy[] };

/**
 * The statement's rows as the dashboard's block: the root, its own centre and its children (the
 * league of the tree; grandchildren roll up into them). Germline counts go through the minimum
 * cell rule, and a hereditary-risk count is suppressed with its germline total when that total is.
 */
export function assembleMolecular(rows: MolecularNodeRow[], rootId: number, funnelRows: FunnelRow[] = [], openMatches: ReadonlyMap<number, number> = new Map()): DashboardMolecular {
  const root = rows.find((r) => r.node_id === rootId);
  const maxDepth = root ? Number(root.depth) + 1 : Infinity;
  const nodes = rows
    .filter((r) => Number(r.depth) <= maxDepth)
    .map((r): MolecularNode => {
      const germline = germlineCell(Number(r.germline_reported));
      const somatic = Number(r.somatic_reported);
      return {
        nodeId: r.node_id,
        code: r.code,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        own: r.node_id < 0,
        root: r.node_id === rootId,
        ordered: Number(r.ordered),
        reported: Number(r.reported),
        failed: Number(r.failed),
        medianTurnaroundDays: r.median_turnaround === null ? null : Number(r.median_turnaround),
        somaticReported: somatic,
        actionable: Number(r.actionable),
        actionableShare: somatic ? Number(r.actionable) / somatic : null,
        germlineReported: germline,
        hereditary: germline === null ? null : germlineCell(Number(r.hereditary)),
      };
    });
  const funnel = funnelRows.map((f): FunnelStudy => {
    const cell = (n: number) => (f.germline ? germlineCell(n) : n);
    const invited = Number(f.invited);
    // Matched counts everyone whose results meet the criteria: those not yet invited and those invited.
    return {
      studyId: f.study_id,
      code: f.code,
      titleZh: f.title_zh,
      titleEn: f.title_en,
      matched: cell((openMatches.get(f.study_id) ?? 0) + invited),
      invited: cell(invited),
      screened: cell(Number(f.screened)),
      enrolled: cell(Number(f.enrolled)),
    };
  });
  return { minGermlineCell: MIN_GERMLINE_CELL, nodes, funnel };
}
