"use client";

import type { DashboardBody, DashboardShell } from "@/lib/metrics/dashboard-data";
import { FlaggedSitesTable, ReasonsTable, StudiesTable } from "@/app/(portal)/dashboard/_components/detail-tables";
import { useDashboardPart } from "@/app/(portal)/dashboard/_components/use-dashboard-part";

/** The short lists under the figures: studies, sites needing attention, screen-failure reasons; kept live. */
export function LiveLists({ initial, shell }: { initial: DashboardBody; shell: DashboardShell }) {
  const data = useDashboardPart("body", initial).data.lists;
  const code = shell.root.code;
  return (
    <div className="space-y-6">
      {shell.study ? null : <StudiesTable data={data} rootCode={code} />}
      <FlaggedSitesTable data={data} rootCode={code} />
      <ReasonsTable data={data} rootCode={code} />
    </div>
  );
}
