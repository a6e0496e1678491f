"use client";

import type { DashboardBody } from "@/lib/metrics/dashboard-data";
import { SpecimenTypesTable } from "@/app/(portal)/dashboard/_components/detail-tables";
import { LeagueTable } from "@/app/(portal)/dashboard/_components/league-table";
import { CentreBarsCard, TreemapCard } from "@/app/(portal)/dashboard/_components/pictures";
import { useDashboardPart } from "@/app/(portal)/dashboard/_components/use-dashboard-part";

/** The centres below the node in view (table, bars, treemap) and its specimens by type, kept live. */
export function LiveTree({ initial }: { initial: DashboardBody }) {
  const data = useDashboardPart("body", initial).data.figures;
  const root = data.nodes.find((n) => n.id === data.rootId) ?? data.nodes[0];
  const children = data.nodes.filter((n) => n.parentId === root.id);
  const p = data.params;
  return (
    <div className="space-y-6">
      {children.length ? (
        <>
          <LeagueTable parent={root} own={data.own} nodes={children} params={p} />
          <div className="grid gap-6 xl:grid-cols-2">
            <CentreBarsCard parent={root} nodes={children} to={p.to} />
            <TreemapCard parent={root} nodes={data.nodes} to={p.to} />
          </div>
        </>
      ) : null}
      <SpecimenTypesTable params={p} root={root} />
    </div>
  );
}
