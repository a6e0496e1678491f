"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { dashboardSearch } from "@/lib/metrics/params";
import type { DashboardData } from "@/lib/metrics/dashboard-data";
import { DetailSections } from "@/app/(portal)/dashboard/_components/detail-sections";
import { DashboardFilters } from "@/app/(portal)/dashboard/_components/filters";
import { useFormat } from "@/app/(portal)/dashboard/_components/format";
import { KpiCards } from "@/app/(portal)/dashboard/_components/kpi-cards";
import { LeagueTable } from "@/app/(portal)/dashboard/_components/league-table";
import { AccrualCard, CentreBarsCard, TreemapCard } from "@/app/(portal)/dashboard/_components/pictures";
import { useDashboard } from "@/app/(portal)/dashboard/_components/use-dashboard";

export function DashboardView({ initial }: { initial: DashboardData }) {
  const t = useTranslations("dashboard");
  const tc = useTranslations("common");
  const f = useFormatter();
  const fmt = useFormat();
  const { data, dataUpdatedAt, isError } = useDashboard(initial);
  const root = data.nodes.find((n) => n.id === data.rootId) ?? data.nodes[0];
  const children = data.nodes.filter((n) => n.parentId === root.id);
  const p = data.params;
  const intro = data.reach.centres === "own" ? "own" : data.reach.studies === "own" ? "studies" : data.reach.centres;
  const time = f.dateTime(new Date(dataUpdatedAt), { hour: "2-digit", minute: "2-digit", second: "2-digit" });

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <nav aria-label={tc("breadcrumb")}>
          <ol className="flex flex-wrap items-center gap-1 text-sm text-muted-foreground" data-testid="breadcrumbs">
            {data.crumbs.map((c, i) => {
              const last = i === data.crumbs.length - 1;
              return (
                <li key={c.code} className="flex items-center gap-1">
                  {i > 0 ? <span aria-hidden>/</span> : null}
                  {last ? (
                    <span aria-current="page" className="font-medium text-foreground">
                      {fmt.name(c)}
                    </span>
                  ) : (
                    <Link href={`/dashboard${dashboardSearch({ ...p, centre: c.code })}`} className="text-primary hover:underline" data-testid={`crumb-${c.code}`}>
                      {fmt.name(c)}
                    </Link>
                  )}
                </li>
              );
            })}
          </ol>
        </nav>
        <div className="flex flex-wrap items-end justify-between gap-2">
          <div>
            <h1 className="text-2xl font-semibold">
              {t("title")} · <span data-testid="dashboard-node">{fmt.name(root)}</span>
            </h1>
            <p className="text-sm text-muted-foreground">
              {t(`intro.${intro}`)} {p.from ? t("periodRange", { from: p.from, to: p.to }) : t("periodAll", { to: p.to })}
              {data.study ? (
                <>
                  {" · "}
                  <span data-testid="dashboard-study">
                    {data.study.code} {fmt.title(data.study)}
                  </span>
                </>
              ) : null}
            </p>
          </div>
          <p className="text-xs text-muted-foreground" data-testid="live-status">
            {isError ? t("liveError", { time }) : t("live", { time })}
          </p>
        </div>
        <DashboardFilters data={data} />
      </div>

      <KpiCards node={root} asOf={p.to} />

      {data.study ? <AccrualCard data={data} root={root} /> : null}

      {children.length ? (
        <>
          <LeagueTable parent={root} nodes={children} params={p} />
          <div className="grid gap-6 xl:grid-cols-2">
            <CentreBarsCard parent={root} nodes={children} to={p.to} />
            <TreemapCard parent={root} nodes={data.nodes} to={p.to} />
          </div>
        </>
      ) : null}

      <DetailSections data={data} root={root} />
    </div>
  );
}
