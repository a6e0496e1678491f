import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { designsStudyForms } from "@/lib/crf/queries/design-access";
import { MAX_ODM_BYTES } from "@/lib/exchange/odm/read-metadata";
import { routeParam } from "@/lib/http/route-param";
import { localized } from "@/lib/i18n/localized";
import { listStudySites } from "@/lib/studies/queries/sites";
import { getStudyPage } from "@/lib/studies/queries/studies";
import { OdmImportPanel } from "@/app/(portal)/studies/[code]/forms/odm/_components/odm-import-panel";

/** CDISC ODM 1.3.2: the study's metadata and clinical data as files, and the import of forms into a draft study. */
export default async function OdmPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "crf.read")) notFound();
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) notFound();
  const [t, locale] = [await getTranslations("odm.page"), await getLocale()];
  const [designer, sites] = await Promise.all([designsStudyForms(actor, study.id), listStudySites(actor, study.id)]);
  const clinical = can(actor, "exchange.export");
  const odm = `/studies/${study.code}/odm`;
  const base = `/studies/${study.code}/forms`;

  return (
    <div className="space-y-4">
      <Link href={base} prefetch={false} className="text-sm text-primary hover:underline">
        {t("back")}
      </Link>
      <Card>
        <CardHeader>
          <CardTitle>{t("title")}</CardTitle>
          <p className="text-sm text-muted-foreground">{t("intro")}</p>
        </CardHeader>
        <CardContent className="space-y-4">
          <h2 className="text-base font-semibold">{t("exportHeading")}</h2>
          <div className="flex flex-wrap items-center gap-3">
            <span className="text-sm">{t("metadata")}</span>
            <Button asChild variant="outline" size="sm">
              <a href={`${odm}/metadata`} download data-testid="odm-export-metadata">
                {t("download")}
              </a>
            </Button>
          </div>
          {clinical ? (
            <form method="get" action={`${odm}/clinical`} className="flex flex-wrap items-end gap-3" data-testid="odm-export-clinical">
              <div className="flex flex-col gap-1">
                <span className="text-sm">{t("clinical")}</span>
                <span className="text-xs text-muted-foreground">{t("clinicalNote")}</span>
              </div>
              <label className="flex flex-col gap-1 text-sm">
                {t("site")}
                <select name="site" className="h-9 rounded-md border border-input bg-background px-2 text-sm" defaultValue="">
                  <option value="">{t("allSites")}</option>
                  {sites.map((s) => (
                    <option key={s.centreId} value={s.centreId}>
                      {s.centreCode} · {localized({ nameZh: s.centreNameZh, nameEn: s.centreNameEn }, locale)}
                    </option>
                  ))}
                </select>
              </label>
              <Button type="submit" variant="outline" size="sm">
                {t("download")}
              </Button>
            </form>
          ) : null}
        </CardContent>
      </Card>
      {designer ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("importHeading")}</CardTitle>
            <p className="text-sm text-muted-foreground">{study.status === "draft" ? t("importIntro") : t("draftOnly")}</p>
          </CardHeader>
          {study.status === "draft" ? (
            <CardContent>
              <OdmImportPanel studyId={study.id} base={base} maxBytes={MAX_ODM_BYTES} />
            </CardContent>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
