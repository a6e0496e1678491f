"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { ActionForm, useFormResult } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/field";
import { RequestKeyField } from "@/components/forms/request-key-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Label, Select } from "@/components/ui/input";
import { buttonVariants } from "@/components/ui/button";
import type { SiteWorkContext } from "@/lib/enrolment/queries/screenings";
import { CRITERION_KINDS } from "@/lib/enums";
import { failureReasons } from "@/lib/enrolment/failure-reasons";
import { localizedPair } from "@/lib/i18n/localized";
import { screenAction } from "@/app/(portal)/studies/[code]/screening/actions";

type Criterion = SiteWorkContext["criteria"][number];

/** One yes/no per criterion; the portal, not the form, decides eligibility. Opened from an invitation (a biomarker match), the screening answers it. */
export function ScreenForm({
  studyId,
  studyCode,
  siteId,
  today,
  criteria,
  invitationId,
}: {
  studyId: number;
  studyCode: string;
  siteId: number;
  today: string;
  criteria: Criterion[];
  invitationId?: number;
}) {
  const t = useTranslations("enrolment.screening");
  return (
    <ActionForm action={screenAction} id="screen-form" resetOnSuccess>
      <input type="hidden" name="studyId" value={studyId} />
      <input type="hidden" name="siteId" value={siteId} />
      {invitationId ? <input type="hidden" name="invitationId" value={invitationId} /> : null}
      <RequestKeyField />
      <div className="max-w-xs">
        <TextField name="screenedOn" type="date" label={t("date")} defaultValue={today} max={today} required />
      </div>
      {CRITERION_KINDS.map((kind) => (
        <fieldset key={kind} className="space-y-2">
          <legend className="text-sm font-medium">{t(kind)}</legend>
          {criteria
            .filter((c) => c.kind === kind)
            .map((c) => (
              <CriterionField key={c.code} c={c} />
            ))}
        </fieldset>
      ))}
      <SubmitButton data-testid="screen-submit">{t("submit")}</SubmitButton>
      <ScreenResult studyCode={studyCode} criteria={criteria} />
    </ActionForm>
  );
}

function CriterionField({ c }: { c: Criterion }) {
  const t = useTranslations("enrolment.screening");
  const locale = useLocale();
  const state = useFormResult();
  const errors = state && !state.ok ? state.fieldErrors?.[`answer_${c.code}`] : undefined;
  const id = `crit-${c.code}`;
  return (
    <div className="grid gap-1 sm:grid-cols-[1fr_12rem] sm:items-center">
      <Label htmlFor={id}>
        <code className="mr-1 text-xs text-muted-foreground">{c.code}</code>
        {localizedPair(c.textZh, c.textEn, locale)}
      </Label>
      <input type="hidden" name="codes[]" value={c.code} />
      <Select id={id} name="answers[]" defaultValue="" aria-invalid={errors ? true : undefined} aria-describedby={errors ? `${id}-error` : undefined}>
        <option value="">{t("choose")}</option>
        <option value="yes">{c.kind === "inclusion" ? t("met") : t("present")}</option>
        <option value="no">{c.kind === "inclusion" ? t("notMet") : t("absent")}</option>
      </Select>
      {errors ? (
        <p id={`${id}-error`} className="text-xs text-destructive sm:col-span-2">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

function ScreenResult({ studyCode, criteria }: { studyCode: string; criteria: Criterion[] }) {
  const t = useTranslations("enrolment.screening");
  const locale = useLocale();
  const state = useFormResult();
  if (!state?.ok) return null;
  const d = state.data as { id: number; outcome: "eligible" | "screen_failed"; failedCodes: string[] };
  return d.outcome === "eligible" ? (
    <div role="status" data-testid="screen-result" className="flex flex-wrap items-center gap-3 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
      <span>{t("resultEligible")}</span>
      <Link href={`/studies/${studyCode}/screening/enrol/${d.id}`} className={buttonVariants({ size: "sm" })} data-testid="enrol-link">
        {t("enrolNow")}
      </Link>
    </div>
  ) : (
    <p role="status" data-testid="screen-result" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {t("resultFailed", { reasons: failureReasons(d.failedCodes, criteria, locale).join("; ") })}
    </p>
  );
}
