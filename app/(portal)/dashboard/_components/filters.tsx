"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { dashboardSearch } from "@/lib/metrics/params";
import type { DashboardShell } from "@/lib/metrics/dashboard-data";

/** Study and period of the view, as a plain GET form (the URL is the view's state). */
export function DashboardFilters({ shell }: { shell: DashboardShell }) {
  const t = useTranslations("dashboard.filters");
  const p = shell.params;
  const studies = [...shell.studyOptions];
  if (shell.study && !studies.includes(shell.study.code)) studies.unshift(shell.study.code);
  return (
    <form method="get" action="/dashboard" className="flex flex-wrap items-end gap-3" aria-label={t("legend")} data-testid="dashboard-filters">
      {p.centre ? <input type="hidden" name="centre" value={p.centre} /> : null}
      <div className="flex flex-col gap-1">
        <Label htmlFor="dash-study">{t("study")}</Label>
        <Select id="dash-study" name="study" defaultValue={p.study ?? ""} className="w-56">
          <option value="">{t("allStudies")}</option>
          {studies.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="dash-from">{t("from")}</Label>
        <Input id="dash-from" type="date" name="from" defaultValue={p.from ?? ""} className="w-40" />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="dash-to">{t("to")}</Label>
        <Input id="dash-to" type="date" name="to" defaultValue={p.to} className="w-40" />
      </div>
      <Button type="submit">{t("apply")}</Button>
      <Link href={`/dashboard${dashboardSearch({ centre: p.centre })}`} className={buttonVariants({ variant: "ghost" })}>
        {t("reset")}
      </Link>
    </form>
  );
}
