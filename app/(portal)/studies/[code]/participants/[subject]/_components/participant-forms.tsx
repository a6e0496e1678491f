"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextAreaField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { WITHDRAWAL_REASONS } from "@/lib/enums";
import { transferAction, unblindAction, withdrawAction } from "@/app/(portal)/studies/[code]/participants/actions";

export function WithdrawForm({ participantId, today }: { participantId: number; today: string }) {
  const t = useTranslations("enrolment");
  return (
    <ActionForm action={withdrawAction} id="withdraw-form" successMessage={t("detail.withdrawn_ok")}>
      <input type="hidden" name="participantId" value={participantId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="withdrawnOn" type="date" label={t("detail.withdrawnOn")} defaultValue={today} max={today} required />
        <SelectField name="reason" label={t("detail.reason")} placeholder="" options={WITHDRAWAL_REASONS.map((r) => ({ value: r, label: t(`withdrawalReasons.${r}`) }))} required />
      </div>
      <TextAreaField name="note" label={t("detail.note")} rows={2} maxLength={500} />
      <SubmitButton variant="destructive">{t("detail.withdraw")}</SubmitButton>
    </ActionForm>
  );
}

export function TransferForm({ participantId, today, sites }: { participantId: number; today: string; sites: { value: string; label: string }[] }) {
  const t = useTranslations("enrolment");
  return (
    <ActionForm action={transferAction} id="transfer-form" successMessage={t("detail.transferred_ok")}>
      <input type="hidden" name="participantId" value={participantId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField name="toSiteId" label={t("detail.toSite")} placeholder="" options={sites} required />
        <TextField name="transferredOn" type="date" label={t("detail.transferredOn")} defaultValue={today} max={today} required />
      </div>
      <TextAreaField name="reason" label={t("detail.transferReason")} rows={2} maxLength={500} required />
      <SubmitButton variant="outline">{t("detail.transfer")}</SubmitButton>
    </ActionForm>
  );
}

export function UnblindForm({ participantId }: { participantId: number }) {
  const t = useTranslations("enrolment");
  return (
    <ActionForm action={unblindAction} id="unblind-form">
      <p className="text-sm text-muted-foreground">{t("detail.unblindWarn")}</p>
      <input type="hidden" name="participantId" value={participantId} />
      <TextAreaField name="reason" label={t("detail.unblindReason")} rows={2} maxLength={500} required />
      <SubmitButton variant="destructive">{t("detail.unblind")}</SubmitButton>
    </ActionForm>
  );
}
