"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { CRITERION_KINDS } from "@/lib/enums";
import { setArmsAction, setConsentsAction, setCriteriaAction, setStratificationAction, setTargetAction } from "@/app/(portal)/studies/[code]/protocol/actions";
import { AmendmentFields } from "@/app/(portal)/studies/_components/amendment-fields";
import { RowsEditor, type RowColumn } from "@/app/(portal)/studies/_components/rows-editor";

type Common = { studyId: number; amend: boolean };
type Rows = Record<string, string>[];

function ProtocolForm({ action, studyId, amend, children, testId }: Common & { action: typeof setArmsAction; children: React.ReactNode; testId: string }) {
  const t = useTranslations("studies.protocol");
  return (
    <ActionForm action={action} className="space-y-3" successMessage={t("savedShort")}>
      <input type="hidden" name="studyId" value={studyId} />
      {children}
      <AmendmentFields needed={amend} />
      <SubmitButton size="sm" data-testid={testId}>
        {amend ? t("saveAmendment") : t("save")}
      </SubmitButton>
    </ActionForm>
  );
}

export function ArmsForm({ initial, ...p }: Common & { initial: Rows }) {
  const t = useTranslations("studies.field");
  const cols: RowColumn[] = [
    { name: "code", label: t("armCode"), width: "w-24" },
    { name: "nameZh", label: t("nameZh") },
    { name: "nameEn", label: t("nameEn") },
    { name: "ratio", label: t("ratio"), type: "number", width: "w-20" },
  ];
  return (
    <ProtocolForm action={setArmsAction} testId="save-arms" {...p}>
      <RowsEditor columns={cols} initial={initial} testId="arms-editor" />
    </ProtocolForm>
  );
}

export function StratificationForm({ initial, ...p }: Common & { initial: Rows }) {
  const t = useTranslations("studies.field");
  const cols: RowColumn[] = [
    { name: "code", label: t("factorCode"), width: "w-24" },
    { name: "nameZh", label: t("nameZh"), width: "w-32" },
    { name: "nameEn", label: t("nameEn"), width: "w-32" },
    { name: "levels", label: t("levels") },
  ];
  return (
    <ProtocolForm action={setStratificationAction} testId="save-strat" {...p}>
      <p className="text-xs text-muted-foreground">{t("levelsHint")}</p>
      <RowsEditor columns={cols} initial={initial} testId="strat-editor" />
    </ProtocolForm>
  );
}

export function CriteriaForm({ initial, ...p }: Common & { initial: Rows }) {
  const t = useTranslations("studies");
  const cols: RowColumn[] = [
    {
      name: "kind",
      label: t("field.kind"),
      type: "select",
      width: "w-28",
      options: CRITERION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })),
    },
    { name: "textZh", label: t("field.textZh") },
    { name: "textEn", label: t("field.textEn") },
  ];
  return (
    <ProtocolForm action={setCriteriaAction} testId="save-criteria" {...p}>
      <RowsEditor columns={cols} initial={initial} testId="criteria-editor" />
    </ProtocolForm>
  );
}

export function ConsentsForm({ initial, ...p }: Common & { initial: Rows }) {
  const t = useTranslations("studies.field");
  const cols: RowColumn[] = [
    { name: "label", label: t("consentLabel") },
    { name: "effectiveDate", label: t("effectiveDate"), type: "date" },
  ];
  return (
    <ProtocolForm action={setConsentsAction} testId="save-consents" {...p}>
      <RowsEditor columns={cols} initial={initial} testId="consents-editor" />
    </ProtocolForm>
  );
}

export function TargetForm({ target, ...p }: Common & { target: number }) {
  const t = useTranslations("studies.field");
  return (
    <ProtocolForm action={setTargetAction} testId="save-target" {...p}>
      <TextField name="targetEnrolment" type="number" min={1} label={t("target")} defaultValue={target} />
    </ProtocolForm>
  );
}
