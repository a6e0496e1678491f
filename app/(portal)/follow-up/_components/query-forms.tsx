"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { TextAreaField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { answerQueryAction, closeQueryAction, reopenQueryAction } from "@/app/(portal)/follow-up/queries/actions";

/** Site staff answer; a corrected value (with its reason) corrects the record through its own rules. */
export function AnswerQueryForm({ queryId }: { queryId: number }) {
  const t = useTranslations("followup");
  return (
    <ActionForm action={answerQueryAction} successMessage={t("query.done")} className="max-w-xl" id="answer-form">
      <input type="hidden" name="queryId" value={queryId} />
      <TextAreaField name="answer" label={t("query.answer")} rows={3} required />
      <TextField name="correctedValue" label={t("query.correctedValue")} hint={t("query.correctedHint")} />
      <TextAreaField name="reason" label={t("reason.label")} hint={t("reason.hint")} rows={2} />
      <SubmitButton>{t("query.answerSubmit")}</SubmitButton>
    </ActionForm>
  );
}

export function CloseQueryForm({ queryId }: { queryId: number }) {
  const t = useTranslations("followup");
  return (
    <ActionForm action={closeQueryAction} successMessage={t("query.done")} className="max-w-xl" id="close-form">
      <input type="hidden" name="queryId" value={queryId} />
      <TextAreaField name="note" label={t("query.closeNote")} rows={2} />
      <SubmitButton>{t("query.close")}</SubmitButton>
    </ActionForm>
  );
}

export function ReopenQueryForm({ queryId }: { queryId: number }) {
  const t = useTranslations("followup");
  return (
    <ActionForm action={reopenQueryAction} successMessage={t("query.done")} className="max-w-xl" id="reopen-form">
      <input type="hidden" name="queryId" value={queryId} />
      <TextAreaField name="note" label={t("query.reopenNote")} rows={2} required />
      <SubmitButton variant="outline">{t("query.reopen")}</SubmitButton>
    </ActionForm>
  );
}

