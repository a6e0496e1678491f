import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { PARTICIPANT_STATUSES } from "@/lib/enums";
import type { ParticipantFilters } from "@/lib/participants/filters";

/** GET filters: the server filters and pages. `sites` empty hides the site filter. */
export async function ParticipantFiltersForm({ action, values, sites }: { action: string; values: ParticipantFilters; sites: { value: string; label: string }[] }) {
  const [t, tc] = [await getTranslations("enrolment"), await getTranslations("common")];
  return (
    <form method="get" action={action} role="search" aria-label={tc("filter")} className="mb-3 flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1">
        <Label htmlFor="flt-q">{t("participants.search")}</Label>
        <Input id="flt-q" name="q" type="search" defaultValue={values.q} className="w-48" />
      </div>
      {sites.length ? (
        <div className="flex flex-col gap-1">
          <Label htmlFor="flt-site">{t("participants.site")}</Label>
          <Select id="flt-site" name="site" defaultValue={values.site}>
            <option value="">{t("screening.allSites")}</option>
            {sites.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </Select>
        </div>
      ) : null}
      <div className="flex flex-col gap-1">
        <Label htmlFor="flt-status">{t("participants.status")}</Label>
        <Select id="flt-status" name="status" defaultValue={values.status}>
          <option value="">{t("participants.allStatuses")}</option>
          {PARTICIPANT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="outline">
        {tc("filter")}
      </Button>
      <Link href={action} className={buttonVariants({ variant: "ghost" })}>
        {tc("reset")}
      </Link>
    </form>
  );
}
