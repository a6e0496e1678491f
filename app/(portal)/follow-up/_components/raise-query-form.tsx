"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextAreaField } from "@/components/forms/field";
import { RequestKeyField } from "@/components/forms/request-key-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { raiseQueryAction } from "@/app/(portal)/follow-up/queries/actions";

/** A monitor or the study PI asks about one field of a saved record. */
export function RaiseQueryForm({ entityType, entityId, fields }: { entityType: string; entityId: number; fields: readonly string[] }) {
  const t = useTranslations("followup");
  return (
    <ActionForm action={raiseQueryAction} className="max-w-xl" id="raise-query-form">
      <input type="hidden" name="entityType" value={entityType} />
      <input type="hidden" name="entityId" value={entityId} />
      <RequestKeyField />
      <SelectField name="field" label={t("query.field")} options={fields.map((f) => ({ value: f, label: t(`fields.${f}`) }))} />
      <TextAreaField name="question" label={t("query.question")} rows={3} required />
      <SubmitButton>{t("query.submit")}</SubmitButton>
    </ActionForm>
  );
}
