/**
 * Trial registry numbers accepted by the portal: ChiCTR + 10 digits (current ChiCTR form),
 * the older ChiCTR-XXX- + 8 digits form (e.g. ChiCTR-TRC-12345678), and NCT + 8 digits.
 * Returns the number in its canonical spelling, or null when it matches none of them.
 */
export function normaliseRegistryNo(raw: string): string | null {
  const v = raw.trim().toUpperCase();
  let m = /^CHICTR(\d{10})$/.exec(v);
  if (m) return `ChiCTR${m[1]}`;
  m = /^CHICTR-([A-Z]{3})-(\d{8})$/.exec(v);
  if (m) return `ChiCTR-${m[1]}-${m[2]}`;
  m = /^NCT(\d{8})$/.exec(v);
  if (m) return `NCT${m[1]}`;
  return null;
}
