import { z } from "zod";
import { networkToday } from "@/lib/time/network-day";
import { dayField, FILTER_DAY } from "@/lib/validation/fields";

const periodDay = dayField(FILTER_DAY);

/** What a dashboard view is asked for: a node of the tree, a study, a period (inclusive dates). */
export const dashboardParamsSchema = z.strictObject({
  centre: z.string().regex(/^[A-Z0-9]{2,8}$/).optional(),
  study: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/).max(40).optional(),
  from: periodDay.optional(),
  to: periodDay,
});

export type DashboardParams = z.infer<typeof dashboardParamsSchema>;

/**
 * Parses search params (page or route handler) into a view; anything malformed is dropped
 * rather than failing the page, and a period whose start follows its end loses its start.
 */
export function parseDashboardParams(raw: Record<string, string | string[] | undefined>, today = networkToday()): DashboardParams {
  const one = (k: string) => {
    const v = raw[k];
    const s = (Array.isArray(v) ? v[0] : v)?.trim();
    return s ? s : undefined;
  };
  const pick = <T>(schema: z.ZodType<T>, v: string | undefined) => (v !== undefined && schema.safeParse(v).success ? (v as T) : undefined);
  const to = pick(periodDay, one("to")) ?? today;
  let from = pick(periodDay, one("from"));
  if (from && from > to) from = undefined;
  return dashboardParamsSchema.parse({
    centre: pick(dashboardParamsSchema.shape.centre, one("centre")?.toUpperCase()),
    study: pick(dashboardParamsSchema.shape.study, one("study")?.toUpperCase()),
    from,
    to,
  });
}

/** The query string of a view (stable key order, empty parts left out). */
export function dashboardSearch(p: Partial<DashboardParams>): string {
  const q = new URLSearchParams();
  for (const k of ["centre", "study", "from", "to"] as const) {
    const v = p[k];
    if (v) q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The query string of one part of a view, for its live refresh (GET /api/dashboard?…&part=…). */
export function dashboardPartSearch(p: Partial<DashboardParams>, part: string): string {
  const s = dashboardSearch(p);
  return `${s ? `${s}&` : "?"}part=${encodeURIComponent(part)}`;
}
