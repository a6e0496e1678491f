"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { PARTICIPANT_SEXES } from "@/lib/enums";
import { correctParticipantAction } from "@/app/(portal)/follow-up/actions";
import { ReasonField } from "@/app/(portal)/follow-up/_components/reason-field";

/** Correct enrolment data (year of birth, sex): always a change, so always with a reason. */
export function CorrectParticipantForm({ participantId, yearOfBirth, sex }: { participantId: number; yearOfBirth: number; sex: string }) {
  const t = useTranslations("followup");
  return (
    <ActionForm action={correctParticipantAction} successMessage={t("visit.saved")} className="max-w-xl" id="correct-form">
      <input type="hidden" name="participantId" value={participantId} />
      <div className="grid gap-3 md:grid-cols-2">
        <TextField name="yearOfBirth" type="number" label={t("fields.yearOfBirth")} defaultValue={String(yearOfBirth)} required />
        <SelectField name="sex" label={t("fields.sex")} defaultValue={sex} options={PARTICIPANT_SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))} />
      </div>
      <ReasonField />
      <SubmitButton>{t("participant.correct")}</SubmitButton>
    </ActionForm>
  );
}
