"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { DashboardShell } from "@/lib/metrics/dashboard-data";
import { dashboardSearch } from "@/lib/metrics/params";
import { DashboardFilters } from "@/app/(portal)/dashboard/_components/filters";
import { useFormat } from "@/app/(portal)/dashboard/_components/format";

/** Where the view is (breadcrumbs, node, period, study) and its filters: sent before any figure. */
export function DashboardHeader({ shell }: { shell: DashboardShell }) {
  const t = useTranslations("dashboard");
  const tc = useTranslations("common");
  const fmt = useFormat();
  const p = shell.params;
  const intro = shell.reach.centres === "own" ? "own" : shell.reach.studies === "own" ? "studies" : shell.reach.centres;
  return (
    <div className="space-y-2">
      <nav aria-label={tc("breadcrumb")}>
        <ol className="flex flex-wrap items-center gap-1 text-sm text-muted-foreground" data-testid="breadcrumbs">
          {shell.crumbs.map((c, i) => {
            const last = i === shell.crumbs.length - 1;
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
      <div>
        <h1 className="text-2xl font-semibold">
          {t("title")} · <span data-testid="dashboard-node">{fmt.name(shell.root)}</span>
        </h1>
        <p className="text-sm text-muted-foreground">
          {t(`intro.${intro}`)} {p.from ? t("periodRange", { from: p.from, to: p.to }) : t("periodAll", { to: p.to })}
          {shell.study ? (
            <>
              {" · "}
              <span data-testid="dashboard-study">
                {shell.study.code} {fmt.title(shell.study)}
              </span>
            </>
          ) : null}
        </p>
      </div>
      <DashboardFilters shell={shell} />
    </div>
  );
}
