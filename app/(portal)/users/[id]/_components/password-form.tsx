"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { setPasswordAction } from "@/app/(portal)/users/actions";

export function PasswordForm({ userId }: { userId: number }) {
  const t = useTranslations("users");
  return (
    <ActionForm action={setPasswordAction} successMessage={t("passwordSet")} resetOnSuccess id="set-password">
      <input type="hidden" name="userId" value={userId} />
      <TextField name="password" label={t("newPassword")} type="password" required autoComplete="new-password" hint={t("passwordHint")} />
      <SubmitButton variant="outline">{t("setPassword")}</SubmitButton>
    </ActionForm>
  );
}
