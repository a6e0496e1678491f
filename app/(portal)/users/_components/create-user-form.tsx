"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { createUserAction } from "@/app/(portal)/users/actions";

type Option = { value: string; label: string };

export function CreateUserForm({ roles, centres, defaultCentreId, roleHint }: { roles: Option[]; centres: Option[]; defaultCentreId?: string; roleHint?: string }) {
  const t = useTranslations("users");
  return (
    <ActionForm action={createUserAction} id="create-user">
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="name" label={t("name")} required maxLength={200} autoComplete="off" />
        <TextField name="email" label={t("email")} type="email" required maxLength={254} autoComplete="off" />
        <SelectField name="role" label={t("role")} required options={roles} placeholder={t("choose")} hint={roleHint} />
        <SelectField name="centreId" label={t("homeCentre")} required options={centres} placeholder={t("choose")} defaultValue={defaultCentreId} />
        <TextField name="password" label={t("initialPassword")} type="password" required maxLength={200} autoComplete="new-password" hint={t("passwordHint")} />
      </div>
      <SubmitButton>{t("create")}</SubmitButton>
    </ActionForm>
  );
}
