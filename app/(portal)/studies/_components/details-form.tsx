"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { updateStudyAction } from "@/app/(portal)/studies/actions";
import { StudyFields, type StudyFieldValues } from "@/app/(portal)/studies/_components/study-fields";

type Option = { value: string; label: string };

/** Edit the study's own fields; the target is changed on the protocol tab (it may be an amendment). */
export function DetailsForm({
  studyId,
  v,
  centres,
  designFixed,
}: {
  studyId: number;
  v: StudyFieldValues & { ethicsApprovalDate: string | null; ethicsRef: string | null };
  centres: Option[];
  designFixed: boolean;
}) {
  const t = useTranslations("studies");
  return (
    <ActionForm action={updateStudyAction} className="space-y-4" successMessage={t("overview.saved")}>
      <input type="hidden" name="studyId" value={studyId} />
      <StudyFields v={v} centres={centres} designFixed={designFixed} showTarget={false} />
      <div className="grid gap-3 md:grid-cols-2">
        <TextField name="ethicsApprovalDate" type="date" label={t("field.ethicsApprovalDate")} defaultValue={v.ethicsApprovalDate ?? ""} />
        <TextField name="ethicsRef" label={t("field.ethicsRef")} defaultValue={v.ethicsRef ?? ""} />
      </div>
      <SubmitButton data-testid="save-details">{t("overview.edit")}</SubmitButton>
    </ActionForm>
  );
}
