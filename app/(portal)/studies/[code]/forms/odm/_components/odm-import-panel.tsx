"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { RequestKeyField } from "@/components/forms/request-key-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Label } from "@/components/ui/input";
import { importOdmAction } from "@/app/(portal)/studies/[code]/forms/odm/actions";

type Problem = { line: number; element: string; key: string; params?: Record<string, string | number> };
type Check = { problems: Problem[]; forms: { name: string; items: number; groups: number }[] };

/**
 * ODM import: pick a file, see the dry run (every problem by line and element, or the forms it
 * would add), then import it. The file's text is checked by the server both times.
 */
export function OdmImportPanel({ studyId, base, maxBytes }: { studyId: number; base: string; maxBytes: number }) {
  const t = useTranslations("odm.page");
  const tr = useTranslations();
  const router = useRouter();
  const [xml, setXml] = React.useState<string | null>(null);
  const [check, setCheck] = React.useState<Check | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);

  async function onFile(file: File | undefined) {
    setXml(null);
    setCheck(null);
    setError(null);
    if (!file) return;
    if (file.size > maxBytes) {
      setError(t("fileTooLarge", { max: maxBytes / 1024 / 1024 }));
      return;
    }
    setBusy(true);
    try {
      const text = await file.text();
      const res = await fetch(`${base}/odm/check`, { method: "POST", headers: { "Content-Type": "application/xml" }, body: text });
      if (!res.ok) throw new Error(String(res.status));
      const result = (await res.json()) as Check;
      setCheck(result);
      // The command takes the file's lines (each bounded like any text), as the check read them.
      if (!result.problems.length) setXml(text);
    } catch {
      setError(t("checkFailed"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-col gap-1">
        <Label htmlFor="odm-file">{t("file")}</Label>
        <input id="odm-file" type="file" accept=".xml,application/xml,text/xml" className="text-sm" onChange={(e) => void onFile(e.target.files?.[0])} data-testid="odm-file" />
      </div>
      {busy ? <p className="text-sm text-muted-foreground">{t("checking")}</p> : null}
      {error ? (
        <p role="status" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      {check && check.problems.length ? (
        <div role="status" data-testid="odm-problems" className="space-y-2">
          <p className="text-sm text-destructive">{t("problems", { count: check.problems.length })}</p>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b border-border text-left">
                  <th scope="col" className="px-2 py-1">{t("line")}</th>
                  <th scope="col" className="px-2 py-1">{t("element")}</th>
                  <th scope="col" className="px-2 py-1">{t("field")}</th>
                  <th scope="col" className="px-2 py-1">{t("problem")}</th>
                </tr>
              </thead>
              <tbody>
                {check.problems.slice(0, 200).map((p, i) => (
                  <tr key={i} className="border-b border-border last:border-0">
                    <td className="px-2 py-1 tabular-nums">{p.line}</td>
                    <td className="break-all px-2 py-1 font-mono text-xs">{p.element}</td>
                    <td className="px-2 py-1">{p.params?.field ?? ""}</td>
                    <td className="px-2 py-1">{tr(p.key, p.params)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      {check && !check.problems.length && xml ? (
        <ActionForm action={importWith(studyId, xml)} className="space-y-3" successMessage={t("imported", { count: check.forms.length })} onSuccess={() => router.refresh()}>
          <div role="status" className="text-sm" data-testid="odm-ok">
            <p>{t("ready")}</p>
            <ul className="list-disc pl-5">
              {check.forms.map((f) => (
                <li key={f.name}>{t("formLine", { name: f.name, items: f.items, groups: f.groups })}</li>
              ))}
            </ul>
          </div>
          <RequestKeyField />
          <SubmitButton size="sm" data-testid="odm-import">
            {t("import")}
          </SubmitButton>
        </ActionForm>
      ) : null}
    </div>
  );
}

/** The import action with the checked file: its lines travel as the command's `lines`, the request key as the form sends it. */
function importWith(studyId: number, xml: string) {
  return (_state: unknown, fd?: unknown) => {
    const form = fd instanceof FormData ? fd : new FormData();
    const requestKey = form.get("requestKey");
    return importOdmAction({ studyId, lines: xml.split(/\r\n?|\n/), ...(typeof requestKey === "string" && requestKey ? { requestKey } : {}) });
  };
}
