/*
 * The performance bands of the treemap and their legend. Kept apart from network-treemap.tsx so
 * that the page can draw the legend without loading recharts (which only the chart needs, and
 * which loads when the chart comes into view).
 */

export type Band = "onTrack" | "behind" | "lagging" | "none";

export const BAND_FILL: Record<Band, string> = { onTrack: "#bbf7d0", behind: "#fde68a", lagging: "#fecaca", none: "#e5e7eb" };

export function BandLegend({ labels }: { labels: Record<Band, string> }) {
  return (
    <ul className="flex flex-wrap gap-3 text-xs" aria-hidden>
      {(Object.keys(BAND_FILL) as Band[]).map((b) => (
        <li key={b} className="flex items-center gap-1">
          <span className="inline-block size-3 rounded-sm border border-border" style={{ background: BAND_FILL[b] }} />
          {labels[b]}
        </li>
      ))}
    </ul>
  );
}
