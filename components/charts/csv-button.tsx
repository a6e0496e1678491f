"use client";

import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { Column } from "@/components/charts/columns";

/**
 * Downloads a table as CSV (UTF-8 with BOM) built in the browser from the rows shown. The CSV
 * writer (papaparse) is fetched on the first click, not with the page.
 */
export function CsvButton<T>({ rows, columns, name, testId }: { rows: T[]; columns: Column<T>[]; name: string[]; testId?: string }) {
  const t = useTranslations("common");
  const download = async () => {
    const { csvFileName, toCsv } = await import("@/lib/metrics/csv");
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
    <Button type="button" variant="outline" size="sm" onClick={() => void download()} data-testid={testId}>
      <Download className="size-4" aria-hidden />
      {t("exportCsv")}
    </Button>
  );
}
