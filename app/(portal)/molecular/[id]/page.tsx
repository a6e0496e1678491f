import Link from "next/link";
import { Fragment } from "react";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { routeId } from "@/lib/http/route-param";
import { localizedPair } from "@/lib/i18n/localized";
import { orderReport } from "@/lib/molecular/queries/orders";
import { mayMove, statusVariant } from "@/lib/molecular/status";
import { daysBetween, networkToday } from "@/lib/time/network-day";
import { failOrderAction, receiveOrderAction, reportOrderAction, startAnalysisAction } from "@/app/(portal)/molecular/actions";

export default async function MolecularReportPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "molecular.read")) notFound();
  const id = routeId((await params).id);
  const o = await orderReport(actor, id);
  if (!o) notFound();
  const [t, locale] = [await getTranslations("molecular"), await getLocale()];
  // The lab's controls: the query found this order in the actor's scope; the commands check the lab again.
  const lab = can(actor, "molecular.lab");
  const fig = (v: number | null, unit = "") => (v === null ? "—" : `${v}${unit}`);
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link prefetch={false} className="text-primary hover:underline" href="/molecular">
          {t("page.heading")}
        </Link>
      </p>
      <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold">
        <span>
          {t(`testKinds.${o.testKind}`)} #{o.id}
        </span>
        <Badge variant={statusVariant(o.status)} data-testid="order-status">
          {t(`statuses.${o.status}`)}
        </Badge>
        {o.hereditaryRisk ? <Badge variant="destructive">{t("report.hereditaryRisk")}</Badge> : null}
      </h1>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        <div><dt className="inline text-muted-foreground">{o.owner === "donor" ? t("page.donor") : t("page.subject")}: </dt><dd className="inline font-mono">{o.code}</dd></div>
        {o.studyCode ? <div><dt className="inline text-muted-foreground">{t("report.study")}: </dt><dd className="inline">{o.studyCode}</dd></div> : null}
        <div><dt className="inline text-muted-foreground">{t("report.specimen")}: </dt><dd className="inline font-mono">{o.barcode}</dd></div>
        <div><dt className="inline text-muted-foreground">{t("report.origin")}: </dt><dd className="inline">{t(`origins.${o.origin}`)}</dd></div>
        <div><dt className="inline text-muted-foreground">{t("page.lab")}: </dt><dd className="inline">{o.labCentreCode}</dd></div>
        <div><dt className="inline text-muted-foreground">{t("page.orderedOn")}: </dt><dd className="inline">{o.orderedOn}</dd></div>
        <div><dt className="inline text-muted-foreground">{t("report.reportedOn")}: </dt><dd className="inline">{o.reportedOn ?? "—"}</dd></div>
        <div><dt className="inline text-muted-foreground">{t("page.turnaround")}: </dt><dd className="inline">{o.turnaroundDays !== null ? t("page.days", { n: o.turnaroundDays }) : o.status === "failed" ? "—" : t("report.turnaroundPending", { n: daysBetween(o.orderedOn, networkToday()) })}</dd></div>
        <div><dt className="inline text-muted-foreground">{t("report.tumourContent")}: </dt><dd className="inline">{fig(o.tumourContentPct, "%")}</dd></div>
        <div><dt className="inline text-muted-foreground">{t("report.meanDepth")}: </dt><dd className="inline">{fig(o.meanDepth, "×")}</dd></div>
        <div><dt className="inline text-muted-foreground">{t("report.coverage")}: </dt><dd className="inline">{fig(o.coveragePct, "%")}</dd></div>
        {o.failureReason ? <div><dt className="inline text-muted-foreground">{t("report.failureReason")}: </dt><dd className="inline">{o.failureReason}</dd></div> : null}
      </dl>

      {o.hereditaryRisk ? (
        <Card className="border-red-300" data-testid="counselling">
          <CardHeader><CardTitle>{t("report.counsellingHeading")}</CardTitle></CardHeader>
          <CardContent className="text-sm">{t("report.counselling")}</CardContent>
        </Card>
      ) : null}

      {lab ? (
        <div className="flex flex-wrap items-start gap-3">
          {mayMove("receive", o.status) ? (
            <ActionForm action={receiveOrderAction}>
              <input type="hidden" name="orderId" value={o.id} />
              <SubmitButton>{t("lab.receive")}</SubmitButton>
            </ActionForm>
          ) : null}
          {mayMove("analyse", o.status) ? (
            <ActionForm action={startAnalysisAction}>
              <input type="hidden" name="orderId" value={o.id} />
              <SubmitButton>{t("lab.analyse")}</SubmitButton>
            </ActionForm>
          ) : null}
          {o.status === "in_analysis" && !o.resultsIn ? (
            <Link prefetch={false} href={`/molecular/${o.id}/import`} className="inline-flex h-9 items-center rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground hover:bg-primary/90" data-testid="import-results">
              {t("report.importResults")}
            </Link>
          ) : null}
        </div>
      ) : null}
      {lab && mayMove("report", o.status) ? (
        <Card className="max-w-xl">
          <CardHeader><CardTitle>{t("lab.report")}</CardTitle></CardHeader>
          <CardContent>
            <ActionForm action={reportOrderAction}>
              <input type="hidden" name="orderId" value={o.id} />
              <TextField name="tumourContentPct" label={t("report.tumourContent")} inputMode="decimal" />
              <TextField name="meanDepth" label={t("report.meanDepth")} inputMode="numeric" />
              <TextField name="coveragePct" label={t("report.coverage")} inputMode="decimal" />
              <SubmitButton>{t("lab.report")}</SubmitButton>
            </ActionForm>
          </CardContent>
        </Card>
      ) : null}
      {lab && mayMove("fail", o.status) ? (
        <Card className="max-w-xl">
          <CardHeader><CardTitle>{t("lab.fail")}</CardTitle></CardHeader>
          <CardContent>
            <ActionForm action={failOrderAction}>
              <input type="hidden" name="orderId" value={o.id} />
              <TextField name="reason" label={t("report.failureReason")} />
              <SubmitButton>{t("lab.fail")}</SubmitButton>
            </ActionForm>
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader><CardTitle>{t("report.variants")}</CardTitle></CardHeader>
        <CardContent>
          {!o.resultsVisible ? <p className="text-sm text-muted-foreground">{t("report.germlineHidden")}</p> : null}
          {o.resultsVisible ? (
            <div className="overflow-x-auto">
              <Table>
                <THead>
                  <tr>
                    <TH>{t("report.gene")}</TH>
                    <TH>{t("report.change")}</TH>
                    <TH>{t("report.type")}</TH>
                    <TH>{t("report.vaf")}</TH>
                    <TH>{t("report.classification")}</TH>
                  </tr>
                </THead>
                <TBody>
                  {o.variants.length === 0 ? (
                    <TR><TD colSpan={5} className="text-muted-foreground">{t("report.noVariants")}</TD></TR>
                  ) : null}
                  {o.variants.map((v) => (
                    <Fragment key={v.id}>
                      <TR className={v.actionable.length ? "border-b-0" : undefined}>
                        <TD className="font-medium">{v.partnerGene ? `${v.partnerGene}::${v.gene}` : v.gene}</TD>
                        <TD className="font-mono text-xs">
                          {[v.transcript, v.hgvsC, v.hgvsP].filter(Boolean).join(" ") || "—"}
                        </TD>
                        <TD className="whitespace-nowrap">{t(`variantTypes.${v.variantType}`)}</TD>
                        <TD className="whitespace-nowrap">{v.vaf === null ? "—" : `${(v.vaf * 100).toFixed(1)}%`}{v.depth ? ` (${v.depth}×)` : ""}</TD>
                        <TD>{v.somaticTier ? t(`tiers.${v.somaticTier}`) : v.germlineClass ? t(`classes.${v.germlineClass}`) : "—"}</TD>
                      </TR>
                      {v.actionable.length ? (
                        <TR>
                          <TD colSpan={5} className="pt-0 text-xs" data-testid="therapies">
                            <span className="text-muted-foreground">{t("report.therapies")}: </span>
                            {v.actionable.map((a, i) => (
                              <span key={i} className="block">
                                <span className="font-medium">{t("report.level", { level: a.level })}</span> · {localizedPair(a.tumourZh, a.tumourEn, locale)}: {a.therapies.join(", ")} ({a.sources.join(" / ")})
                              </span>
                            ))}
                          </TD>
                        </TR>
                      ) : null}
                    </Fragment>
                  ))}
                </TBody>
              </Table>
            </div>
          ) : null}
        </CardContent>
      </Card>

      {o.resultsVisible && o.biomarkers.length ? (
        <Card>
          <CardHeader><CardTitle>{t("report.biomarkers")}</CardTitle></CardHeader>
          <CardContent>
            <ul className="space-y-1 text-sm">
              {o.biomarkers.map((b) => (
                <li key={b.kind}>
                  <span className="font-medium">{t(`biomarkerKinds.${b.kind}`)}</span>: {b.category ? t(`biomarkerValues.${b.category.replace("+", "plus")}`) : b.value}
                  {b.actionable.map((a, i) => (
                    <span key={i} className="block text-xs">
                      {t("report.level", { level: a.level })} · {localizedPair(a.labelZh, a.labelEn, locale)}: {a.therapies.join(", ")} ({a.sources.join(" / ")})
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}
      <p className="text-xs text-muted-foreground">{t("report.sources")}</p>
    </div>
  );
}
