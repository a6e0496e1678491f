import { BARCODE_RE } from "@/lib/biobank/catalog";

/** A pasted or scanned list of barcodes (spaces, commas or new lines), de-duplicated. */
export function parseBarcodeList(text: string): { ok: true; list: string[] } | { ok: false } {
  const list = [...new Set(text.toUpperCase().split(/[\s,;]+/).filter(Boolean))];
  if (list.length === 0 || list.length > 500 || list.some((b) => !BARCODE_RE.test(b))) return { ok: false };
  return { ok: true, list };
}
