import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { BARCODE_RE } from "@/lib/biobank/catalog";
import { localizedPair } from "@/lib/i18n/localized";
import { molecularLabs, specimenForOrder } from "@/lib/molecular/queries/ordering";
import { statusVariant } from "@/lib/molecular/status";
import { param } from "@/lib/reads/paging";
import { OrderForm } from "@/app/(portal)/molecular/_components/order-form";

/** Order a test on a specimen: found by barcode (the specimen page links here with it). */
export default async function OrderTestPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "molecular.order")) notFound();
  const barcode = param((await searchParams).specimen, 20).toUpperCase();
  const [t, tb, locale] = [await getTranslations("molecular"), await getTranslations("biobank"), await getLocale()];
  const specimen = BARCODE_RE.test(barcode) ? await specimenForOrder(actor, barcode) : null;
  const labs = specimen ? await molecularLabs(actor) : [];
  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm">
        <Link prefetch={false} className="text-primary hover:underline" href="/molecular">
          {t("page.heading")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("order.heading")}</h1>
      <p className="text-sm text-muted-foreground">{t("order.intro")}</p>
      <form method="get" action="/molecular/new" className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <Label htmlFor="specimen">{t("order.findSpecimen")}</Label>
          <Input id="specimen" name="specimen" defaultValue={barcode} className="w-56 font-mono" autoComplete="off" />
        </div>
        <Button type="submit" variant="outline">{t("order.find")}</Button>
      </form>
      {barcode && !specimen ? <p role="status" className="text-sm text-destructive">{t("order.notFound")}</p> : null}
      {specimen ? (
        <Card>
          <CardHeader>
            <CardTitle>
              {t("order.specimen")} <span className="font-mono">{specimen.barcode}</span>
            </CardTitle>
          </CardHeader>
          <CardContent className="space-y-4">
            <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
              <div><dt className="inline text-muted-foreground">{specimen.owner === "donor" ? t("page.donor") : t("page.subject")}: </dt><dd className="inline font-mono">{specimen.code}</dd></div>
              {specimen.studyCode ? <div><dt className="inline text-muted-foreground">{t("report.study")}: </dt><dd className="inline">{specimen.studyCode}</dd></div> : null}
              <div><dt className="inline text-muted-foreground">{tb("fields.type")}: </dt><dd className="inline">{tb(`types.${specimen.type}`)}</dd></div>
            </dl>
            {specimen.orders.length ? (
              <div className="text-sm">
                <p className="text-muted-foreground">{t("order.existing")}</p>
                <ul className="mt-1 space-y-1">
                  {specimen.orders.map((o) => (
                    <li key={o.id} className="flex flex-wrap items-center gap-2">
                      <Link prefetch={false} className="font-mono text-primary hover:underline" href={`/molecular/${o.id}`}>#{o.id}</Link>
                      <span>{t(`testKinds.${o.testKind}`)} · {t(`origins.${o.origin}`)}</span>
                      <Badge variant={statusVariant(o.status)}>{t(`statuses.${o.status}`)}</Badge>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {labs.length ? (
              <OrderForm specimenId={specimen.id} labs={labs.map((l) => ({ value: String(l.id), label: `${l.code} · ${localizedPair(l.nameZh, l.nameEn, locale)}` }))} />
            ) : (
              <p className="text-sm text-muted-foreground">{t("order.noLabs")}</p>
            )}
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
