"use client";

import * as React from "react";
import { useTranslations } from "next-intl";
import { ActionForm, useFormResult } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { RequestKeyField } from "@/components/forms/request-key-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { shownFieldErrors } from "@/components/forms/field-errors";
import { createMyToken } from "@/app/account/tokens/actions";

type StudyOption = { id: number; code: string; title: string };

/** The new token's secret, shown once after a success; never kept after the page is left. */
function CreatedSecret({ curlHost }: { curlHost: string }) {
  const t = useTranslations("api.tokens");
  const state = useFormResult();
  if (!state?.ok) return null;
  const data = state.data as { secret: string; name: string };
  return (
    <div role="status" className="space-y-2 rounded-md border border-border bg-muted/40 p-3" data-testid="token-created">
      <p className="font-medium">{t("createdTitle")}</p>
      <p className="text-sm text-muted-foreground">{t("createdHint")}</p>
      <code className="block break-all rounded bg-card p-2 text-sm" data-testid="token-secret">
        {data.secret}
      </code>
      <p className="text-xs text-muted-foreground">{t("curl")}</p>
      <code className="block break-all rounded bg-card p-2 text-xs">{`curl -H "Authorization: Bearer ${data.secret}" ${curlHost}/api/v1/studies`}</code>
    </div>
  );
}

function StudyChoices({ studies }: { studies: StudyOption[] }) {
  const t = useTranslations("api.tokens");
  const errors = shownFieldErrors(useFormResult(), "studyIds", new Set());
  if (studies.length === 0) return null;
  return (
    <fieldset className="space-y-1" aria-describedby={errors ? "f-studyIds-error" : "f-studyIds-hint"}>
      <legend className="text-sm font-medium">{t("studies")}</legend>
      <p id="f-studyIds-hint" className="text-xs text-muted-foreground">
        {t("studiesHint")}
      </p>
      <div className="max-h-48 space-y-1 overflow-y-auto">
        {studies.map((s) => (
          <label key={s.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="studyIds" value={s.id} className="size-4" />
            <span className="font-mono">{s.code}</span> <span className="text-muted-foreground">{s.title}</span>
          </label>
        ))}
      </div>
      {errors ? (
        <p id="f-studyIds-error" className="text-xs text-destructive">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

export function CreateTokenForm({ studies, minDay, maxDay, defaultDay, curlHost }: { studies: StudyOption[]; minDay: string; maxDay: string; defaultDay: string; curlHost: string }) {
  const t = useTranslations("api.tokens");
  return (
    <ActionForm action={createMyToken} id="create-token" resetOnSuccess>
      <RequestKeyField />
      <TextField name="name" label={t("name")} required maxLength={80} autoComplete="off" />
      <SelectField
        name="access"
        label={t("access")}
        defaultValue="read"
        options={[
          { value: "read", label: t("accessLevels.read") },
          { value: "read_write", label: t("accessLevels.read_write") },
        ]}
      />
      <TextField name="expiresOn" label={t("expires")} type="date" required min={minDay} max={maxDay} defaultValue={defaultDay} hint={t("expiresHint")} />
      <StudyChoices studies={studies} />
      <SubmitButton>{t("create")}</SubmitButton>
      <CreatedSecret curlHost={curlHost} />
    </ActionForm>
  );
}
