import { useTranslations } from "next-intl";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { localizedPair } from "@/lib/i18n/localized";
import type { CompletionFigures, StudyCompletion } from "@/lib/crf/queries/completion";

/**
 * A study's data-entry figures (lib/crf/queries/completion.ts): per site and for the whole
 * study, forms expected, entered, complete and verified (each with its share of those
 * expected) and the median days from visit to entry. Counts only: no participant appears.
 */
export function CompletionTable({ data, locale }: { data: StudyCompletion; locale: string }) {
  const t = useTranslations("crf.completion");
  if (data.study.expected === 0) return <p className="text-sm text-muted-foreground">{t("none")}</p>;
  const pct = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  // The share of those expected goes under the count, so that six columns fit a tablet's card.
  const share = (n: number, of: number) => (
    <>
      {n}
      {of ? <span className="block text-xs text-muted-foreground">{pct.format(n / of)}</span> : null}
    </>
  );
  const cells = (f: CompletionFigures) => (
    <>
      <TD className="whitespace-nowrap px-2 text-right tabular-nums">{f.expected}</TD>
      <TD className="whitespace-nowrap px-2 text-right tabular-nums">{share(f.entered, f.expected)}</TD>
      <TD className="whitespace-nowrap px-2 text-right tabular-nums">{share(f.complete, f.expected)}</TD>
      <TD className="whitespace-nowrap px-2 text-right tabular-nums">{share(f.verified, f.expected)}</TD>
      <TD className="whitespace-nowrap px-2 text-right tabular-nums">{f.medianDaysToEntry === null ? "—" : t("days", { n: Math.round(f.medianDaysToEntry * 10) / 10 })}</TD>
    </>
  );
  return (
    <Table data-testid="crf-completion-table">
      <THead>
        <tr>
          <TH>{t("site")}</TH>
          <TH className="whitespace-nowrap px-2 text-right">{t("expected")}</TH>
          <TH className="whitespace-nowrap px-2 text-right">{t("entered")}</TH>
          <TH className="whitespace-nowrap px-2 text-right">{t("complete")}</TH>
          <TH className="whitespace-nowrap px-2 text-right">{t("verified")}</TH>
          <TH className="px-2 text-right">{t("median")}</TH>
        </tr>
      </THead>
      <TBody>
        {data.sites.map((s) => (
          <TR key={s.centreId} data-site={s.centreCode}>
            <TD className="min-w-[7rem]">
              <span className="font-mono">{s.centreCode}</span>
              <span className="block text-xs text-muted-foreground">{localizedPair(s.nameZh, s.nameEn, locale)}</span>
            </TD>
            {cells(s)}
          </TR>
        ))}
        <TR className="font-medium" data-site="total">
          <TD>{t("total")}</TD>
          {cells(data.study)}
        </TR>
      </TBody>
    </Table>
  );
}
