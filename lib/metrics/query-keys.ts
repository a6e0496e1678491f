import type { DashboardPart } from "@/lib/metrics/dashboard-data";
import type { DashboardParams } from "@/lib/metrics/params";

/** react-query keys of the dashboard: invalidate `all` after any change that moves a figure. */
export const dashboardKeys = {
  all: ["dashboard"] as const,
  view: (p: DashboardParams) => ["dashboard", "view", p.centre ?? null, p.study ?? null, p.from ?? null, p.to] as const,
  part: (part: DashboardPart, p: DashboardParams) => [...dashboardKeys.view(p), part] as const,
};
