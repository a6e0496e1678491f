"use client";

import * as React from "react";
import { useTranslations } from "next-intl";
import { SelectField, TextField } from "@/components/forms/field";
import { RANDOMIZATION_METHODS, RESEARCH_AREAS, STUDY_BLINDINGS, STUDY_DESIGNS, STUDY_PHASES } from "@/lib/enums";

type Option = { value: string; label: string };

export type StudyFieldValues = {
  titleZh?: string;
  titleEn?: string;
  registryNo?: string | null;
  phase?: string;
  design?: string;
  area?: string;
  leadCentreId?: number;
  targetEnrolment?: number;
  plannedStart?: string | null;
  plannedEnd?: string | null;
  blinding?: string | null;
  randomizationMethod?: string | null;
  siteIsStratum?: boolean;
};

/** Fields shared by the new-study and edit-details forms; randomization settings appear for randomized designs. */
export function StudyFields({ v, centres, designFixed = false, showTarget = true }: { v: StudyFieldValues; centres: Option[]; designFixed?: boolean; showTarget?: boolean }) {
  const t = useTranslations("studies");
  const tc = useTranslations("common");
  const [design, setDesign] = React.useState(v.design ?? "randomized");
  const opts = (ns: string, values: readonly string[]) => values.map((x) => ({ value: x, label: t(`${ns}.${x}`) }));
  return (
    <>
      <div className="grid gap-3 md:grid-cols-2">
        <TextField name="titleZh" label={t("field.titleZh")} defaultValue={v.titleZh} lang="zh-CN" />
        <TextField name="titleEn" label={t("field.titleEn")} defaultValue={v.titleEn} lang="en" />
        <TextField name="registryNo" label={t("field.registryNo")} hint={t("field.registryHint")} defaultValue={v.registryNo ?? ""} />
        <SelectField name="leadCentreId" label={t("field.leadCentre")} options={centres} defaultValue={v.leadCentreId ? String(v.leadCentreId) : undefined} />
        <SelectField name="phase" label={t("field.phase")} options={opts("phase", STUDY_PHASES)} defaultValue={v.phase} />
        <SelectField name="area" label={t("field.area")} options={opts("area", RESEARCH_AREAS)} defaultValue={v.area} />
        {showTarget ? <TextField name="targetEnrolment" type="number" min={1} label={t("field.target")} defaultValue={v.targetEnrolment} /> : null}
        <TextField name="plannedStart" type="date" label={t("field.plannedStart")} defaultValue={v.plannedStart ?? ""} />
        <TextField name="plannedEnd" type="date" label={t("field.plannedEnd")} defaultValue={v.plannedEnd ?? ""} />
      </div>
      <fieldset className="grid gap-3 rounded-md border border-border p-3 md:grid-cols-2" disabled={designFixed}>
        <legend className="px-1 text-sm font-medium">{t("overview.randomization")}</legend>
        {designFixed ? <p className="text-xs text-muted-foreground md:col-span-2">{t("overview.designFixedHint")}</p> : null}
        <SelectField name="design" label={t("field.design")} options={opts("design", STUDY_DESIGNS)} value={design} onChange={(e) => setDesign(e.target.value)} />
        {design === "randomized" ? (
          <>
            <SelectField name="randomizationMethod" label={t("field.method")} options={opts("method", RANDOMIZATION_METHODS)} defaultValue={v.randomizationMethod ?? "permuted_blocks"} />
            <SelectField name="blinding" label={t("field.blinding")} options={opts("blinding", STUDY_BLINDINGS)} defaultValue={v.blinding ?? "open"} />
            <SelectField
              name="siteIsStratum"
              label={t("field.siteIsStratum")}
              options={[
                { value: "true", label: tc("yes") },
                { value: "false", label: tc("no") },
              ]}
              defaultValue={String(v.siteIsStratum ?? true)}
            />
          </>
        ) : null}
      </fieldset>
      {/* A disabled fieldset posts nothing: keep the fixed design values in the form. */}
      {designFixed ? (
        <>
          <input type="hidden" name="design" value={v.design} />
          <input type="hidden" name="randomizationMethod" value={v.randomizationMethod ?? ""} />
          <input type="hidden" name="blinding" value={v.blinding ?? ""} />
          <input type="hidden" name="siteIsStratum" value={String(Boolean(v.siteIsStratum))} />
        </>
      ) : null}
    </>
  );
}
