"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { filtersToQuery, parseFilters, type SpecimenFilters } from "@/lib/biobank/filters";
import { biobankKeys } from "@/lib/biobank/query-keys";
import { formatDateTime, formatQuantity, statusVariant } from "@/lib/biobank/format";
import { labelSheetHref } from "@/lib/biobank/label-sheet";
import { CATEGORY_LIST, TYPE_LIST } from "@/lib/biobank/catalog";
import type { SpecimenSearchResult } from "@/lib/biobank/queries/search";
import { SPECIMEN_STATUSES } from "@/lib/biobank/status";
import { localizedPair } from "@/lib/i18n/localized";
import { CountsPanel } from "@/app/(portal)/biobank/_components/counts-panel";

/** Filters live in the URL; react-query fetches GET /api/biobank/specimens for each filter state. */
export function SpecimenSearch({ centres, countsOnly }: { centres: { id: number; label: string }[]; countsOnly: boolean }) {
  const t = useTranslations("biobank");
  const tc = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const parsed = parseFilters(new URLSearchParams(sp.toString()));
  const filters: SpecimenFilters = parsed.ok ? parsed.filters : {};
  const qs = filtersToQuery(filters);
  const { data, isError, isFetching } = useQuery({
    queryKey: biobankKeys.search(filters),
    queryFn: async (): Promise<SpecimenSearchResult> => {
      const res = await fetch(`/api/biobank/specimens?${qs}`);
      if (!res.ok) throw new Error(String(res.status));
      return res.json();
    },
    placeholderData: keepPreviousData,
  });
  const go = (f: SpecimenFilters) => router.push(`${pathname}?${filtersToQuery(f)}`);
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const raw: Record<string, string> = {};
    fd.forEach((v, k) => {
      if (typeof v === "string" && v.trim()) raw[k] = v.trim();
    });
    const p = parseFilters(raw);
    go(p.ok ? p.filters : {});
  };
  const nf = new Intl.NumberFormat(locale);
  const page = data?.page ?? 1;
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_16rem]">
      <div className="min-w-0 space-y-4">
        <form onSubmit={onSubmit} key={qs} className="grid grid-cols-2 gap-3 md:grid-cols-4" role="search" aria-label={t("search.heading")}>
          {countsOnly ? null : (
            <>
              <Field id="q-barcode" label={t("fields.barcode")}>
                <Input id="q-barcode" name="barcode" defaultValue={filters.barcode ?? ""} autoComplete="off" />
              </Field>
              <Field id="q-code" label={t("fields.code")}>
                <Input id="q-code" name="code" defaultValue={filters.code ?? ""} autoComplete="off" />
              </Field>
            </>
          )}
          <Field id="q-category" label={t("fields.category")}>
            <Select id="q-category" name="category" defaultValue={filters.category ?? ""}>
              <option value="">{t("search.anyOption")}</option>
              {CATEGORY_LIST.map((c) => <option key={c} value={c}>{t(`categories.${c}`)}</option>)}
            </Select>
          </Field>
          <Field id="q-type" label={t("fields.type")}>
            <Select id="q-type" name="type" defaultValue={filters.type ?? ""}>
              <option value="">{t("search.anyOption")}</option>
              {TYPE_LIST.map((c) => <option key={c} value={c}>{t(`types.${c}`)}</option>)}
            </Select>
          </Field>
          <Field id="q-status" label={t("fields.status")}>
            <Select id="q-status" name="status" defaultValue={filters.status ?? ""}>
              <option value="">{t("search.anyOption")}</option>
              {SPECIMEN_STATUSES.map((c) => <option key={c} value={c}>{t(`statuses.${c}`)}</option>)}
            </Select>
          </Field>
          <Field id="q-centre" label={t("fields.centre")}>
            <Select id="q-centre" name="centre" defaultValue={filters.centre ? String(filters.centre) : ""}>
              <option value="">{t("search.anyOption")}</option>
              {centres.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
            </Select>
          </Field>
          <Field id="q-from" label={t("fields.from")}>
            <Input id="q-from" type="date" name="from" defaultValue={filters.from ?? ""} />
          </Field>
          <Field id="q-to" label={t("fields.to")}>
            <Input id="q-to" type="date" name="to" defaultValue={filters.to ?? ""} />
          </Field>
          <div className="col-span-2 flex gap-2 md:col-span-4">
            <Button type="submit">{t("search.apply")}</Button>
            <Button type="button" variant="outline" onClick={() => go({})}>{t("search.clear")}</Button>
          </div>
        </form>
        {isError ? <p role="status" className="text-sm text-destructive">{t("search.error")}</p> : null}
        {data?.rows === null ? <p className="text-sm text-muted-foreground">{t("search.countsOnly")}</p> : null}
        {data?.rows ? (
          <>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="text-sm" aria-live="polite" data-testid="search-total">
                {t("search.results", { total: nf.format(data.total) })} {isFetching ? <span className="text-muted-foreground">· {tc("loading")}</span> : null}
              </p>
              {data.rows.length ? (
                <Link prefetch={false} className="text-sm text-primary hover:underline" href={labelSheetHref(data.rows.map((r) => r.barcode))}>
                  {t("search.printPage")}
                </Link>
              ) : null}
            </div>
            <Table data-testid="specimen-results">
              <THead>
                <tr>
                  <TH>{t("fields.barcode")}</TH><TH>{t("fields.type")}</TH><TH>{t("fields.status")}</TH><TH>{t("fields.centre")}</TH>
                  <TH>{t("fields.code")}</TH><TH>{t("fields.collectedAt")}</TH><TH>{t("fields.quantity")}</TH><TH>{t("fields.location")}</TH>
                </tr>
              </THead>
              <TBody>
                {data.rows.length === 0 ? (
                  <TR><TD colSpan={8} className="text-muted-foreground">{tc("noRows")}</TD></TR>
                ) : (
                  data.rows.map((r) => (
                    <TR key={r.id}>
                      <TD><Link prefetch={false} className="font-mono text-primary hover:underline" href={`/biobank/specimens/${r.barcode}`}>{r.barcode}</Link></TD>
                      <TD>{t(`types.${r.type}`)}</TD>
                      <TD><Badge className="whitespace-nowrap" variant={statusVariant(r.status)}>{t(`statuses.${r.status}`)}</Badge></TD>
                      <TD title={localizedPair(r.centreNameZh, r.centreNameEn, locale)}>{r.centreCode}</TD>
                      <TD className="whitespace-nowrap font-mono text-xs">{r.subjectCode ?? r.donorCode}</TD>
                      <TD className="whitespace-nowrap">{formatDateTime(r.collectedAt)}</TD>
                      <TD className="whitespace-nowrap">{formatQuantity(r.quantity)} {t(`units.${r.unit}`)}</TD>
                      <TD className="text-xs">{r.location ?? `${r.holderCode}`}</TD>
                    </TR>
                  ))
                )}
              </TBody>
            </Table>
            <div className="flex items-center gap-2 text-sm">
              <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => go({ ...filters, page: page - 1 })}>{tc("previous")}</Button>
              <span>{t("search.page", { page, pages: data.pages })}</span>
              <Button variant="outline" size="sm" disabled={page >= data.pages} onClick={() => go({ ...filters, page: page + 1 })}>{tc("next")}</Button>
            </div>
          </>
        ) : null}
      </div>
      <aside aria-label={t("search.countsByType")} className="rounded-lg border border-border bg-card p-4">
        {data ? <CountsPanel counts={data.counts} /> : <p className="text-sm text-muted-foreground">{tc("loading")}</p>}
      </aside>
    </div>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>{label}</Label>
      {children}
    </div>
  );
}
