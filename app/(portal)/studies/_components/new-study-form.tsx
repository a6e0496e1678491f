"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { createStudyAction } from "@/app/(portal)/studies/actions";
import { StudyFields } from "@/app/(portal)/studies/_components/study-fields";

type Option = { value: string; label: string };

export function NewStudyForm({ centres, pis, defaultCentreId }: { centres: Option[]; pis: Option[]; defaultCentreId: number }) {
  const t = useTranslations("studies");
  return (
    <ActionForm action={createStudyAction} className="space-y-4">
      <div className="grid gap-3 md:grid-cols-2">
        <TextField name="code" label={t("field.code")} hint={t("field.codeHint")} autoComplete="off" />
        {pis.length ? <SelectField name="piUserId" label={t("field.pi")} options={pis} placeholder={t("field.choose")} /> : null}
      </div>
      <StudyFields v={{ leadCentreId: defaultCentreId, design: "randomized" }} centres={centres} />
      <SubmitButton data-testid="create-study">{t("newStudy")}</SubmitButton>
    </ActionForm>
  );
}
