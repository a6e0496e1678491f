import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { studySchedules } from "@/lib/studies/queries/visit-schedules";
import { getStudyPage } from "@/lib/studies/queries/studies";
import { protocolChangesNeedAmendment, studyIsClosed } from "@/lib/studies/lifecycle";
import { localized } from "@/lib/i18n/localized";
import { routeParam } from "@/lib/http/route-param";
import { ScheduleEditor } from "@/app/(portal)/studies/[code]/follow-up/_components/schedule-editor";

export default async function StudySchedulePage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "study.read")) notFound();
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) notFound();
  const [t, locale] = [await getTranslations("followup.schedule"), await getLocale()];
  const versions = await studySchedules(actor, study.id);
  const current = versions.find((v) => v.version === study.currentProtocolVersion);
  return (
    <div className="space-y-4">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      <p className="text-sm text-muted-foreground">{t("intro")}</p>
      {versions.map((v) => (
        <Card key={v.version}>
          <CardHeader>
            <CardTitle className="text-base">{t("version", { n: v.version, date: v.effectiveDate })}</CardTitle>
          </CardHeader>
          <CardContent>
            {v.visits.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("empty")}</p>
            ) : (
              <Table data-testid={`schedule-v${v.version}`}>
                <THead>
                  <TR>
                    <TH>{t("code")}</TH>
                    <TH>{t("name")}</TH>
                    <TH>{t("targetDay")}</TH>
                    <TH>{t("windowDays")}</TH>
                  </TR>
                </THead>
                <TBody>
                  {v.visits.map((d) => (
                    <TR key={d.code}>
                      <TD>{d.code}</TD>
                      <TD>{localized(d, locale)}</TD>
                      <TD>{d.targetDay}</TD>
                      <TD>± {d.windowDays}</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </CardContent>
        </Card>
      ))}
      {study.manage && !studyIsClosed(study.status) ? (
        <Card>
          <CardHeader>
            <CardTitle className="text-base">{t("edit")}</CardTitle>
          </CardHeader>
          <CardContent>
            <ScheduleEditor
              studyId={study.id}
              amend={protocolChangesNeedAmendment(study.status)}
              initial={(current?.visits ?? []).map((d) => ({ code: d.code, nameZh: d.nameZh, nameEn: d.nameEn, targetDay: String(d.targetDay), windowDays: String(d.windowDays) }))}
            />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
