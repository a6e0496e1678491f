"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { verifyAction } from "@/app/(portal)/follow-up/actions";

export function SdvButton({ entityType, entityId }: { entityType: "visit" | "adverse_event"; entityId: number }) {
  const t = useTranslations("followup.sdv");
  return (
    <ActionForm action={verifyAction} successMessage={t("done")} id="sdv-form">
      <input type="hidden" name="entityType" value={entityType} />
      <input type="hidden" name="entityId" value={entityId} />
      <SubmitButton variant="outline">{t("mark")}</SubmitButton>
    </ActionForm>
  );
}
