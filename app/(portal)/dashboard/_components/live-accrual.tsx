"use client";

import type { DashboardAccrual } from "@/lib/metrics/dashboard-data";
import { AccrualCard } from "@/app/(portal)/dashboard/_components/pictures";
import { useDashboardPart } from "@/app/(portal)/dashboard/_components/use-dashboard-part";

/** The chosen study's accrual chart, kept live. */
export function LiveAccrual({ initial, rootCode }: { initial: DashboardAccrual; rootCode: string }) {
  const { data } = useDashboardPart("accrual", initial);
  return <AccrualCard accrual={data} rootCode={rootCode} />;
}
