"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm, useFormResult } from "@/components/forms/action-form";
import { SelectField, TextAreaField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { StudyStatus } from "@/lib/enums";
import { stopsStudy } from "@/lib/studies/lifecycle";
import { changeStudyStatusAction } from "@/app/(portal)/studies/actions";
import { StopConfirm } from "@/app/(portal)/studies/_components/stop-confirm";

/**
 * One lifecycle step with its reason; unmet recruiting gates come back one message each. Nothing
 * is pre-selected ("choose…" first), and a move that stops accrual asks for a confirmation.
 */
export function StatusForm({ studyId, next }: { studyId: number; next: StudyStatus[] }) {
  const t = useTranslations("studies");
  const [to, setTo] = useState("");
  const stopping = next.some((s) => s === to && stopsStudy(s));
  return (
    <ActionForm action={changeStudyStatusAction} className="space-y-3" successMessage={t("overview.statusChanged")} resetOnSuccess onSuccess={() => setTo("")}>
      <input type="hidden" name="studyId" value={studyId} />
      <SelectField
        name="to"
        label={t("field.newStatus")}
        placeholder={t("field.choose")}
        value={to}
        onChange={(e) => setTo(e.currentTarget.value)}
        options={next.map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
      <TextAreaField name="reason" label={t("field.reason")} rows={2} />
      {stopping ? <StopConfirm id="f-confirm-stop" warning={t("overview.stopWarning")} label={t("field.confirmStop")} /> : null}
      <GateErrors />
      <SubmitButton data-testid="change-status" variant={stopping ? "destructive" : undefined}>
        {t("overview.changeStatus")}
      </SubmitButton>
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
