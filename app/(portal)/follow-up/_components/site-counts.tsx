import { getLocale, getTranslations } from "next-intl/server";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { SiteCount } from "@/lib/followup/queries/followup-lists";
import { localizedPair } from "@/lib/i18n/localized";

export async function SiteCounts({ rows, title, testId }: { rows: SiteCount[]; title: string; testId: string }) {
  const [t, locale] = [await getTranslations("followup.bySite"), await getLocale()];
  if (rows.length === 0) return null;
  return (
    <section className="space-y-2">
      <h2 className="text-base font-medium">{title}</h2>
      <Table data-testid={testId}>
        <THead>
          <TR>
            <TH>{t("site")}</TH>
            <TH className="text-right">{t("count")}</TH>
            <TH className="text-right">{t("oldest")}</TH>
          </TR>
        </THead>
        <TBody>
          {rows.map((r) => (
            <TR key={r.centreCode}>
              <TD>
                {r.centreCode} {localizedPair(r.centreNameZh, r.centreNameEn, locale)}
              </TD>
              <TD className="text-right">{r.count}</TD>
              <TD className="text-right">{r.oldestDays}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </section>
  );
}
