"use client";

import { useQuery } from "@tanstack/react-query";
import { dashboardSearch } from "@/lib/metrics/params";
import { dashboardKeys } from "@/lib/metrics/query-keys";
import type { DashboardData } from "@/lib/metrics/dashboard-data";

export const REFRESH_MS = 30_000;

async function fetchDashboard(params: DashboardData["params"]): Promise<DashboardData> {
  const res = await fetch(`/api/dashboard${dashboardSearch(params)}`, { cache: "no-store", headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`dashboard ${res.status}`);
  return (await res.json()) as DashboardData;
}

/** The view's figures: rendered on the server first, then refreshed every 30 s from the route handler. */
export function useDashboard(initial: DashboardData) {
  return useQuery({
    queryKey: dashboardKeys.view(initial.params),
    queryFn: () => fetchDashboard(initial.params),
    initialData: initial,
    initialDataUpdatedAt: () => Date.now(),
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}
