/** At most this many labels on one sheet. */
export const LABELS_PER_SHEET = 60;

/** The label sheet for these barcodes (e.g. the aliquots just made), as a link. */
export function labelSheetHref(barcodes: readonly string[]): string {
  return `/biobank/labels?barcodes=${barcodes.slice(0, LABELS_PER_SHEET).map(encodeURIComponent).join(",")}`;
}
