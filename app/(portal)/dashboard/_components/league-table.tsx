"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Column } from "@/components/charts/columns";
import { TableCard } from "@/components/charts/table-card";
import { Badge } from "@/components/ui/badge";
import { derive } from "@/lib/metrics/derive";
import { dashboardSearch, type DashboardParams } from "@/lib/metrics/params";
import type { NodeFigures } from "@/lib/metrics/types";
import { share, useFormat } from "@/app/(portal)/dashboard/_components/format";

/** A child centre (and everything below it), the parent's own centre alone, or the parent in all. */
type RowKind = "child" | "own" | "total";
type Row = NodeFigures & ReturnType<typeof derive> & { kind: RowKind };

/**
 * The children of the node in view, one row each with every figure, sortable; a name drills
 * down. Under them, unsorted, the node's own centre ("R01 itself": its own sites, not its
 * children's) and the node in all, so that every column adds up: total = own + children.
 */
export function LeagueTable({ parent, own, nodes, params }: { parent: NodeFigures; own: NodeFigures | null; nodes: NodeFigures[]; params: DashboardParams }) {
  const t = useTranslations("dashboard");
  const tc = useTranslations("common");
  const fmt = useFormat();
  const row = (n: NodeFigures, kind: RowKind): Row => ({ ...n, ...derive(n, params.to), kind });
  const rows: Row[] = nodes.map((n) => row(n, "child"));
  const foot: Row[] = own ? [row(own, "own"), row(parent, "total")] : [];
  const label = (r: Row) => (r.kind === "own" ? t("league.own", { name: fmt.name(r) }) : r.kind === "total" ? t("league.total", { name: fmt.name(r) }) : fmt.name(r));
  const num = (key: string, header: string, get: (r: Row) => number | null, show?: (r: Row) => React.ReactNode): Column<Row> => ({
    key,
    header,
    value: get,
    cell: show ?? ((r) => fmt.num(get(r))),
    numeric: true,
  });
  const columns: Column<Row>[] = [
    {
      key: "centre",
      header: t("league.centre"),
      value: label,
      className: "min-w-44",
      cell: (r) => (
        <span className="flex flex-col">
          {r.kind === "child" ? (
            <Link href={`/dashboard${dashboardSearch({ ...params, centre: r.code })}`} className="font-medium text-primary hover:underline" data-testid={`drill-${r.code}`}>
              {fmt.name(r)}
            </Link>
          ) : (
            <span className="font-medium" data-testid={`league-${r.kind}`} title={r.kind === "own" ? t("league.ownHint") : undefined}>
              {label(r)}
            </span>
          )}
          <span className="flex flex-wrap items-center gap-1">
            {r.dormantSites > 0 ? (
              <Badge variant="warning" title={t("flags.dormantHint")}>
                {t("flags.dormant")} {r.dormantSites}
              </Badge>
            ) : null}
            {r.laggingSites > 0 ? (
              <Badge variant="destructive" title={t("flags.laggingHint")}>
                {t("flags.lagging")} {r.laggingSites}
              </Badge>
            ) : null}
          </span>
        </span>
      ),
    },
    { key: "code", header: t("league.code"), value: (r) => r.code, cell: (r) => <code className="text-xs">{r.code}</code> },
    { key: "level", header: t("league.level"), value: (r) => tc(`levels.${r.level}`) },
    num("enrolled", t("figures.enrolled"), (r) => r.enrolled),
    num("enrolledToDate", t("figures.enrolledToDate"), (r) => r.enrolledToDate),
    num("target", t("figures.target"), (r) => r.target),
    num("targetShare", t("figures.targetShare"), (r) => share(r.targetShare), (r) => fmt.pct(r.targetShare)),
    num("performance", t("figures.performance"), (r) => share(r.performance), (r) => fmt.pct(r.performance)),
    num("accrual", t("figures.accrual"), (r) => Math.round(r.accrualPerMonth * 10) / 10, (r) => fmt.num(r.accrualPerMonth, 1)),
    { key: "projection", header: t("figures.projection"), value: (r) => fmt.projection(r.projection), className: "whitespace-nowrap" },
    num("screened", t("figures.screened"), (r) => r.screened),
    num("screenFailureRate", t("figures.screenFailureRate"), (r) => share(r.screenFailureRate), (r) => fmt.pct(r.screenFailureRate)),
    num("medianDays", t("figures.medianDays"), (r) => r.medianDaysToEnrol, (r) => fmt.num(r.medianDaysToEnrol, 1)),
    num("daysSinceLast", t("figures.daysSinceLast"), (r) => r.daysSinceLastEnrolment),
    num("withdrawalRate", t("figures.withdrawalRate"), (r) => share(r.withdrawalRate), (r) => fmt.pct(r.withdrawalRate)),
    num("specimens", t("figures.specimens"), (r) => r.specimens),
    num("unclosedQueries", t("figures.unclosedQueries"), (r) => r.unclosedQueries),
    num("openQueries", t("figures.openQueries"), (r) => r.openQueries),
    num("answeredQueries", t("figures.answeredQueries"), (r) => r.answeredQueries),
    num("oldestUnclosedQuery", t("figures.oldestUnclosedQueryDays"), (r) => r.oldestUnclosedQueryDays),
    num("queriesOpened", t("figures.queriesOpened"), (r) => r.queriesOpened),
    num("queriesClosed", t("figures.queriesClosed"), (r) => r.queriesClosed),
    num("aes", t("figures.aes"), (r) => r.aes),
    num("saes", t("figures.saes"), (r) => r.saes),
    num("lateSaes", t("figures.lateSaes"), (r) => r.lateSaes),
    num("activeSites", t("figures.activeSites"), (r) => r.activeSites),
    num("dormantSites", t("figures.dormantSites"), (r) => r.dormantSites),
    num("laggingSites", t("figures.laggingSites"), (r) => r.laggingSites),
  ];
  return (
    <TableCard
      title={t("league.title", { name: fmt.name(parent) })}
      caption={t("league.caption")}
      rows={rows}
      footRows={foot}
      columns={columns}
      csvName={["dashboard", parent.code, "centres", params.to]}
      rowKey={(r) => `${r.kind}-${r.code}`}
      testId="league"
      empty={t("league.empty")}
      sortable
    />
  );
}
