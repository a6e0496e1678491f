"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { ActionForm, useFormResult } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { RequestKeyField } from "@/components/forms/request-key-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Label, Select } from "@/components/ui/input";
import type { SiteWorkContext } from "@/lib/enrolment/queries/screenings";
import { localized } from "@/lib/i18n/localized";
import { enrolAction } from "@/app/(portal)/studies/[code]/screening/actions";

type Props = {
  studyId: number;
  studyCode: string;
  siteId: number;
  screeningId: number;
  today: string;
  randomized: boolean;
  consents: SiteWorkContext["consents"];
  factors: SiteWorkContext["factors"];
};

/**
 * The enrol form. Its request key is minted once in the browser, so a double click or a retried
 * submit carries the same key and the server enrols once; the button is disabled while pending.
 * Stratification factors that follow from recorded data (sex, age from the national ID) are not
 * asked: the server derives them, and the form says which.
 */
export function EnrolForm(p: Props) {
  const t = useTranslations("enrolment.enrol");
  const locale = useLocale();
  const router = useRouter();
  const asked = p.factors.filter((f) => f.derivedFrom === null);
  const derived = p.factors.filter((f) => f.derivedFrom !== null);
  return (
    <ActionForm
      action={enrolAction}
      id="enrol-form"
      onSuccess={(d: { studyCode: string; subjectCode: string }) => router.push(`/studies/${d.studyCode}/participants/${d.subjectCode}`)}
    >
      <input type="hidden" name="studyId" value={p.studyId} />
      <input type="hidden" name="siteId" value={p.siteId} />
      <input type="hidden" name="screeningId" value={p.screeningId} />
      <RequestKeyField />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="nationalId" label={t("nationalId")} hint={t("nationalIdHint")} autoComplete="off" spellCheck={false} required />
        <TextField name="yearOfBirth" label={t("yearOfBirth")} inputMode="numeric" maxLength={4} required />
        <SelectField
          name="sex"
          label={t("sex")}
          placeholder=""
          options={[
            { value: "female", label: t("female") },
            { value: "male", label: t("male") },
          ]}
          required
        />
        <SelectField
          name="consentVersionId"
          label={t("consentVersion")}
          defaultValue={p.consents.at(-1)?.id}
          options={p.consents.map((c) => ({ value: String(c.id), label: `${c.label} (${c.effectiveDate})` }))}
          required
        />
        <TextField name="consentDate" type="date" label={t("consentDate")} defaultValue={p.today} max={p.today} required />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="specimensFutureUse" value="true" className="size-4" />
        {t("specimens")}
      </label>
      {p.factors.length ? (
        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className="mb-1 text-sm font-medium">{t("strata")}</legend>
          {asked.map((f) => (
            <LevelField key={f.code} factor={f} label={localized(f, locale)} locale={locale} />
          ))}
          {derived.length ? (
            <p className="text-xs text-muted-foreground sm:col-span-2" data-testid="derived-strata">
              {t("derivedStrata", {
                factors: new Intl.ListFormat(locale, { type: "conjunction" }).format(
                  derived.map((f) => t(f.derivedFrom === "sex" ? "derivedFromSex" : "derivedFromAge", { factor: localized(f, locale) })),
                ),
              })}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      {p.randomized ? <p className="text-xs text-muted-foreground">{t("randomizedNote")}</p> : null}
      <SubmitButton data-testid="enrol-submit">{p.randomized ? t("submitRandomize") : t("submit")}</SubmitButton>
    </ActionForm>
  );
}

function LevelField({ factor, label, locale }: { factor: SiteWorkContext["factors"][number]; label: string; locale: string }) {
  const state = useFormResult();
  const errors = state && !state.ok ? state.fieldErrors?.[`level_${factor.code}`] : undefined;
  const id = `level-${factor.code}`;
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>{label}</Label>
      <input type="hidden" name="factorCodes[]" value={factor.code} />
      <Select id={id} name="levelCodes[]" defaultValue="" aria-invalid={errors ? true : undefined} aria-describedby={errors ? `${id}-error` : undefined}>
        <option value="" />
        {factor.levels.map((l) => (
          <option key={l.code} value={l.code}>
            {localized(l, locale)}
          </option>
        ))}
      </Select>
      {errors ? (
        <p id={`${id}-error`} className="text-xs text-destructive">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
