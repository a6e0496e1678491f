"use client";

import { useQuery } from "@tanstack/react-query";
import type { DashboardAccrual, DashboardBody, DashboardPart } from "@/lib/metrics/dashboard-data";
import { dashboardPartSearch, type DashboardParams } from "@/lib/metrics/params";
import { dashboardKeys } from "@/lib/metrics/query-keys";

export const REFRESH_MS = 30_000;

type PartData = { body: DashboardBody; accrual: DashboardAccrual };

async function fetchPart<P extends DashboardPart>(part: P, params: DashboardParams): Promise<PartData[P]> {
  const res = await fetch(`/api/dashboard${dashboardPartSearch(params, part)}`, { cache: "no-store", headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`dashboard ${part} ${res.status}`);
  return (await res.json()) as PartData[P];
}

/**
 * One block's figures: streamed from the server first (the same data function the route
 * handler calls), then refreshed every 30 s from GET /api/dashboard?part=…. Its "updated"
 * time is the data's own `computedAt`, never this browser's clock.
 */
export function useDashboardPart<P extends DashboardPart>(part: P, initial: PartData[P]): { data: PartData[P]; isError: boolean } {
  const q = useQuery({
    queryKey: dashboardKeys.part(part, initial.params),
    queryFn: () => fetchPart(part, initial.params),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.computedAt),
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: false,
  });
  return { data: q.data ?? initial, isError: q.isError };
}
