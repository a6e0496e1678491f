"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { changeMyPassword } from "@/app/account/actions";

export function ChangePasswordForm() {
  const t = useTranslations("auth");
  return (
    <ActionForm action={changeMyPassword} id="change-password">
      <TextField name="currentPassword" label={t("currentPassword")} type="password" required maxLength={200} autoComplete="current-password" />
      <TextField name="password" label={t("newPassword")} type="password" required maxLength={200} autoComplete="new-password" hint={t("passwordRules")} />
      <TextField name="confirm" label={t("confirmPassword")} type="password" required maxLength={200} autoComplete="new-password" />
      <SubmitButton className="w-full">{t("setNewPassword")}</SubmitButton>
    </ActionForm>
  );
}
