"use client";

import * as React from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextAreaField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { recordVisitAction } from "@/app/(portal)/follow-up/actions";
import { ReasonField } from "@/app/(portal)/follow-up/_components/reason-field";

export type VisitFormValues = { status: string; visitDate: string; missedReason: string };

/** Record a visit (done on its date, or missed with the reason); a change asks for a reason. The assessment is entered in the visit_assessment form. */
export function VisitForm({ visitId, initial, recorded }: { visitId: number; initial: VisitFormValues; recorded: boolean }) {
  const t = useTranslations("followup");
  const [status, setStatus] = React.useState(initial.status === "missed" ? "missed" : "done");
  return (
    <ActionForm action={recordVisitAction} successMessage={t("visit.saved")} className="max-w-2xl" id="visit-form">
      <input type="hidden" name="visitId" value={visitId} />
      <SelectField
        name="status"
        label={t("fields.status")}
        value={status}
        onChange={(e) => setStatus(e.target.value)}
        options={["done", "missed"].map((s) => ({ value: s, label: t(`visitStatus.${s}`) }))}
      />
      {status === "done" ? (
        <div className="grid gap-3 md:grid-cols-2">
          <TextField name="visitDate" type="date" label={t("fields.visitDate")} defaultValue={initial.visitDate} required />
        </div>
      ) : (
        <TextAreaField name="missedReason" label={t("fields.missedReason")} defaultValue={initial.missedReason} rows={2} />
      )}
      {recorded ? <ReasonField /> : null}
      <SubmitButton>{recorded ? t("visit.change") : t("visit.record")}</SubmitButton>
    </ActionForm>
  );
}
