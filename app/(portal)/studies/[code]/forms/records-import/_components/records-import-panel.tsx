"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ActionForm, useFormResult } from "@/components/forms/action-form";
import { TextAreaField } from "@/components/forms/field";
import { RequestKeyField } from "@/components/forms/request-key-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/input";
import { fileLines, type ImportProblem } from "@/lib/exchange/records-import/parse";
import { formFileName, groupFileName } from "@/lib/exchange/tidy-shape";
import { importRecordsAction } from "@/app/(portal)/studies/[code]/forms/records-import/actions";

type FormOption = { formId: number; name: string; label: string };
type Check = { problems: ImportProblem[]; warnings: ImportProblem[]; problemCount: number; warningCount: number; rows: number; create: number; change: number; unchanged: number; needsReason: boolean };
type Files = { lines: (string | null)[]; groups: { group: string; lines: (string | null)[] }[] };
type Imported = { created: number; changed: number; unchanged: number; raisedQueries: number };

const SHOWN = 200;

/**
 * Upload a form's file (and its group files), see the dry run (every problem by file, row and
 * column in the reader's language; soft-limit warnings), then import: with the confirmation of
 * the warnings and the reason when saved values change. The files travel as their lines; the
 * server parses and checks them again on import.
 */
export function RecordsImportPanel({ studyId, checkUrl, maxMb, forms }: { studyId: number; checkUrl: string; maxMb: number; forms: FormOption[] }) {
  const t = useTranslations("recordsImport");
  const tr = useTranslations();
  const router = useRouter();
  const [formId, setFormId] = React.useState<number | null>(forms[0]?.formId ?? null);
  const [formFile, setFormFile] = React.useState<File | null>(null);
  const [groupFiles, setGroupFiles] = React.useState<File[]>([]);
  const [files, setFiles] = React.useState<Files | null>(null);
  const [check, setCheck] = React.useState<Check | null>(null);
  const [notice, setNotice] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [imported, setImported] = React.useState<Imported | null>(null);
  const form = forms.find((f) => f.formId === formId) ?? null;

  function reset() {
    setFiles(null);
    setCheck(null);
    setNotice(null);
    setImported(null);
  }

  async function runCheck() {
    reset();
    if (!form || !formFile) return;
    const tooLarge = [formFile, ...groupFiles].find((f) => f.size > maxMb * 1024 * 1024);
    if (tooLarge) return setNotice(t("fileTooLarge", { name: tooLarge.name, max: maxMb }));
    const prefix = `${form.name}__`;
    const groups: Files["groups"] = [];
    for (const f of groupFiles) {
      const m = f.name.startsWith(prefix) && f.name.toLowerCase().endsWith(".csv") ? f.name.slice(prefix.length, -4) : "";
      if (!m) return setNotice(t("unknownFile", { name: f.name, expected: groupFileName(form.name, "<group>") }));
      groups.push({ group: m, lines: fileLines(await f.text()) });
    }
    setBusy(true);
    try {
      const body: Files = { lines: fileLines(await formFile.text()), groups };
      const res = await fetch(checkUrl, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ formId: form.formId, ...body }) });
      if (!res.ok) throw new Error(String(res.status));
      const result = (await res.json()) as Check | { invalid: Record<string, string[]> };
      if ("invalid" in result) return setNotice(t("invalid", { message: Object.keys(result.invalid).join(", ") }));
      setCheck(result);
      setFiles(body);
    } catch {
      setNotice(t("checkFailed"));
    } finally {
      setBusy(false);
    }
  }

  const problemTable = (list: ImportProblem[], count: number, testId: string) => (
    <div className="space-y-1" data-testid={testId}>
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b border-border text-left">
            <th scope="col" className="px-2 py-1">{t("file")}</th>
            <th scope="col" className="px-2 py-1">{t("row")}</th>
            <th scope="col" className="px-2 py-1">{t("column")}</th>
            <th scope="col" className="px-2 py-1">{t("problem")}</th>
          </tr>
        </thead>
        <tbody>
          {list.slice(0, SHOWN).map((p, i) => (
            <tr key={i} className="border-b border-border last:border-0">
              <td className="px-2 py-1 font-mono text-xs">{p.file}</td>
              <td className="px-2 py-1 tabular-nums">{p.row}</td>
              <td className="px-2 py-1 font-mono text-xs">{p.column}</td>
              <td className="px-2 py-1">{tr(p.key, p.params)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {count > SHOWN ? <p className="text-xs text-muted-foreground">{t("more", { shown: SHOWN })}</p> : null}
    </div>
  );

  return (
    <div className="space-y-4">
      <div className="grid gap-3 md:grid-cols-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="records-form">{t("form")}</Label>
          <Select
            id="records-form"
            value={formId ?? ""}
            onChange={(e) => {
              setFormId(Number(e.target.value));
              reset();
            }}
            data-testid="records-form"
          >
            {forms.map((f) => (
              <option key={f.formId} value={f.formId}>
                {f.label} ({formFileName(f.name)})
              </option>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="records-file">{t("formFile")}</Label>
          <input
            id="records-file"
            type="file"
            accept=".csv,text/csv"
            className="text-sm"
            onChange={(e) => {
              setFormFile(e.target.files?.[0] ?? null);
              reset();
            }}
            data-testid="records-file"
          />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="records-group-files">{t("groupFiles")}</Label>
          <input
            id="records-group-files"
            type="file"
            accept=".csv,text/csv"
            multiple
            className="text-sm"
            onChange={(e) => {
              setGroupFiles(Array.from(e.target.files ?? []));
              reset();
            }}
            data-testid="records-group-files"
          />
        </div>
      </div>
      <Button type="button" size="sm" variant="outline" disabled={!form || !formFile || busy} onClick={() => void runCheck()} data-testid="records-check">
        {busy ? t("checking") : t("check")}
      </Button>
      {notice ? (
        <p role="status" className="text-sm text-destructive">
          {notice}
        </p>
      ) : null}
      {check && check.problemCount ? (
        <div role="status" className="space-y-2">
          <p className="text-sm text-destructive">{t("problemCount", { count: check.problemCount })}</p>
          {problemTable(check.problems, check.problemCount, "records-problems")}
        </div>
      ) : null}
      {check && check.warningCount ? (
        <div className="space-y-2">
          <p className="text-sm text-amber-800">{t("warnings", { count: check.warningCount })}</p>
          {problemTable(check.warnings, check.warningCount, "records-warnings")}
        </div>
      ) : null}
      {imported ? (
        <p role="status" className="text-sm text-success" data-testid="records-imported">
          {t("imported", imported)}
        </p>
      ) : null}
      {check && !check.problemCount && files && form ? (
        <div className="space-y-3">
          <p role="status" className="text-sm" data-testid="records-ready">
            {t("ready", { rows: check.rows, create: check.create, change: check.change, unchanged: check.unchanged })}
          </p>
          {check.create + check.change === 0 ? (
            <p className="text-sm text-muted-foreground">{t("nothing")}</p>
          ) : (
            <ActionForm<Imported>
              action={importWith(studyId, form.formId, files)}
              onSuccess={(data) => {
                setCheck(null);
                setFiles(null);
                setImported(data);
                router.refresh();
              }}
            >
              <RequestKeyField />
              {check.warningCount ? <ConfirmSoft label={t("confirmSoft")} /> : null}
              {check.needsReason ? <TextAreaField name="reason" label={t("reason")} hint={t("reasonNeeded")} rows={2} maxLength={500} data-testid="records-reason" /> : null}
              <SubmitButton size="sm" data-testid="records-import">
                {t("import")}
              </SubmitButton>
            </ActionForm>
          )}
        </div>
      ) : null}
    </div>
  );
}

/** The confirmation of the soft-limit warnings, with the import's refusal on it when it was left unticked. */
function ConfirmSoft({ label }: { label: string }) {
  const result = useFormResult();
  const errors = result && !result.ok ? result.fieldErrors?.confirmSoft : undefined;
  return (
    <div className="space-y-1">
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="confirmSoft" className="mt-0.5 size-4" aria-invalid={errors ? true : undefined} aria-describedby={errors ? "confirm-soft-error" : undefined} data-testid="records-confirm-soft" />
        <span>{label}</span>
      </label>
      {errors ? (
        <p id="confirm-soft-error" className="text-xs text-destructive">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** The import action with the checked files: they travel as the command's lists (FormData cannot carry them), the rest as the form sends it. */
function importWith(studyId: number, formId: number, files: Files) {
  return (_state: unknown, fd?: unknown) => {
    const form = fd instanceof FormData ? fd : new FormData();
    const text = (k: string) => (form.has(k) ? { [k]: String(form.get(k)) } : {});
    return importRecordsAction({ studyId, formId, lines: files.lines, groups: files.groups, ...text("reason"), ...text("confirmSoft"), ...text("requestKey") });
  };
}
