"use client";

import { useTranslations } from "next-intl";
import * as React from "react";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Label } from "@/components/ui/input";
import { VARIANT_ORIGINS } from "@/lib/enums";
import { exportResultsAction } from "@/app/(portal)/molecular/actions";

type Option = { value: string; label: string };

/** Hands the CSV the command returned to the browser as a file (the command already audited it). */
function download(name: string, csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ExportForm({ studies, sites }: { studies: Option[]; sites: Option[] }) {
  const t = useTranslations("molecular");
  const [rows, setRows] = React.useState<number | null>(null);
  return (
    <ActionForm
      action={exportResultsAction}
      onSuccess={(d: { studyCode: string; rows: number; csv: string }) => {
        setRows(d.rows);
        download(`molecular-results_${d.studyCode.replace(/[^A-Za-z0-9_-]+/g, "-")}.csv`, d.csv);
      }}
    >
      <SelectField name="studyId" label={t("export.study")} options={studies} />
      <SelectField name="centreId" label={t("export.site")} options={sites} placeholder={t("export.allSites")} />
      <SelectField name="origin" label={t("export.origin")} options={VARIANT_ORIGINS.map((o) => ({ value: o, label: t(`origins.${o}`) }))} />
      <div className="flex items-center gap-2">
        <input id="f-abroad" type="checkbox" name="abroad" value="on" className="size-4" />
        <Label htmlFor="f-abroad">{t("export.abroad")}</Label>
      </div>
      <TextField name="hgrApprovalNo" label={t("export.hgr")} hint={t("export.hgrHint")} autoComplete="off" />
      <TextField name="purpose" label={t("export.purpose")} />
      <SubmitButton>{t("export.submit")}</SubmitButton>
      {rows !== null ? <p role="status" data-testid="export-done" className="text-sm text-success">{t("export.done", { rows })}</p> : null}
    </ActionForm>
  );
}
