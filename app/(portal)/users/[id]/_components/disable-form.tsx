"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { setUserDisabledAction } from "@/app/(portal)/users/actions";

export function DisableForm({ userId, disabled }: { userId: number; disabled: boolean }) {
  const t = useTranslations("users");
  return (
    <ActionForm action={setUserDisabledAction} successMessage={disabled ? t("enabledDone") : t("disabledDone")} resetOnSuccess id="user-disabled">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <TextField name="reason" label={t("reason")} required maxLength={500} hint={disabled ? undefined : t("sessionsEndHint")} />
      <SubmitButton variant={disabled ? "default" : "destructive"}>{disabled ? t("enable") : t("disable")}</SubmitButton>
    </ActionForm>
  );
}
