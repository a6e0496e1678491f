import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { localizedPair } from "@/lib/i18n/localized";
import type { DashboardMolecular } from "@/lib/metrics/molecular";

/** Molecular tests by node of the view (lib/metrics/sql/molecular-figures.ts); germline cells below the minimum read "< 5". */
export async function MolecularBlock({ molecular }: { molecular: Promise<DashboardMolecular | null> }) {
  const data = await molecular;
  if (!data) return null;
  const [t, locale] = [await getTranslations("molecular.figures"), await getLocale()];
  const root = data.nodes.find((n) => n.root);
  const small = t("small", { min: data.minGermlineCell });
  const pct = (v: number | null) => (v === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(v));
  return (
    <Card data-testid="molecular-figures">
      <CardHeader>
        <CardTitle>{t("heading")}</CardTitle>
        <p className="text-sm text-muted-foreground">{t("intro", { min: data.minGermlineCell })}</p>
      </CardHeader>
      <CardContent>
        {!root || root.ordered + root.reported + root.failed === 0 ? (
          <p className="text-sm text-muted-foreground">{t("none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <THead>
                <tr>
                  <TH>{t("node")}</TH>
                  <TH className="whitespace-nowrap text-right">{t("ordered")}</TH>
                  <TH className="whitespace-nowrap text-right">{t("reported")}</TH>
                  <TH className="whitespace-nowrap text-right">{t("failed")}</TH>
                  <TH className="whitespace-nowrap text-right">{t("medianTurnaround")}</TH>
                  <TH className="whitespace-nowrap text-right">{t("actionableShare")}</TH>
                  <TH className="whitespace-nowrap text-right">{t("germlineReported")}</TH>
                  <TH className="whitespace-nowrap text-right">{t("hereditary")}</TH>
                </tr>
              </THead>
              <TBody>
                {data.nodes.map((n) => (
                  <TR key={n.nodeId} className={n.root ? "font-medium" : undefined}>
                    <TD className="min-w-[9rem]">
                      <span className="font-mono">{n.own ? t("own", { code: n.code }) : n.code}</span>
                      {n.own ? null : <span className="block text-xs text-muted-foreground">{localizedPair(n.nameZh, n.nameEn, locale)}</span>}
                    </TD>
                    <TD className="whitespace-nowrap text-right tabular-nums">{n.ordered}</TD>
                    <TD className="whitespace-nowrap text-right tabular-nums">{n.reported}</TD>
                    <TD className="whitespace-nowrap text-right tabular-nums">{n.failed}</TD>
                    <TD className="whitespace-nowrap text-right tabular-nums">{n.medianTurnaroundDays === null ? "—" : t("days", { n: n.medianTurnaroundDays })}</TD>
                    <TD className="whitespace-nowrap text-right tabular-nums">{pct(n.actionableShare)}{n.somaticReported ? ` (${n.actionable}/${n.somaticReported})` : ""}</TD>
                    <TD className="whitespace-nowrap text-right tabular-nums">{n.germlineReported ?? small}</TD>
                    <TD className="whitespace-nowrap text-right tabular-nums">{n.hereditary ?? small}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </div>
        )}
        {data.funnel.length ? (
          <div className="mt-6 space-y-2" data-testid="biomarker-funnel">
            <h3 className="font-medium">{t("funnelHeading")}</h3>
            <p className="text-sm text-muted-foreground">{t("funnelIntro")}</p>
            <div className="overflow-x-auto">
              <Table>
                <THead>
                  <tr>
                    <TH>{t("study")}</TH>
                    <TH className="whitespace-nowrap text-right">{t("matched")}</TH>
                    <TH className="whitespace-nowrap text-right">{t("invited")}</TH>
                    <TH className="whitespace-nowrap text-right">{t("screened")}</TH>
                    <TH className="whitespace-nowrap text-right">{t("enrolled")}</TH>
                  </tr>
                </THead>
                <TBody>
                  {data.funnel.map((f) => (
                    <TR key={f.studyId}>
                      <TD>
                        <span className="font-mono">{f.code}</span>
                        <span className="block text-xs text-muted-foreground">{localizedPair(f.titleZh, f.titleEn, locale)}</span>
                      </TD>
                      <TD className="whitespace-nowrap text-right tabular-nums">{f.matched ?? small}</TD>
                      <TD className="whitespace-nowrap text-right tabular-nums">{f.invited ?? small}</TD>
                      <TD className="whitespace-nowrap text-right tabular-nums">{f.screened ?? small}</TD>
                      <TD className="whitespace-nowrap text-right tabular-nums">{f.enrolled ?? small}</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            </div>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
