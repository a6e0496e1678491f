import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { designsStudyForms } from "@/lib/crf/queries/design-access";
import { studyEvents } from "@/lib/crf/queries/events";
import { studyForms } from "@/lib/crf/queries/forms";
import { routeParam } from "@/lib/http/route-param";
import { localized } from "@/lib/i18n/localized";
import { protocolChangesNeedAmendment, studyIsClosed } from "@/lib/studies/lifecycle";
import { getStudyPage } from "@/lib/studies/queries/studies";
import { AddEventForm } from "@/app/(portal)/studies/[code]/forms/_components/add-event-form";
import { DictionaryPanel } from "@/app/(portal)/studies/[code]/forms/_components/dictionary-panel";
import { EventsMatrix } from "@/app/(portal)/studies/[code]/forms/_components/events-matrix";
import { NewFormForm } from "@/app/(portal)/studies/[code]/forms/_components/new-form-form";
import { SyncEventsForm } from "@/app/(portal)/studies/[code]/forms/_components/sync-events-form";

/** The study's case report forms: forms and their versions, the events × forms matrix, the data dictionary. */
export default async function FormsPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "crf.read")) notFound();
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) notFound();
  const [t, tImport, locale] = [await getTranslations("crf.designer"), await getTranslations("recordsImport"), await getLocale()];
  const tOdm = await getTranslations("odm.page");
  const [forms, events, designer] = await Promise.all([studyForms(actor, study.id), studyEvents(actor, study.id), designsStudyForms(actor, study.id)]);
  const editable = designer && !studyIsClosed(study.status);
  const amend = protocolChangesNeedAmendment(study.status);
  const base = `/studies/${study.code}/forms`;

  return (
    <div className="space-y-4">
      {editable && amend ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="amendment-note">
          {t("recruitingNote")}
        </p>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>{t("forms.title")}</CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          {forms.length ? (
            <Table data-testid="forms-table">
              <THead>
                <TR>
                  <TH>{t("forms.name")}</TH>
                  <TH>{t("forms.label")}</TH>
                  <TH className="text-right">{t("forms.version")}</TH>
                  <TH className="text-right">{t("forms.items")}</TH>
                </TR>
              </THead>
              <TBody>
                {forms.map((f) => (
                  <TR key={f.formId}>
                    <TD>
                      <Link href={`${base}/${f.name}`} prefetch={false} className="font-mono text-sm text-primary hover:underline">
                        {f.name}
                      </Link>
                    </TD>
                    <TD>{localized({ labelZh: f.label.zh, labelEn: f.label.en }, locale)}</TD>
                    <TD className="text-right tabular-nums">{t("forms.versionNo", { version: f.formVersion })}</TD>
                    <TD className="text-right tabular-nums">{f.items.length}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          ) : (
            <p className="text-sm text-muted-foreground">{t("forms.none")}</p>
          )}
          {editable ? <NewFormForm studyId={study.id} amend={amend} base={base} /> : null}
          {forms.length && can(actor, "crf.enter") ? (
            <Link href={`${base}/records-import`} prefetch={false} className="inline-block text-sm text-primary hover:underline" data-testid="records-import-link">
              {tImport("link")}
            </Link>
          ) : null}
          <Link href={`${base}/odm`} prefetch={false} className="block text-sm text-primary hover:underline" data-testid="odm-link">
            {tOdm("link")}
          </Link>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("events.title")}</CardTitle>
          <p className="text-sm text-muted-foreground">{t("events.intro")}</p>
        </CardHeader>
        <CardContent className="space-y-4">
          {editable && events.outOfSync.length ? <SyncEventsForm studyId={study.id} visits={events.outOfSync} /> : null}
          <EventsMatrix
            studyId={study.id}
            editable={editable}
            amend={amend}
            locale={locale}
            events={events.events}
            forms={forms.map((f) => ({ formId: f.formId, name: f.name, label: f.label }))}
          />
          {editable ? <AddEventForm studyId={study.id} amend={amend} /> : null}
        </CardContent>
      </Card>

      {designer ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("dictionary.title")}</CardTitle>
            <p className="text-sm text-muted-foreground">{t("dictionary.intro")}</p>
          </CardHeader>
          <CardContent>
            <DictionaryPanel studyId={study.id} base={base} editable={editable} amend={amend} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
