"use client";

import type { NodeFigures } from "@/lib/metrics/types";
import type { DashboardData } from "@/lib/metrics/dashboard-data";
import { FlaggedSitesTable, ReasonsTable, SpecimenTypesTable, StudiesTable } from "@/app/(portal)/dashboard/_components/detail-tables";

/** The short lists under the figures: studies, sites needing attention, reasons, specimen types. */
export function DetailSections({ data, root }: { data: DashboardData; root: NodeFigures }) {
  return (
    <>
      {data.study ? null : <StudiesTable data={data} root={root} />}
      <FlaggedSitesTable data={data} root={root} />
      <div className="grid gap-6 xl:grid-cols-2">
        <ReasonsTable data={data} root={root} />
        <SpecimenTypesTable data={data} root={root} />
      </div>
    </>
  );
}
