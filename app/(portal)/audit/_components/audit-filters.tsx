import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import type { AuditFilters } from "@/lib/history/filters";

/** A GET form: the filters are in the URL, so a filtered view can be bookmarked or shared. */
type Option = { value: string; label: string };

export async function AuditFiltersForm({ values, entityTypes, actions }: { values: AuditFilters; entityTypes: Option[]; actions: Option[] }) {
  const t = await getTranslations("audit");
  const tc = await getTranslations("common");
  const field = (id: string, label: string, input: React.ReactNode) => (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>{label}</Label>
      {input}
    </div>
  );
  return (
    <form method="get" action="/audit" role="search" aria-label={tc("filter")} className="grid gap-3 rounded-lg border border-border bg-card p-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4 xl:items-end">
      {field(
        "flt-type",
        t("entityType"),
        <Select id="flt-type" name="entityType" defaultValue={values.entityType}>
          <option value="">{t("anyType")}</option>
          {entityTypes.map((e) => (
            <option key={e.value} value={e.value}>
              {e.label}
            </option>
          ))}
        </Select>,
      )}
      {field("flt-id", t("entityId"), <Input id="flt-id" name="entityId" defaultValue={values.entityId} inputMode="numeric" />)}
      {field("flt-actor", t("actor"), <Input id="flt-actor" name="actor" defaultValue={values.actor} placeholder={t("actorPlaceholder")} />)}
      {field(
        "flt-action",
        t("action"),
        <Select id="flt-action" name="action" defaultValue={values.action}>
          <option value="">{t("anyAction")}</option>
          {/* A bookmarked free-text filter ("ae.") keeps working and stays selected. */}
          {values.action && !actions.some((a) => a.value === values.action) ? <option value={values.action}>{values.action}</option> : null}
          {actions.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </Select>,
      )}
      {field("flt-from", t("from"), <Input id="flt-from" name="from" type="date" defaultValue={values.from} />)}
      {field("flt-to", t("to"), <Input id="flt-to" name="to" type="date" defaultValue={values.to} />)}
      <div className="flex gap-2">
        <Button type="submit">{tc("filter")}</Button>
        <Link href="/audit" className={buttonVariants({ variant: "outline" })}>
          {tc("reset")}
        </Link>
      </div>
    </form>
  );
}
