import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { designsStudyForms } from "@/lib/crf/queries/design-access";
import { studyEvents } from "@/lib/crf/queries/events";
import { studyForms } from "@/lib/crf/queries/forms";
import { routeParam } from "@/lib/http/route-param";
import { localized } from "@/lib/i18n/localized";
import { protocolChangesNeedAmendment, studyIsClosed } from "@/lib/studies/lifecycle";
import { getStudyPage } from "@/lib/studies/queries/studies";
import { networkToday } from "@/lib/time/network-day";
import { FormDesigner } from "@/app/(portal)/studies/[code]/forms/_components/form-designer";
import type { EventForms, StudyItem } from "@/app/(portal)/studies/[code]/forms/_components/expression-check";

/** One form of the study: its items with the designer's controls (for its designers) and a live preview. */
export default async function FormDesignPage({ params }: { params: Promise<{ code: string; form: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "crf.read")) notFound();
  const p = await params;
  const study = await getStudyPage(actor, routeParam(p.code));
  if (!study) notFound();
  const formName = routeParam(p.form);
  const [forms, events, designer] = await Promise.all([studyForms(actor, study.id), studyEvents(actor, study.id), designsStudyForms(actor, study.id)]);
  const form = forms.find((f) => f.name === formName);
  if (!form) notFound();
  const [t, locale] = [await getTranslations("crf.designer"), await getLocale()];
  const others: StudyItem[] = forms
    .filter((f) => f.formId !== form.formId)
    .flatMap((f) => f.items.map((i) => ({ name: i.name, type: i.type, choices: i.choices, missingCodes: i.missingCodes, calculation: i.calculation, form: f.name })));
  const formNames = new Map(forms.map((f) => [f.formId, f.name]));
  const eventForms: EventForms[] = events.events.map((e) => ({ name: e.name, forms: e.formIds.map((id) => formNames.get(id) ?? "") }));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">
          {localized({ labelZh: form.label.zh, labelEn: form.label.en }, locale)} <code className="text-sm font-normal text-muted-foreground">{form.name}</code>
        </h2>
        <p className="text-sm text-muted-foreground" data-testid="form-version">
          {t("forms.versionNo", { version: form.formVersion })}
        </p>
      </div>
      <Link href={`/studies/${study.code}/forms`} className="text-sm text-primary hover:underline">
        {t("backToForms")}
      </Link>
      <FormDesigner
        studyId={study.id}
        form={{ formId: form.formId, name: form.name, version: form.formVersion, items: form.items }}
        others={others}
        events={eventForms}
        editable={designer && !studyIsClosed(study.status)}
        amend={protocolChangesNeedAmendment(study.status)}
        today={networkToday()}
      />
    </div>
  );
}
