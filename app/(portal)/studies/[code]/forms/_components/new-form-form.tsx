"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { AmendmentInputs } from "@/app/(portal)/studies/[code]/forms/_components/amendment-inputs";
import { createFormAction } from "@/app/(portal)/studies/[code]/forms/actions";

/** A new, empty form; the designer opens on it once created. */
export function NewFormForm({ studyId, amend, base }: { studyId: number; amend: boolean; base: string }) {
  const t = useTranslations("crf.designer");
  const router = useRouter();
  const name = React.useRef("");
  return (
    <details className="rounded-md border border-border p-3" data-testid="new-form">
      <summary className="cursor-pointer text-sm font-medium text-primary">{t("forms.new")}</summary>
      <ActionForm action={createFormAction} className="mt-3 space-y-3" onSuccess={() => router.push(`${base}/${name.current}`)}>
        <input type="hidden" name="studyId" value={studyId} />
        <div className="grid gap-3 md:grid-cols-3">
          <TextField name="name" id="new-form-name" label={t("forms.name")} hint={t("nameHint")} autoComplete="off" onChange={(e) => (name.current = e.target.value.trim())} />
          <TextField name="labelZh" id="new-form-label-zh" label={t("labelZh")} />
          <TextField name="labelEn" id="new-form-label-en" label={t("labelEn")} />
        </div>
        <AmendmentInputs needed={amend} idPrefix="new-form" />
        <SubmitButton size="sm" data-testid="create-form">
          {amend ? t("saveAmendment") : t("forms.create")}
        </SubmitButton>
      </ActionForm>
    </details>
  );
}
