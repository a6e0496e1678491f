"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/input";
import type { DictionaryProblem, DictionaryRow } from "@/lib/crf/dictionary/columns";
import { parseDictionaryCsv } from "@/lib/crf/dictionary/csv";
import { AmendmentInputs } from "@/app/(portal)/studies/[code]/forms/_components/amendment-inputs";
import { importDictionaryAction } from "@/app/(portal)/studies/[code]/forms/actions";

type Check = { problems: DictionaryProblem[]; forms: { name: string; items: number }[] };

/**
 * REDCap data dictionary: download the study's forms as the 18-column CSV; upload one, see the
 * dry run (every problem by row, or the forms it would create), then import it.
 */
export function DictionaryPanel({ studyId, base, editable, amend }: { studyId: number; base: string; editable: boolean; amend: boolean }) {
  const t = useTranslations("crf.designer.dictionary");
  const tr = useTranslations();
  const router = useRouter();
  const [rows, setRows] = React.useState<DictionaryRow[] | null>(null);
  const [check, setCheck] = React.useState<Check | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [failed, setFailed] = React.useState(false);

  async function onFile(file: File | undefined) {
    setRows(null);
    setCheck(null);
    setFailed(false);
    if (!file) return;
    setBusy(true);
    try {
      const parsed = parseDictionaryCsv(await file.text());
      if (parsed.problems.length) {
        setCheck({ problems: parsed.problems, forms: [] });
        return;
      }
      const res = await fetch(`${base}/dictionary/check`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ rows: parsed.rows }) });
      if (!res.ok) throw new Error(String(res.status));
      const result = (await res.json()) as Check;
      setCheck(result);
      if (!result.problems.length) setRows(parsed.rows);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      <Button asChild variant="outline" size="sm">
        <a href={`${base}/dictionary`} download data-testid="export-dictionary">
          {t("export")}
        </a>
      </Button>
      {editable ? (
        <div className="space-y-3">
          <div className="flex flex-col gap-1">
            <Label htmlFor="dictionary-file">{t("file")}</Label>
            <input id="dictionary-file" type="file" accept=".csv,text/csv" className="text-sm" onChange={(e) => void onFile(e.target.files?.[0])} data-testid="dictionary-file" />
          </div>
          {busy ? <p className="text-sm text-muted-foreground">{t("checking")}</p> : null}
          {failed ? (
            <p role="status" className="text-sm text-destructive">
              {t("checkFailed")}
            </p>
          ) : null}
          {check && check.problems.length ? (
            <div role="status" data-testid="dictionary-problems" className="space-y-2">
              <p className="text-sm text-destructive">{t("problems", { count: check.problems.length })}</p>
              <table className="w-full text-sm">
                <thead>
                  <tr className="border-b border-border text-left">
                    <th scope="col" className="px-2 py-1">{t("row")}</th>
                    <th scope="col" className="px-2 py-1">{t("column")}</th>
                    <th scope="col" className="px-2 py-1">{t("problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {check.problems.slice(0, 200).map((p, i) => (
                    <tr key={i} className="border-b border-border last:border-0">
                      <td className="px-2 py-1 tabular-nums">{p.row}</td>
                      <td className="px-2 py-1">{p.column}</td>
                      <td className="px-2 py-1">{tr(p.key, p.params)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {check && !check.problems.length && rows ? (
            <ActionForm action={importWith(studyId, rows)} className="space-y-3" successMessage={t("imported")} onSuccess={() => router.refresh()}>
              <p role="status" className="text-sm" data-testid="dictionary-ok">
                {t("ready", { forms: check.forms.map((f) => t("formItems", { name: f.name, count: f.items })).join(", ") })}
              </p>
              <AmendmentInputs needed={amend} idPrefix="dictionary" />
              <SubmitButton size="sm" data-testid="import-dictionary">
                {amend ? t("importAmendment") : t("import")}
              </SubmitButton>
            </ActionForm>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/**
 * The import action with the checked rows: they travel as the command's `rows` list (FormData
 * cannot carry them), the amendment fields as the form sends them.
 */
function importWith(studyId: number, rows: DictionaryRow[]) {
  return (_state: unknown, fd?: unknown) => {
    const form = fd instanceof FormData ? fd : new FormData();
    const amendment = Object.fromEntries(["amendmentDate", "amendmentReason"].flatMap((k) => (form.has(k) ? [[k, String(form.get(k))]] : [])));
    return importDictionaryAction({ studyId, rows, ...amendment });
  };
}
