"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Column } from "@/components/charts/columns";
import { TableCard } from "@/components/charts/table-card";
import { Badge } from "@/components/ui/badge";
import { localizedPair } from "@/lib/i18n/localized";
import { ratio } from "@/lib/metrics/derive";
import { dashboardSearch } from "@/lib/metrics/params";
import type { NodeFigures } from "@/lib/metrics/types";
import type { DashboardLists, FlaggedSite, ReasonRow, StudyRow } from "@/lib/metrics/dashboard-data";
import type { DashboardParams } from "@/lib/metrics/params";
import { share, useFormat } from "@/app/(portal)/dashboard/_components/format";

/** The top screen-failure reasons, each as a share of the period's screen failures under the root. */
export function ReasonsTable({ data, rootCode }: { data: DashboardLists; rootCode: string }) {
  const t = useTranslations("dashboard.reasons");
  const fmt = useFormat();
  const columns: Column<ReasonRow>[] = [
    { key: "study", header: t("study"), value: (r) => r.studyCode },
    { key: "criterion", header: t("criterion"), value: (r) => [r.code, localizedPair(r.textZh ?? "", r.textEn, fmt.locale)].filter(Boolean).join(" · ") },
    { key: "count", header: t("count"), value: (r) => r.n, numeric: true },
    { key: "share", header: t("share"), value: (r) => share(ratio(r.n, data.screenFailed)), cell: (r) => fmt.pct(ratio(r.n, data.screenFailed)), numeric: true },
  ];
  return (
    <TableCard
      title={t("title")}
      caption={t("title")}
      rows={data.reasons}
      columns={columns}
      csvName={["screen-failure-reasons", rootCode, data.params.to]}
      rowKey={(r) => `${r.studyCode}-${r.code}`}
      testId="reasons"
      empty={t("empty")}
    />
  );
}

type TypeRow = { type: string; n: number };

export function SpecimenTypesTable({ params, root }: { params: DashboardParams; root: NodeFigures }) {
  const t = useTranslations("dashboard.specimenTypes");
  const rows: TypeRow[] = Object.entries(root.specimensByType)
    .map(([type, n]) => ({ type, n }))
    .sort((a, b) => b.n - a.n);
  const columns: Column<TypeRow>[] = [
    { key: "type", header: t("type"), value: (r) => (t.has(`names.${r.type}`) ? t(`names.${r.type}`) : r.type) },
    { key: "count", header: t("count"), value: (r) => r.n, numeric: true },
  ];
  return (
    <TableCard
      title={t("title")}
      caption={t("title")}
      rows={rows}
      columns={columns}
      csvName={["specimens-by-type", root.code, params.to]}
      rowKey={(r) => r.type}
      testId="specimen-types"
      empty={t("empty")}
    />
  );
}

export function FlaggedSitesTable({ data, rootCode }: { data: DashboardLists; rootCode: string }) {
  const t = useTranslations("dashboard");
  const fmt = useFormat();
  const columns: Column<FlaggedSite>[] = [
    { key: "study", header: t("flagged.study"), value: (r) => r.studyCode },
    { key: "centre", header: t("flagged.centre"), value: (r) => `${r.centreCode} · ${fmt.name(r)}` },
    { key: "target", header: t("figures.target"), value: (r) => r.target, numeric: true },
    { key: "expected", header: t("figures.expected"), value: (r) => r.expected, cell: (r) => fmt.num(r.expected, 1), numeric: true },
    { key: "enrolled", header: t("figures.enrolledToDate"), value: (r) => r.enrolled, numeric: true },
    { key: "last", header: t("figures.lastEnrolledOn"), value: (r) => r.lastEnrolledOn },
    {
      key: "flags",
      header: t("flagged.flags"),
      value: (r) => [r.dormant ? t("flags.dormant") : null, r.lagging ? t("flags.lagging") : null].filter(Boolean).join(", "),
      cell: (r) => (
        <span className="flex gap-1">
          {r.dormant ? <Badge variant="warning">{t("flags.dormant")}</Badge> : null}
          {r.lagging ? <Badge variant="destructive">{t("flags.lagging")}</Badge> : null}
        </span>
      ),
    },
  ];
  return (
    <TableCard
      title={t("flagged.title")}
      caption={`${t("flags.dormantHint")}; ${t("flags.laggingHint")}`}
      rows={data.flagged.rows}
      columns={columns}
      csvName={["sites-needing-attention", rootCode, data.params.to]}
      rowKey={(r) => `${r.studyCode}-${r.centreCode}`}
      testId="flagged"
      empty={t("flagged.empty")}
      footer={data.flagged.total > data.flagged.rows.length ? <p className="pt-2 text-xs text-muted-foreground">{t("flagged.more", { shown: data.flagged.rows.length, total: data.flagged.total })}</p> : null}
    />
  );
}

/**
 * The studies with sites under the root. The title keeps a readable width on a 768 px tablet:
 * the table scrolls sideways inside its card instead of squeezing the title to a few characters
 * per line or cutting off the last column.
 */
export function StudiesTable({ data, rootCode }: { data: DashboardLists; rootCode: string }) {
  const t = useTranslations("dashboard");
  const fmt = useFormat();
  const columns: Column<StudyRow>[] = [
    {
      key: "code",
      header: t("studies.code"),
      value: (r) => r.code,
      cell: (r) => (
        <Link href={`/dashboard${dashboardSearch({ ...data.params, study: r.code })}`} className="font-medium text-primary hover:underline" data-testid={`study-${r.code}`}>
          {r.code}
        </Link>
      ),
    },
    { key: "title", header: t("studies.titleCol"), value: (r) => fmt.title(r), className: "min-w-56" },
    { key: "status", header: t("studies.status"), value: (r) => (t.has(`studyStatus.${r.status}`) ? t(`studyStatus.${r.status}`) : r.status), className: "whitespace-nowrap" },
    { key: "sites", header: t("studies.sites"), value: (r) => r.sites, numeric: true },
    { key: "siteTarget", header: t("studies.siteTarget"), value: (r) => r.siteTarget, numeric: true },
    { key: "enrolledToDate", header: t("studies.enrolledToDate"), value: (r) => r.enrolledToDate, numeric: true },
    { key: "share", header: t("figures.targetShare"), value: (r) => share(ratio(r.enrolledToDate, r.siteTarget)), cell: (r) => fmt.pct(ratio(r.enrolledToDate, r.siteTarget)), numeric: true },
  ];
  return (
    <TableCard
      title={t("studies.title")}
      caption={t("accrual.noStudy")}
      rows={data.studies.rows}
      columns={columns}
      csvName={["studies", rootCode, data.params.to]}
      rowKey={(r) => r.code}
      testId="studies"
      empty={t("studies.empty")}
      footer={data.studies.total > data.studies.rows.length ? <p className="pt-2 text-xs text-muted-foreground">{t("studies.more", { shown: data.studies.rows.length, total: data.studies.total })}</p> : null}
    />
  );
}
