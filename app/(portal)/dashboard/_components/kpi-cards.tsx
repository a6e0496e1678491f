"use client";

import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { derive, ratio, type Projection } from "@/lib/metrics/derive";
import type { ViewTarget } from "@/lib/metrics/target";
import type { NodeFigures } from "@/lib/metrics/types";
import { useFormat } from "@/app/(portal)/dashboard/_components/format";

/**
 * The headline figures of the node in view. Target, share of target and projected date use the
 * view's one target and one projection (lib/metrics/target.ts), the same as the accrual chart's.
 */
export function KpiCards({ node, asOf, target, projection }: { node: NodeFigures; asOf: string; target: ViewTarget; projection: Projection }) {
  const t = useTranslations("dashboard");
  const fmt = useFormat();
  const d = derive(node, asOf);
  const items: { key: string; label: string; value: string; sub?: string }[] = [
    { key: "enrolled", label: t("figures.enrolled"), value: fmt.num(node.enrolled) },
    { key: "enrolledToDate", label: t("figures.enrolledToDate"), value: fmt.num(node.enrolledToDate), sub: t("ofTarget", { target: fmt.num(target.value) }) },
    { key: "targetShare", label: t("figures.targetShare"), value: fmt.pct(ratio(node.enrolledToDate, target.value)) },
    { key: "accrual", label: t("figures.accrual"), value: fmt.num(d.accrualPerMonth, 1), sub: t("figures.accrualHint") },
    { key: "projection", label: t("figures.projection"), value: fmt.projection(projection) },
    { key: "screened", label: t("figures.screened"), value: fmt.num(node.screened), sub: `${t("figures.screenFailed")}: ${fmt.num(node.screenFailed)}` },
    { key: "screenFailureRate", label: t("figures.screenFailureRate"), value: fmt.pct(d.screenFailureRate) },
    { key: "medianDays", label: t("figures.medianDays"), value: fmt.days(node.medianDaysToEnrol) },
    { key: "daysSinceLast", label: t("figures.daysSinceLast"), value: fmt.days(d.daysSinceLastEnrolment), sub: node.lastEnrolledOn ?? undefined },
    { key: "withdrawalRate", label: t("figures.withdrawalRate"), value: fmt.pct(d.withdrawalRate), sub: `${t("figures.withdrawn")}: ${fmt.num(node.withdrawn)}` },
    { key: "specimens", label: t("figures.specimens"), value: fmt.num(node.specimens) },
    { key: "specimensPerParticipant", label: t("figures.specimensPerParticipant"), value: fmt.num(d.specimensPerParticipant, 2) },
    {
      key: "unclosedQueries",
      label: t("figures.unclosedQueries"),
      value: fmt.num(node.unclosedQueries),
      sub: [
        t("figures.unclosedBreakdown", { open: fmt.num(node.openQueries), answered: fmt.num(node.answeredQueries) }),
        node.oldestUnclosedQueryDays === null ? null : t("figures.oldestUnclosedQuery", { days: fmt.days(node.oldestUnclosedQueryDays) }),
      ]
        .filter(Boolean)
        .join("; "),
    },
    { key: "aes", label: t("figures.aes"), value: fmt.num(node.aes) },
    { key: "saes", label: t("figures.saes"), value: fmt.num(node.saes) },
    { key: "lateSaes", label: t("figures.lateSaes"), value: fmt.num(node.lateSaes) },
    { key: "sites", label: t("figures.activeSites"), value: `${fmt.num(node.activeSites)} / ${fmt.num(node.sites)}`, sub: t("figures.sites") },
    { key: "dormantSites", label: t("figures.dormantSites"), value: fmt.num(node.dormantSites), sub: t("flags.dormantHint") },
    { key: "laggingSites", label: t("figures.laggingSites"), value: fmt.num(node.laggingSites), sub: t("flags.laggingHint") },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5" data-testid="kpis">
      {items.map((i) => (
        // dt/dd sit directly in the card (a div right under the dl), as the dl content model wants.
        <Card key={i.key} data-testid={`kpi-${i.key}`} className="p-4">
          <dt className="text-xs text-muted-foreground">{i.label}</dt>
          <dd className="text-2xl font-semibold tabular-nums" data-testid={`kpi-${i.key}-value`}>
            {i.value}
          </dd>
          {i.sub ? <dd className="text-xs text-muted-foreground">{i.sub}</dd> : null}
        </Card>
      ))}
    </dl>
  );
}

/** Names the view's target and projection method, under the figures that use them. */
export function TargetBasis({ target, asOf }: { target: ViewTarget; asOf: string }) {
  const t = useTranslations("dashboard.basis");
  const fmt = useFormat();
  return (
    <p className="text-xs text-muted-foreground" data-testid="dashboard-basis">
      {t(target.source === "study" ? "targetStudy" : "targetSites", { target: fmt.num(target.value) })} {t("projection", { to: asOf })}
    </p>
  );
}
