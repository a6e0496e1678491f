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
    <Card data-testid={testId} aria-labelledby={id} role="region">
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle id={id}>{title}</CardTitle>
        {rows.length ? <CsvButton rows={rows} columns={columns} name={csvName} testId={`${testId}-csv`} /> : null}
      </CardHeader>
      <CardContent>
        {rows.length ? (
          <DataTable rows={rows} columns={columns} caption={caption} rowKey={rowKey} testId={`${testId}-table`} sortable={sortable} />
        ) : (
          <p className="text-sm text-muted-foreground">{empty}</p>
        )}
        {footer}
      </CardContent>
    </Card>
  );
}
