"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import type { Column } from "@/components/charts/columns";

type Sort = { key: string; dir: "asc" | "desc" } | null;

function compare(a: string | number | null, b: string | number | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

/**
 * A table of already aggregated rows; with `sortable`, every column heading sorts it (the rows
 * are a view's few nodes, so sorting happens in the browser). `footRows` stay below the body,
 * unsorted (a centre's own row and its total under its children's rows).
 */
export function DataTable<T>({
  rows,
  footRows = [],
  columns,
  caption,
  sortable = false,
  initialSort = null,
  rowKey,
  testId,
  captionClassName,
  bare = false,
}: {
  rows: T[];
  footRows?: T[];
  columns: Column<T>[];
  caption: string;
  sortable?: boolean;
  initialSort?: Sort;
  rowKey: (row: T) => string;
  testId?: string;
  captionClassName?: string;
  /** Without the scrolling wrapper (for a table kept only for screen readers). */
  bare?: boolean;
}) {
  const t = useTranslations("dashboard.league");
  const [sort, setSort] = useState<Sort>(initialSort);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const col = columns.find((c) => c.key === sort.key);
    if (!col) return rows;
    const out = [...rows].sort((a, b) => compare(col.value(a), col.value(b)));
    return sort.dir === "asc" ? out : out.reverse();
  }, [rows, columns, sort]);
  const toggle = (key: string) =>
    setSort((s) => (s?.key === key ? { key, dir: s.dir === "asc" ? "desc" : "asc" } : { key, dir: columns.find((c) => c.key === key)?.numeric ? "desc" : "asc" }));

  const Frame = bare ? BareTable : Table;
  return (
    <Frame data-testid={testId}>
      <caption className={cn("pb-2 text-left text-xs text-muted-foreground", captionClassName)}>{caption}</caption>
      <THead>
        <tr>
          {columns.map((c) => {
            const active = sort?.key === c.key;
            return (
              <TH
                key={c.key}
                className={cn("whitespace-nowrap", c.numeric && "text-right", c.className)}
                aria-sort={sortable ? (active ? (sort.dir === "asc" ? "ascending" : "descending") : "none") : undefined}
              >
                {sortable ? (
                  <button
                    type="button"
                    onClick={() => toggle(c.key)}
                    className={cn("inline-flex items-center gap-1 hover:text-foreground", c.numeric && "flex-row-reverse")}
                    aria-label={t("sortBy", { column: c.header })}
                    data-testid={testId ? `${testId}-sort-${c.key}` : undefined}
                  >
                    <span>{c.header}</span>
                    {active ? sort.dir === "asc" ? <ArrowUp className="size-3" aria-hidden /> : <ArrowDown className="size-3" aria-hidden /> : <ArrowUpDown className="size-3 opacity-50" aria-hidden />}
                  </button>
                ) : (
                  c.header
                )}
              </TH>
            );
          })}
        </tr>
      </THead>
      <TBody>
        {sorted.map((r) => (
          <TR key={rowKey(r)}>
            {columns.map((c) => (
              <TD key={c.key} className={cn(c.numeric && "text-right tabular-nums", c.className)}>
                {c.cell ? c.cell(r) : (c.value(r) ?? "—")}
              </TD>
            ))}
          </TR>
        ))}
      </TBody>
      {footRows.length ? (
        <tfoot className="border-t-2 border-border bg-muted/30">
          {footRows.map((r) => (
            <TR key={rowKey(r)}>
              {columns.map((c) => (
                <TD key={c.key} className={cn(c.numeric && "text-right tabular-nums", c.className)}>
                  {c.cell ? c.cell(r) : (c.value(r) ?? "—")}
                </TD>
              ))}
            </TR>
          ))}
        </tfoot>
      ) : null}
    </Frame>
  );
}

function BareTable(props: React.TableHTMLAttributes<HTMLTableElement>) {
  return <table className="w-full text-sm" {...props} />;
}
