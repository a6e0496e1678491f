"use client";

import { useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { RequestKeyField } from "@/components/forms/request-key-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { biobankKeys } from "@/lib/biobank/query-keys";
import type { RegistrationOwner } from "@/lib/biobank/queries/owners";
import { registerSpecimenAction } from "@/app/(portal)/biobank/specimens/actions";

const CODE_RE = /^[A-Z0-9][A-Z0-9-]{3,39}$/;

/**
 * Registration at the actor's own centre: a participant by subject code, or a biobank donor.
 * Consent for future research is not asked: it is shown from the owner's record as soon as
 * the code is recognised, and the command takes it from that record.
 */
export function RegisterForm({ types, now }: { types: { value: string; label: string }[]; now: string }) {
  const t = useTranslations("biobank");
  const [owner, setOwner] = useState<"subject" | "donor">("subject");
  const [code, setCode] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onCode = (v: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setCode(v.trim().toUpperCase()), 400);
  };
  const switchOwner = (k: "subject" | "donor") => {
    setOwner(k);
    setCode("");
  };
  const lookup = useQuery({
    queryKey: biobankKeys.owner(owner, code),
    enabled: CODE_RE.test(code),
    retry: false,
    queryFn: async (): Promise<RegistrationOwner | null> => {
      const res = await fetch(`/api/biobank/owners?kind=${owner}&code=${encodeURIComponent(code)}`);
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(String(res.status));
      return res.json();
    },
  });
  return (
    <ActionForm action={registerSpecimenAction} id="register-specimen">
      <RequestKeyField />
      <SelectField name="type" label={t("fields.type")} options={types} defaultValue="whole_blood" />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">{t("fields.ownerKind")}</legend>
        <label className="mr-4 inline-flex items-center gap-2 text-sm">
          <input type="radio" name="ownerKind" value="subject" checked={owner === "subject"} onChange={() => switchOwner("subject")} />
          {t("fields.ownerSubject")}
        </label>
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="radio" name="ownerKind" value="donor" checked={owner === "donor"} onChange={() => switchOwner("donor")} />
          {t("fields.ownerDonor")}
        </label>
      </fieldset>
      {owner === "subject" ? (
        <TextField key="subject" name="subjectCode" label={t("fields.subjectCode")} hint={t("register.hintSubject")} autoComplete="off" onChange={(e) => onCode(e.currentTarget.value)} />
      ) : (
        <TextField key="donor" name="donorCode" label={t("fields.donorCode")} hint={t("register.hintDonor")} autoComplete="off" onChange={(e) => onCode(e.currentTarget.value)} />
      )}
      <div className="space-y-1 text-sm">
        <p className="font-medium">{t("fields.consent")}</p>
        <p aria-live="polite" data-testid="owner-consent" className={lookup.data === null ? "text-destructive" : "text-muted-foreground"}>
          {!CODE_RE.test(code)
            ? t(owner === "subject" ? "register.consentFromParticipantHint" : "register.consentFromDonorHint")
            : lookup.isPending
              ? t("register.lookingUp")
              : lookup.isError
                ? t("register.lookupFailed")
                : lookup.data
                  ? t(lookup.data.source === "participant" ? "register.consentFromParticipant" : "register.consentFromDonor", {
                      consent: t(`consent.${lookup.data.futureConsent}`),
                      date: lookup.data.consentDate,
                    })
                  : t(owner === "subject" ? "errors.subjectUnknown" : "errors.donorUnknown")}
        </p>
      </div>
      <TextField name="collectedAt" type="datetime-local" label={t("fields.collectedAt")} defaultValue={now} />
      <TextField name="quantity" type="number" step="0.001" min="0" label={t("fields.quantity")} hint={t("register.hintQuantity")} />
      <SubmitButton>{t("register.submit")}</SubmitButton>
    </ActionForm>
  );
}
