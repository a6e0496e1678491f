"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { addCentreAction } from "@/app/(portal)/centres/actions";

/** A new centre one level below this one; the level is decided by the parent and checked again on the server. */
export function AddCentreForm({ parentId, level, province, city }: { parentId: number; level: string; province: string; city: string }) {
  const t = useTranslations("network");
  const tc = useTranslations("common");
  return (
    <ActionForm action={addCentreAction} successMessage={t("added")} resetOnSuccess id="add-centre">
      <input type="hidden" name="parentId" value={parentId} />
      <input type="hidden" name="level" value={level} />
      <p className="text-sm text-muted-foreground">{t("addLevel", { level: tc(`levels.${level}`) })}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="code" label={t("code")} hint={t("codeHint")} required maxLength={8} autoComplete="off" />
        <span className="hidden sm:block" />
        <TextField name="nameZh" label={t("nameZh")} required lang="zh-CN" />
        <TextField name="nameEn" label={t("nameEn")} required lang="en" />
        <TextField name="province" label={t("province")} required defaultValue={province} />
        <TextField name="city" label={t("city")} required defaultValue={city} />
      </div>
      <SubmitButton>{t("add")}</SubmitButton>
    </ActionForm>
  );
}
