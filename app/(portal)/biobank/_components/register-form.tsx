"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { registerSpecimenAction } from "@/app/(portal)/biobank/specimens/actions";

/** Registration at the actor's own centre: a participant by subject code, or a biobank donor. */
export function RegisterForm({ types, now }: { types: { value: string; label: string }[]; now: string }) {
  const t = useTranslations("biobank");
  const [owner, setOwner] = useState<"subject" | "donor">("subject");
  return (
    <ActionForm action={registerSpecimenAction} id="register-specimen">
      <SelectField name="type" label={t("fields.type")} options={types} defaultValue="whole_blood" />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">{t("fields.ownerKind")}</legend>
        <label className="mr-4 inline-flex items-center gap-2 text-sm">
          <input type="radio" name="ownerKind" value="subject" checked={owner === "subject"} onChange={() => setOwner("subject")} />
          {t("fields.ownerSubject")}
        </label>
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="radio" name="ownerKind" value="donor" checked={owner === "donor"} onChange={() => setOwner("donor")} />
          {t("fields.ownerDonor")}
        </label>
      </fieldset>
      {owner === "subject" ? (
        <>
          <TextField name="subjectCode" label={t("fields.subjectCode")} hint={t("register.hintSubject")} autoComplete="off" />
          <SelectField
            name="futureConsent"
            label={t("fields.consent")}
            options={(["yes", "limited", "no"] as const).map((c) => ({ value: c, label: t(`consent.${c}`) }))}
            placeholder=""
          />
        </>
      ) : (
        <TextField name="donorCode" label={t("fields.donorCode")} hint={t("register.hintDonor")} autoComplete="off" />
      )}
      <TextField name="collectedAt" type="datetime-local" label={t("fields.collectedAt")} defaultValue={now} />
      <TextField name="quantity" type="number" step="0.001" min="0" label={t("fields.quantity")} hint={t("register.hintQuantity")} />
      <SubmitButton>{t("register.submit")}</SubmitButton>
    </ActionForm>
  );
}
