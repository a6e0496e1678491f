"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { BIOMARKER_CRITERION_KINDS, GERMLINE_CLASSES, HER2_RULES, SOMATIC_TIERS } from "@/lib/enums";
import { setBiomarkerCriteriaAction } from "@/app/(portal)/studies/[code]/protocol/actions";
import { AmendmentFields } from "@/app/(portal)/studies/_components/amendment-fields";
import { RowsEditor, type RowColumn } from "@/app/(portal)/studies/_components/rows-editor";

/** The criteria a form row may ask for: tiers I–II, classes P/LP (lib/molecular/criteria.ts). */
const TIERS = SOMATIC_TIERS.slice(0, 2);
const CLASSES = GERMLINE_CLASSES.slice(0, 2);

export type CriterionFormRow = Record<string, string>;

export function BiomarkerCriteriaForm({ studyId, amend, initial }: { studyId: number; amend: boolean; initial: CriterionFormRow[] }) {
  const t = useTranslations("molecular");
  const ts = useTranslations("studies.protocol");
  const none = { value: "", label: "—" };
  const cols: RowColumn[] = [
    { name: "kind", label: t("criteria.field.kind"), type: "select", width: "w-48", options: BIOMARKER_CRITERION_KINDS.map((k) => ({ value: k, label: t(`criteria.kinds.${k}`) })) },
    { name: "gene", label: t("criteria.field.gene"), width: "w-28" },
    { name: "partnerGene", label: t("criteria.field.partnerGene"), width: "w-28" },
    { name: "hgvsP", label: t("criteria.field.hgvsP"), width: "w-40" },
    { name: "variantTypes", label: t("criteria.field.variantTypes"), width: "w-44" },
    { name: "maxTier", label: t("criteria.field.maxTier"), type: "select", width: "w-56", options: [none, ...TIERS.map((x) => ({ value: x, label: t(`tiers.${x}`) }))] },
    { name: "minGermlineClass", label: t("criteria.field.minGermlineClass"), type: "select", width: "w-40", options: [none, ...CLASSES.map((x) => ({ value: x, label: t(`classes.${x}`) }))] },
    { name: "minVafPct", label: t("criteria.field.minVafPct"), width: "w-24" },
    { name: "minValue", label: t("criteria.field.minValue"), width: "w-24" },
    { name: "her2Rule", label: t("criteria.field.her2Rule"), type: "select", width: "w-56", options: [none, ...HER2_RULES.map((x) => ({ value: x, label: t(`criteria.her2Rules.${x}`) }))] },
  ];
  return (
    <ActionForm action={setBiomarkerCriteriaAction} className="space-y-3" successMessage={ts("savedShort")}>
      <input type="hidden" name="studyId" value={studyId} />
      <p className="text-xs text-muted-foreground">{t("criteria.hint")}</p>
      <RowsEditor columns={cols} initial={initial} testId="biomarker-criteria-editor" />
      <AmendmentFields needed={amend} />
      <SubmitButton size="sm" data-testid="save-biomarker-criteria">
        {amend ? ts("saveAmendment") : ts("save")}
      </SubmitButton>
    </ActionForm>
  );
}
