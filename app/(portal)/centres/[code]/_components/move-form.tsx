"use client";

import { useLocale, useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { localized } from "@/lib/i18n/localized";
import type { CentreOption } from "@/lib/network/queries/centres";
import { moveCentreAction } from "@/app/(portal)/centres/actions";

export function MoveForm({ centreId, targets }: { centreId: number; targets: CentreOption[] }) {
  const t = useTranslations("network");
  const locale = useLocale();
  if (!targets.length) return <p className="text-sm text-muted-foreground">{t("noTargets")}</p>;
  return (
    <ActionForm action={moveCentreAction} successMessage={t("moved")} id="move-centre">
      <input type="hidden" name="centreId" value={centreId} />
      <SelectField
        name="newParentId"
        label={t("newParent")}
        required
        placeholder={t("choose")}
        options={targets.map((o) => ({ value: String(o.id), label: `${o.code} · ${localized(o, locale)}` }))}
      />
      <SubmitButton variant="outline">{t("move")}</SubmitButton>
    </ActionForm>
  );
}
