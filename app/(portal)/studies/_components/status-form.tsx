"use client";

import { useTranslations } from "next-intl";
import { ActionForm, useFormResult } from "@/components/forms/action-form";
import { SelectField, TextAreaField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { changeStudyStatusAction } from "@/app/(portal)/studies/actions";

/** One lifecycle step with its reason; unmet recruiting gates come back one message each. */
export function StatusForm({ studyId, next }: { studyId: number; next: string[] }) {
  const t = useTranslations("studies");
  return (
    <ActionForm action={changeStudyStatusAction} className="space-y-3" successMessage={t("overview.statusChanged")} resetOnSuccess>
      <input type="hidden" name="studyId" value={studyId} />
      <SelectField name="to" label={t("field.newStatus")} options={next.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
      <TextAreaField name="reason" label={t("field.reason")} rows={2} />
      <GateErrors />
      <SubmitButton data-testid="change-status">{t("overview.changeStatus")}</SubmitButton>
    </ActionForm>
  );
}

function GateErrors() {
  const state = useFormResult();
  const gates = state && !state.ok ? state.fieldErrors?._form : undefined;
  if (!gates?.length) return null;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-destructive" data-testid="gate-errors">
      {gates.map((g) => (
        <li key={g}>{g}</li>
      ))}
    </ul>
  );
}
