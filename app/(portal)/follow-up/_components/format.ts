/** A stored moment shown in China Standard Time, as the sites read it ("2025-03-01 16:30"). */
export function networkTime(iso: string | null): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** A history value for display: lists joined, empty shown as a dash-like placeholder. */
export function displayValue(v: unknown, empty: string): string {
  if (v === null || v === undefined || v === "") return empty;
  if (Array.isArray(v)) return v.length ? v.join(", ") : empty;
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v)) return networkTime(v);
  return String(v);
}
