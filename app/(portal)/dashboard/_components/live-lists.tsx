"use client";

import type { DashboardLists, DashboardShell } from "@/lib/metrics/dashboard-data";
import { FlaggedSitesTable, ReasonsTable, StudiesTable } from "@/app/(portal)/dashboard/_components/detail-tables";
import { useDashboardPart } from "@/app/(portal)/dashboard/_components/use-dashboard-part";

/** The short lists under the figures: studies, sites needing attention, screen-failure reasons; kept live. */
export function LiveLists({ initial, shell }: { initial: DashboardLists; shell: DashboardShell }) {
  const { data } = useDashboardPart("lists", initial);
  const code = shell.root.code;
  return (
    <div className="space-y-6">
      {shell.study ? null : <StudiesTable data={data} rootCode={code} />}
      <FlaggedSitesTable data={data} rootCode={code} />
      <ReasonsTable data={data} rootCode={code} />
    </div>
  );
}
