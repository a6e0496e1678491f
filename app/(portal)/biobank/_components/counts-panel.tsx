import { useLocale, useTranslations } from "next-intl";
import type { SpecimenCounts } from "@/lib/biobank/queries/search";
import { localized } from "@/lib/i18n/localized";

/** Counts by type and by collecting centre next to the results (works on server and client). */
export function CountsPanel({ counts }: { counts: SpecimenCounts }) {
  const t = useTranslations("biobank");
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale);
  return (
    <div className="space-y-4 text-sm" data-testid="specimen-counts">
      <p className="font-medium">
        {t("search.total")}: <span data-testid="counts-total">{nf.format(counts.total)}</span>
      </p>
      <section>
        <h2 className="mb-1 font-semibold">{t("search.countsByType")}</h2>
        <ul className="space-y-0.5">
          {counts.byType.map((x) => (
            <li key={x.type} className="flex justify-between gap-2">
              <span>{t(`types.${x.type}`)}</span>
              <span className="tabular-nums">{nf.format(x.n)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2 className="mb-1 font-semibold">{t("search.countsByCentre")}</h2>
        <ul className="max-h-96 space-y-0.5 overflow-y-auto pr-1">
          {counts.byCentre.map((x) => (
            <li key={x.centreId} className="flex justify-between gap-2">
              <span title={localized(x, locale)}>{x.code}</span>
              <span className="tabular-nums">{nf.format(x.n)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
