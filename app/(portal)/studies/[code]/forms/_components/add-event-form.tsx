"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { RequestKeyField } from "@/components/forms/request-key-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { AmendmentInputs } from "@/app/(portal)/studies/[code]/forms/_components/amendment-inputs";
import { addEventAction } from "@/app/(portal)/studies/[code]/forms/actions";

/** An unscheduled visit or a study-wide log (scheduled events come from the visit schedule). */
export function AddEventForm({ studyId, amend }: { studyId: number; amend: boolean }) {
  const t = useTranslations("crf.designer");
  const router = useRouter();
  return (
    <details className="rounded-md border border-border p-3" data-testid="add-event">
      <summary className="cursor-pointer text-sm font-medium text-primary">{t("events.add")}</summary>
      <ActionForm action={addEventAction} className="mt-3 space-y-3" resetOnSuccess onSuccess={() => router.refresh()}>
        <input type="hidden" name="studyId" value={studyId} />
        <RequestKeyField />
        <div className="grid gap-3 md:grid-cols-4">
          <SelectField name="kind" id="event-kind" label={t("events.kind")} options={(["unscheduled", "log"] as const).map((k) => ({ value: k, label: t(`events.kinds.${k}`) }))} />
          <TextField name="name" id="event-name" label={t("events.name")} hint={t("nameHint")} autoComplete="off" />
          <TextField name="labelZh" id="event-label-zh" label={t("labelZh")} />
          <TextField name="labelEn" id="event-label-en" label={t("labelEn")} />
        </div>
        <AmendmentInputs needed={amend} idPrefix="add-event" />
        <SubmitButton size="sm" data-testid="save-event">
          {amend ? t("saveAmendment") : t("events.save")}
        </SubmitButton>
      </ActionForm>
    </details>
  );
}
