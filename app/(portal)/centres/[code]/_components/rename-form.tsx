"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { renameCentreAction } from "@/app/(portal)/centres/actions";

export function RenameForm({ centreId, nameZh, nameEn }: { centreId: number; nameZh: string; nameEn: string }) {
  const t = useTranslations("network");
  return (
    <ActionForm action={renameCentreAction} successMessage={t("renamed")} id="rename-centre">
      <input type="hidden" name="centreId" value={centreId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField id="rename-nameZh" name="nameZh" label={t("nameZh")} required defaultValue={nameZh} lang="zh-CN" />
        <TextField id="rename-nameEn" name="nameEn" label={t("nameEn")} required defaultValue={nameEn} lang="en" />
      </div>
      <SubmitButton variant="outline">{t("rename")}</SubmitButton>
    </ActionForm>
  );
}
