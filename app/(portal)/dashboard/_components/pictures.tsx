"use client";

import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { ChartCard } from "@/components/charts/chart-card";
import type { Column } from "@/components/charts/columns";
import type { CentreBar } from "@/components/charts/centre-bars";
import { BandLegend, type Band } from "@/components/charts/bands";
import type { TreemapNode } from "@/components/charts/network-treemap";
import { accrualRows, type AccrualRow } from "@/lib/metrics/accrual";
import { derive, performanceBand } from "@/lib/metrics/derive";
import type { NodeFigures } from "@/lib/metrics/types";
import type { DashboardAccrual } from "@/lib/metrics/dashboard-data";
import { share, useFormat } from "@/app/(portal)/dashboard/_components/format";
import { TargetBasis } from "@/app/(portal)/dashboard/_components/kpi-cards";

// recharts measures the DOM: the pictures render in the browser only (their tables render
// everywhere), and ChartCard mounts them only once the card comes into view, so recharts is
// fetched then and not with the page.
const AccrualChart = dynamic(() => import("@/components/charts/accrual-chart").then((m) => m.AccrualChart), { ssr: false });
const CentreBars = dynamic(() => import("@/components/charts/centre-bars").then((m) => m.CentreBars), { ssr: false });
const NetworkTreemap = dynamic(() => import("@/components/charts/network-treemap").then((m) => m.NetworkTreemap), { ssr: false });

/**
 * The chosen study's cumulative enrolment against its plan and the projection, drawn with the
 * view's one target and projection (the KPI cards' own), both named under the chart.
 */
export function AccrualCard({ accrual, rootCode }: { accrual: DashboardAccrual; rootCode: string }) {
  const t = useTranslations("dashboard.accrual");
  const fmt = useFormat();
  const { study, target, params } = accrual;
  const rows = accrualRows(accrual.points, accrual.plan, { target: target.value, asOf: params.to, enrolledLast3m: accrual.enrolledLast3m });
  const columns: Column<AccrualRow>[] = [
    { key: "month", header: t("month"), value: (r) => r.month },
    { key: "enrolled", header: t("enrolledMonth"), value: (r) => r.enrolled, numeric: true },
    { key: "cumulative", header: t("cumulative"), value: (r) => r.cumulative, numeric: true },
    { key: "planned", header: t("planned"), value: (r) => r.planned, numeric: true },
    { key: "projected", header: t("projected"), value: (r) => r.projected, numeric: true },
  ];
  return (
    <ChartCard
      title={t("title", { study: study.code })}
      summary={
        accrual.points.length
          ? t("summary", { study: study.code, cumulative: fmt.num(accrual.enrolledToDate), to: params.to, target: fmt.num(target.value), projection: fmt.projection(accrual.projection) })
          : t("empty")
      }
      rows={rows}
      columns={columns}
      csvName={["accrual", study.code, rootCode, params.to]}
      rowKey={(r) => r.month}
      testId="accrual"
      legend={<TargetBasis target={target} asOf={params.to} />}
    >
      <AccrualChart rows={rows} labels={{ cumulative: t("cumulative"), planned: t("planned"), projected: t("projected") }} />
    </ChartCard>
  );
}

export function CentreBarsCard({ parent, nodes, to }: { parent: NodeFigures; nodes: NodeFigures[]; to: string }) {
  const t = useTranslations("dashboard");
  const fmt = useFormat();
  const rows: CentreBar[] = nodes.map((n) => ({ code: n.code, name: fmt.name(n), enrolledToDate: n.enrolledToDate, target: n.target }));
  const columns: Column<CentreBar>[] = [
    { key: "centre", header: t("league.centre"), value: (r) => r.name },
    { key: "code", header: t("league.code"), value: (r) => r.code },
    { key: "enrolledToDate", header: t("figures.enrolledToDate"), value: (r) => r.enrolledToDate, numeric: true },
    { key: "target", header: t("figures.target"), value: (r) => r.target, numeric: true },
  ];
  return (
    <ChartCard
      title={t("bars.title")}
      summary={t("bars.summary", { count: rows.length })}
      rows={rows}
      columns={columns}
      csvName={["enrolment-per-centre", parent.code, to]}
      rowKey={(r) => r.code}
      testId="bars"
    >
      <CentreBars rows={rows} labels={{ enrolledToDate: t("figures.enrolledToDate"), target: t("figures.target") }} />
    </ChartCard>
  );
}

type TreeRow = { code: string; name: string; parent: string; target: number; enrolledToDate: number; performance: number | null; band: Band };

export function TreemapCard({ parent, nodes, to }: { parent: NodeFigures; nodes: NodeFigures[]; to: string }) {
  const t = useTranslations("dashboard");
  const fmt = useFormat();
  const row = (n: NodeFigures, p: NodeFigures): TreeRow => {
    const performance = derive(n, to).performance;
    return { code: n.code, name: fmt.name(n), parent: fmt.name(p), target: n.target, enrolledToDate: n.enrolledToDate, performance, band: performanceBand(performance) };
  };
  const children = nodes.filter((n) => n.parentId === parent.id && n.target > 0);
  const rows: TreeRow[] = [];
  const data: TreemapNode[] = children.map((c) => {
    const grand = nodes.filter((g) => g.parentId === c.id && g.target > 0);
    const own = c.target - grand.reduce((a, g) => a + g.target, 0);
    rows.push(row(c, parent));
    const leaves: TreemapNode[] = grand.map((g) => {
      const r = row(g, c);
      rows.push(r);
      return { name: r.name, code: g.code, size: g.target, band: r.band };
    });
    const self = rows.find((r) => r.code === c.code)!;
    if (!leaves.length) return { name: self.name, code: c.code, size: c.target, band: self.band };
    // The centre's own sites as one more box beside its hospitals, so the areas add up.
    if (own > 0) leaves.unshift({ name: self.name, code: c.code, size: own, band: self.band });
    return { name: self.name, code: c.code, size: c.target, band: self.band, children: leaves };
  });
  const columns: Column<TreeRow>[] = [
    { key: "centre", header: t("league.centre"), value: (r) => r.name },
    { key: "code", header: t("league.code"), value: (r) => r.code },
    { key: "parent", header: t("treemap.parent"), value: (r) => r.parent },
    { key: "target", header: t("figures.target"), value: (r) => r.target, numeric: true },
    { key: "enrolledToDate", header: t("figures.enrolledToDate"), value: (r) => r.enrolledToDate, numeric: true },
    { key: "performance", header: t("figures.performance"), value: (r) => share(r.performance), cell: (r) => fmt.pct(r.performance), numeric: true },
    { key: "band", header: t("treemap.band"), value: (r) => t(`treemap.bands.${r.band}`) },
  ];
  if (!data.length) return null;
  return (
    <ChartCard
      title={t("treemap.title")}
      summary={t("treemap.summary")}
      rows={rows}
      columns={columns}
      csvName={["network-performance", parent.code, to]}
      rowKey={(r) => r.code}
      testId="treemap"
      legend={<BandLegend labels={{ onTrack: t("treemap.bands.onTrack"), behind: t("treemap.bands.behind"), lagging: t("treemap.bands.lagging"), none: t("treemap.bands.none") }} />}
    >
      <NetworkTreemap data={data} />
    </ChartCard>
  );
}
