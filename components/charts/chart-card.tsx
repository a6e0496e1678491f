"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { Column } from "@/components/charts/columns";
import { CsvButton } from "@/components/charts/csv-button";
import { DataTable } from "@/components/charts/data-table";
import { WhenVisible } from "@/components/charts/when-visible";

/**
 * A chart with the table behind it: the picture is hidden from screen readers, which read the
 * table instead (kept in the page, visually hidden until someone asks to see it). The picture
 * is drawn, and its code fetched, only when the card comes into view.
 */
export function ChartCard<T>({
  title,
  summary,
  rows,
  columns,
  csvName,
  rowKey,
  testId,
  children,
  legend,
}: {
  title: string;
  summary: string;
  rows: T[];
  columns: Column<T>[];
  csvName: string[];
  rowKey: (row: T) => string;
  testId: string;
  children: React.ReactNode;
  legend?: React.ReactNode;
}) {
  const t = useTranslations("dashboard.table");
  const [shown, setShown] = useState(false);
  const id = `${testId}-title`;
  return (
    <Card data-testid={testId} role="region" aria-labelledby={id} className="min-w-0">
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle id={id}>{title}</CardTitle>
        <div className="flex gap-2">
          <Button type="button" variant="outline" size="sm" aria-expanded={shown} onClick={() => setShown((s) => !s)} data-testid={`${testId}-toggle`}>
            {shown ? t("hide") : t("show")}
          </Button>
          <CsvButton rows={rows} columns={columns} name={csvName} testId={`${testId}-csv`} />
        </div>
      </CardHeader>
      <CardContent className="space-y-3">
        <p className="text-xs text-muted-foreground">{summary}</p>
        <div aria-hidden className="h-72 w-full min-w-0" data-testid={`${testId}-chart`}>
          <WhenVisible fallback={<div className="h-full w-full rounded-md bg-muted/40" />}>{children}</WhenVisible>
        </div>
        {legend}
        <div className={shown ? "" : "sr-only"}>
          <DataTable rows={rows} columns={columns} caption={title} rowKey={rowKey} testId={`${testId}-table`} bare={!shown} />
        </div>
      </CardContent>
    </Card>
  );
}
