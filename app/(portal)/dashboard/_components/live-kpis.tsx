"use client";

import type { DashboardBody, DashboardShell } from "@/lib/metrics/dashboard-data";
import { KpiCards, TargetBasis } from "@/app/(portal)/dashboard/_components/kpi-cards";
import { LiveStatus } from "@/app/(portal)/dashboard/_components/live-status";
import { useDashboardPart } from "@/app/(portal)/dashboard/_components/use-dashboard-part";

/** The headline figures of the node in view, kept live. */
export function LiveKpis({ initial, shell }: { initial: DashboardBody; shell: DashboardShell }) {
  const { data: body, isError } = useDashboardPart("body", initial);
  const data = body.figures;
  const root = data.nodes.find((n) => n.id === data.rootId) ?? data.nodes[0];
  return (
    <div className="space-y-2" data-testid="figures-block" data-root={shell.root.code}>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <TargetBasis target={data.target} asOf={data.params.to} />
        <LiveStatus computedAt={data.computedAt} failed={isError} />
      </div>
      <KpiCards node={root} asOf={data.params.to} target={data.target} projection={data.projection} />
    </div>
  );
}
