"use client";

import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { csvFileName, toCsv } from "@/lib/metrics/csv";
import type { Column } from "@/components/charts/columns";

/** Downloads a table as CSV (UTF-8 with BOM) built in the browser from the rows shown. */
export function CsvButton<T>({ rows, columns, name, testId }: { rows: T[]; columns: Column<T>[]; name: string[]; testId?: string }) {
  const t = useTranslations("common");
  const download = () => {
    const blob = new Blob([toCsv(rows, columns)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = csvFileName(...name);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Button type="button" variant="outline" size="sm" onClick={download} data-testid={testId}>
      <Download className="size-4" aria-hidden />
      {t("exportCsv")}
    </Button>
  );
}
