"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { changeRoleAction } from "@/app/(portal)/users/actions";

export function RoleForm({ userId, current, roles }: { userId: number; current: string; roles: { value: string; label: string }[] }) {
  const t = useTranslations("users");
  return (
    <ActionForm action={changeRoleAction} successMessage={t("roleChanged")} id="change-role">
      <input type="hidden" name="userId" value={userId} />
      <SelectField name="role" label={t("newRole")} options={roles} defaultValue={current} hint={t("sessionsEndHint")} />
      <SubmitButton variant="outline">{t("changeRole")}</SubmitButton>
    </ActionForm>
  );
}
