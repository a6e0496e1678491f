import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { ROLES } from "@/lib/authz/permissions";
import type { UserFilters } from "@/lib/users/filters";

/** A plain GET form: the filters live in the URL, the server does the filtering and paging. */
export async function UserFiltersForm({ values, centres }: { values: UserFilters; centres: { value: string; label: string }[] }) {
  const t = await getTranslations("users");
  const tc = await getTranslations("common");
  return (
    <form method="get" action="/users" role="search" aria-label={tc("filter")} className="grid gap-3 rounded-lg border border-border bg-card p-3 sm:grid-cols-2 lg:grid-cols-4 lg:items-end">
      <div className="flex flex-col gap-1">
        <Label htmlFor="flt-q">{t("searchLabel")}</Label>
        <Input id="flt-q" name="q" type="search" defaultValue={values.q} placeholder={t("searchPlaceholder")} />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="flt-role">{t("role")}</Label>
        <Select id="flt-role" name="role" defaultValue={values.role}>
          <option value="">{t("anyRole")}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {tc(`roles.${r}`)}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="flt-centre">{t("centreFilter")}</Label>
        <Select id="flt-centre" name="centre" defaultValue={values.centre}>
          <option value="">{t("anyCentre")}</option>
          {centres.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex gap-2">
        <Button type="submit">{tc("filter")}</Button>
        <Link href="/users" className={buttonVariants({ variant: "outline" })}>
          {tc("reset")}
        </Link>
      </div>
    </form>
  );
}
