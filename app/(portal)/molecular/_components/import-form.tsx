"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import * as React from "react";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/result";
import type { ImportOutcome } from "@/lib/molecular/commands/import-results";
import { importResultsAction } from "@/app/(portal)/molecular/actions";

const MSI = ["msi_h", "msi_l", "mss"] as const;
const HER2 = ["0", "1+", "2+", "3+"] as const;
const NUMBERS = ["tmb", "pdl1Tps", "pdl1Cps"] as const;

/** A file's lines as the command takes them: blank lines kept (as null) so line numbers stay the file's. */
function linesOf(text: string): (string | null)[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => (l.trim() === "" ? null : l));
}

/**
 * The lab's result import: the file is read in the browser and sent as lines with the
 * biomarker values; "Check" is a dry run answering every problem by line, "Import" writes all
 * or nothing and opens the report.
 */
export function ImportForm({ orderId }: { orderId: number }) {
  const t = useTranslations("molecular");
  const router = useRouter();
  const [format, setFormat] = React.useState<"vcf" | "table">("vcf");
  const [lines, setLines] = React.useState<(string | null)[]>([]);
  const [fileName, setFileName] = React.useState("");
  const [values, setValues] = React.useState<Record<string, string>>({});
  const [pending, setPending] = React.useState(false);
  const [result, setResult] = React.useState<ActionResult<ImportOutcome> | null>(null);

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setResult(null);
    if (!f) return setLines([]);
    setFileName(f.name);
    if (/\.vcf$/i.test(f.name)) setFormat("vcf");
    else if (/\.(tsv|csv|txt)$/i.test(f.name)) setFormat("table");
    setLines(linesOf(await f.text()));
  };
  const run = async (dryRun: boolean) => {
    if (pending) return;
    setPending(true);
    const input: Record<string, unknown> = { orderId, format, lines, dryRun };
    for (const [k, v] of Object.entries(values)) if (v.trim() !== "") input[k] = v.trim();
    const r = await importResultsAction(input);
    setPending(false);
    setResult(r);
    if (r.ok && !r.data.dryRun) {
      router.push(`/molecular/${orderId}`);
      router.refresh();
    }
  };
  const set = (k: string) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setResult(null);
    setValues((v) => ({ ...v, [k]: e.target.value }));
  };
  const fieldErrors = result && !result.ok ? result.fieldErrors ?? {} : {};
  const err = (k: string) => (fieldErrors[k] ? <p id={`imp-${k}-error`} className="text-xs text-destructive">{fieldErrors[k].join(" ")}</p> : null);
  const described = (k: string) => (fieldErrors[k] ? { "aria-invalid": true, "aria-describedby": `imp-${k}-error` } : {});

  return (
    <div className="space-y-4" aria-busy={pending}>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <Label htmlFor="imp-file">{t("import.file")}</Label>
          <Input id="imp-file" type="file" accept=".vcf,.tsv,.csv,.txt,text/plain" onChange={onFile} aria-describedby="imp-file-hint" data-testid="result-file" />
          <p id="imp-file-hint" className="text-xs text-muted-foreground">{fileName ? `${fileName} · ${lines.length}` : t("import.fileHint")}</p>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="imp-format">{t("import.format")}</Label>
          <Select id="imp-format" value={format} onChange={(e) => setFormat(e.target.value === "table" ? "table" : "vcf")}>
            <option value="vcf">{t("import.formats.vcf")}</option>
            <option value="table">{t("import.formats.table")}</option>
          </Select>
        </div>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("import.biomarkers")}</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          {NUMBERS.map((k) => (
            <div key={k} className="flex flex-col gap-1">
              <Label htmlFor={`imp-${k}`}>{t(`biomarkerKinds.${k === "tmb" ? "tmb" : k === "pdl1Tps" ? "pdl1_tps" : "pdl1_cps"}`)}</Label>
              <Input id={`imp-${k}`} inputMode="decimal" value={values[k] ?? ""} onChange={set(k)} {...described(k)} />
              {err(k)}
            </div>
          ))}
          <div className="flex flex-col gap-1">
            <Label htmlFor="imp-msiStatus">{t("biomarkerKinds.msi")}</Label>
            <Select id="imp-msiStatus" value={values.msiStatus ?? ""} onChange={set("msiStatus")}>
              <option value="">{t("import.notSet")}</option>
              {MSI.map((m) => <option key={m} value={m}>{t(`biomarkerValues.${m}`)}</option>)}
            </Select>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="imp-her2Ihc">{t("biomarkerKinds.her2_ihc")}</Label>
            <Select id="imp-her2Ihc" value={values.her2Ihc ?? ""} onChange={set("her2Ihc")}>
              <option value="">{t("import.notSet")}</option>
              {HER2.map((m) => <option key={m} value={m}>{t(`biomarkerValues.${m.replace("+", "plus")}`)}</option>)}
            </Select>
          </div>
        </div>
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" disabled={pending} onClick={() => run(true)} data-testid="dry-run">{t("import.check")}</Button>
        <Button type="button" disabled={pending} onClick={() => run(false)} data-testid="import">{t("import.import")}</Button>
      </div>
      <div aria-live="polite">
        {result && !result.ok ? <p role="status" data-testid="form-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-destructive">{result.message}</p> : null}
        {result?.ok && result.data.dryRun ? <DryRun outcome={result.data} /> : null}
      </div>
    </div>
  );
}

function DryRun({ outcome }: { outcome: ImportOutcome }) {
  const t = useTranslations("molecular");
  return (
    <div className="space-y-2 text-sm" data-testid="dry-run-result">
      <p role="status">{t("import.checked", { variants: outcome.variants.length, biomarkers: outcome.biomarkers, problems: outcome.problems.length })}</p>
      {outcome.problems.length ? (
        <div>
          <h2 className="font-medium">{t("import.problemsHeading")}</h2>
          <ul className="mt-1 space-y-1" data-testid="problems">
            {outcome.problems.map((p, i) => (
              <li key={i}>
                <span className="font-mono">{t("import.line", { line: p.line })}</span>: {t(`problems.${p.code}`, { value: p.value ?? "" })}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-success">{t("import.clean")}</p>
      )}
      {outcome.hereditaryRisk ? <p className="text-destructive">{t("import.hereditary")}</p> : null}
      {outcome.variants.length ? (
        <div>
          <h2 className="font-medium">{t("import.preview")}</h2>
          <ul className="mt-1 space-y-0.5 font-mono text-xs">
            {outcome.variants.slice(0, 50).map((v, i) => (
              <li key={i}>
                {t("import.line", { line: v.line })}: {v.partnerGene ? `${v.partnerGene}::${v.gene}` : v.gene} {v.hgvsP ?? v.hgvsC ?? t(`variantTypes.${v.variantType}`)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
