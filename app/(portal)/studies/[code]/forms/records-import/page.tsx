import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { studyForms } from "@/lib/crf/queries/forms";
import { IMPORT_LIMITS } from "@/lib/exchange/records-import/parse";
import { routeParam } from "@/lib/http/route-param";
import { localized } from "@/lib/i18n/localized";
import { getStudyPage } from "@/lib/studies/queries/studies";
import { RecordsImportPanel } from "@/app/(portal)/studies/[code]/forms/records-import/_components/records-import-panel";

/**
 * Bulk import of one form's records from the export's tidy CSV (and its repeating groups'
 * files): a dry run listing every problem by file, row and column, then the import (all or
 * nothing). For those who enter data: site staff (their centre's participants) and the study's PI.
 */
export default async function RecordsImportPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "crf.enter")) notFound();
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) notFound();
  const [t, locale] = [await getTranslations("recordsImport"), await getLocale()];
  const forms = await studyForms(actor, study.id);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        <p className="text-sm text-muted-foreground">{t("intro", { file: "<form>.csv", groupFile: "<form>__<group>.csv" })}</p>
        <p className="text-sm text-muted-foreground">{t("statusNote")}</p>
        <RecordsImportPanel
          studyId={study.id}
          checkUrl={`/studies/${study.code}/forms/records-import/check`}
          maxMb={IMPORT_LIMITS.bytes / 1024 / 1024}
          forms={forms.map((f) => ({ formId: f.formId, name: f.name, label: localized({ labelZh: f.label.zh, labelEn: f.label.en }, locale) }))}
        />
      </CardContent>
    </Card>
  );
}
