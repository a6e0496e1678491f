"use client";

import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { Column } from "@/components/charts/columns";
import { CsvButton } from "@/components/charts/csv-button";
import { DataTable } from "@/components/charts/data-table";

/** A titled table with its CSV export; `empty` replaces the table when there are no rows. */
export function TableCard<T>({
  title,
  caption,
  rows,
  footRows = [],
  columns,
  csvName,
  rowKey,
  testId,
  empty,
  footer,
  sortable,
}: {
  title: string;
  caption: string;
  rows: T[];
  /** Rows kept under the body, unsorted, and exported after it. */
  footRows?: T[];
  columns: Column<T>[];
  csvName: string[];
  rowKey: (row: T) => string;
  testId: string;
  empty: string;
  footer?: React.ReactNode;
  sortable?: boolean;
}) {
  const id = `${testId}-title`;
  return (
    // min-w-0: inside a grid or flex item the card may shrink, so a wide table scrolls inside it instead of widening the page.
    <Card data-testid={testId} aria-labelledby={id} role="region" className="min-w-0">
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle id={id}>{title}</CardTitle>
        {rows.length ? <CsvButton rows={[...rows, ...footRows]} columns={columns} name={csvName} testId={`${testId}-csv`} /> : null}
      </CardHeader>
      <CardContent>
        {rows.length ? (
          <DataTable rows={rows} footRows={footRows} columns={columns} caption={caption} rowKey={rowKey} testId={`${testId}-table`} sortable={sortable} />
        ) : (
          <p className="text-sm text-muted-foreground">{empty}</p>
        )}
        {footer}
      </CardContent>
    </Card>
  );
}
