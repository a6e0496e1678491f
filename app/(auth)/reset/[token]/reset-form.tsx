"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { resetPasswordAction } from "@/app/(auth)/reset/actions";

export function ResetForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  return (
    <ActionForm action={resetPasswordAction} id="reset-password">
      <input type="hidden" name="token" value={token} />
      <TextField name="password" label={t("newPassword")} type="password" required maxLength={200} autoComplete="new-password" hint={t("passwordRules")} />
      <TextField name="confirm" label={t("confirmPassword")} type="password" required maxLength={200} autoComplete="new-password" />
      <SubmitButton className="w-full">{t("setNewPassword")}</SubmitButton>
    </ActionForm>
  );
}
