"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { setCentreActiveAction } from "@/app/(portal)/centres/actions";

/** Switches a centre off (or on again), always with a reason for the audit trail. */
export function ActiveForm({ centreId, active }: { centreId: number; active: boolean }) {
  const t = useTranslations("network");
  return (
    <ActionForm action={setCentreActiveAction} successMessage={active ? t("deactivated") : t("reactivated")} resetOnSuccess id="centre-active">
      <input type="hidden" name="centreId" value={centreId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <TextField name="reason" label={t("reason")} required maxLength={500} />
      <SubmitButton variant={active ? "destructive" : "default"}>{active ? t("deactivate") : t("reactivate")}</SubmitButton>
    </ActionForm>
  );
}
