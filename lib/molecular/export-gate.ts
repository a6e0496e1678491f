import type { VariantOrigin } from "@/db/enums";
import { isHgrApprovalNumber } from "@/lib/validation/hgr-approval";

/**
 * The smallest count of germline results any aggregate shows (dashboard figures, exports of
 * counts): a cell of 1–4 people could point at a family's inherited risk, so it reads "< 5".
 * The usual small-cell rule of disclosure control (e.g. NHS/ONS guidance uses 5 or 10).
 */
export const MIN_GERMLINE_CELL = 5;

/** A germline count as an aggregate may show it: null (suppressed) for 1 .. MIN_GERMLINE_CELL − 1. */
export function germlineCell(n: number): number | null {
  return n > 0 && n < MIN_GERMLINE_CELL ? null : n;
}

/**
 * Human genetic resources rules (人类遗传资源管理条例): genetic data leave the portal — germline
 * results, or any result sent abroad — only under an HGR approval number, as specimens are
 * released (lib/biobank/commands/decide-release.ts). Somatic results within China need none.
 */
export function exportNeedsHgr(origin: VariantOrigin, abroad: boolean): boolean {
  return origin === "germline" || abroad;
}

export function hgrRefusal(origin: VariantOrigin, abroad: boolean, approvalNo: string | null | undefined): "hgrMissing" | null {
  return exportNeedsHgr(origin, abroad) && !isHgrApprovalNumber(approvalNo) ? "hgrMissing" : null;
}
