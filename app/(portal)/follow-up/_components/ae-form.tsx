"use client";

import * as React from "react";
import { useTranslations } from "next-intl";
import { ActionForm, useFormResult } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { RequestKeyField } from "@/components/forms/request-key-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Label } from "@/components/ui/input";
import { AE_ACTIONS, AE_CATEGORIES, AE_OUTCOMES, AE_RELATEDNESS, AE_SERIOUS_CRITERIA } from "@/lib/enums";
import { parseNetworkLocal } from "@/lib/time/network-day";
import { addAeAction, updateAeAction } from "@/app/(portal)/follow-up/actions";
import { ReasonField } from "@/app/(portal)/follow-up/_components/reason-field";
import { SaeClock } from "@/app/(portal)/follow-up/_components/sae-clock";
import { CtcaeGradeDefinition, CtcaeTermField, usePickedTerm } from "@/app/(portal)/follow-up/_components/ctcae-term-field";

export type AeFormValues = {
  term: string;
  meddraCode: number | null;
  category: string;
  grade: string;
  onsetOn: string;
  endedOn: string;
  seriousCriteria: string[];
  relatedness: string;
  actionTaken: string;
  outcome: string;
  awareAt: string;
};

/** "YYYY-MM-DDTHH:mm" typed in the network's local time -> the moment. */
function parseLocal(v: string): Date | null {
  const t = parseNetworkLocal(v);
  return Number.isNaN(t) ? null : new Date(t);
}

function CriteriaField({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const t = useTranslations("followup");
  const state = useFormResult();
  const err = state && !state.ok ? state.fieldErrors?.seriousCriteria : undefined;
  return (
    <fieldset className="space-y-1" aria-describedby={err ? "seriousCriteria-error" : "seriousCriteria-hint"}>
      <legend className="text-sm font-medium">{t("fields.seriousCriteria")}</legend>
      <p id="seriousCriteria-hint" className="text-xs text-muted-foreground">
        {t("ae.seriousHint")}
      </p>
      <div className="grid gap-1 sm:grid-cols-2">
        {AE_SERIOUS_CRITERIA.map((c) => (
          <Label key={c} className="flex items-center gap-2 font-normal">
            <input
              type="checkbox"
              name="seriousCriteria[]"
              value={c}
              checked={value.includes(c)}
              onChange={(e) => onChange(e.target.checked ? [...value, c] : value.filter((x) => x !== c))}
            />
            {t(`serious.${c}`)}
          </Label>
        ))}
      </div>
      {err ? (
        <p id="seriousCriteria-error" className="text-xs text-destructive">
          {err.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * Report a new AE, or change a saved one (with a reason). While any seriousness criterion is
 * ticked on a new report, the 24-hour clock from awareness runs beside the form.
 */
export function AeForm({ participantId, aeId, initial, reported }: { participantId?: number; aeId?: number; initial: AeFormValues; reported: boolean }) {
  const t = useTranslations("followup");
  const [criteria, setCriteria] = React.useState<string[]>(initial.seriousCriteria);
  const [awareAt, setAwareAt] = React.useState(initial.awareAt);
  const [grade, setGrade] = React.useState(initial.grade);
  const [picked, setPicked] = usePickedTerm(initial.meddraCode);
  const editing = aeId !== undefined;
  const opts = (ns: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t(`${ns}.${v}`) }));
  return (
    <ActionForm<{ id: number; subjectCode: string }> action={editing ? updateAeAction : addAeAction} successMessage={t("ae.saved")} className="max-w-3xl" id="ae-form">
      {editing ? (
        <input type="hidden" name="aeId" value={aeId} />
      ) : (
        <>
          <input type="hidden" name="participantId" value={participantId} />
          <RequestKeyField />
        </>
      )}
      <div className="grid gap-3 md:grid-cols-2">
        <CtcaeTermField defaultTerm={initial.term} picked={picked} onPick={setPicked} />
        <SelectField name="category" label={t("fields.category")} defaultValue={initial.category} options={opts("category", AE_CATEGORIES)} />
        <SelectField
          name="grade"
          label={t("fields.grade")}
          value={grade}
          onChange={(e) => setGrade(e.target.value)}
          options={[1, 2, 3, 4, 5].map((g) => ({
            value: String(g),
            label: picked && picked.grades[g - 1] === null ? `${g} — ${t("ctcae.gradeUndefinedShort")}` : String(g),
          }))}
        />
        <CtcaeGradeDefinition picked={picked} grade={Number(grade)} />
        <TextField name="onsetOn" type="date" label={t("fields.onsetOn")} defaultValue={initial.onsetOn} required />
        <TextField name="endedOn" type="date" label={t("fields.endedOn")} defaultValue={initial.endedOn} />
        <TextField
          name="awareAt"
          type="datetime-local"
          label={t("fields.awareAt")}
          hint={t("ae.awareHint")}
          value={awareAt}
          onChange={(e) => setAwareAt(e.target.value)}
          required
        />
        <SelectField name="relatedness" label={t("fields.relatedness")} defaultValue={initial.relatedness} options={opts("relatedness", AE_RELATEDNESS)} />
        <SelectField name="actionTaken" label={t("fields.actionTaken")} defaultValue={initial.actionTaken} options={opts("action", AE_ACTIONS)} />
        <SelectField name="outcome" label={t("fields.outcome")} defaultValue={initial.outcome} options={opts("outcome", AE_OUTCOMES)} />
      </div>
      <CriteriaField value={criteria} onChange={setCriteria} />
      {criteria.length > 0 && !reported ? (
        <SaeClock awareAt={parseLocal(awareAt)} />
      ) : criteria.length === 0 ? (
        <p className="text-xs text-muted-foreground" data-testid="sae-not-serious">
          {t("clock.notSerious")}
        </p>
      ) : null}
      {editing ? <ReasonField /> : null}
      <SubmitButton>{editing ? t("ae.change") : t("ae.new")}</SubmitButton>
    </ActionForm>
  );
}
