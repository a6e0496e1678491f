"use client";

import * as React from "react";
import { useTranslations } from "next-intl";
import { Plus, Trash2 } from "lucide-react";
import { useFormResult } from "@/components/forms/action-form";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";

export type RowColumn = {
  name: string;
  label: string;
  type?: "text" | "number" | "date" | "select";
  options?: { value: string; label: string }[];
  width?: string;
};

/**
 * Repeated rows of a protocol list (arms, criteria …). Each column posts as `name[]`; the
 * pipeline reports a row's error as `name.<index>`, shown under that cell.
 */
export function RowsEditor({ columns, initial, testId }: { columns: RowColumn[]; initial: Record<string, string>[]; testId: string }) {
  const t = useTranslations("studies.protocol");
  const state = useFormResult();
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const nextKey = React.useRef(initial.length);
  const [rows, setRows] = React.useState(() => (initial.length ? initial : [blank(columns)]).map((r, i) => ({ key: i, values: r })));
  const add = () => setRows((rs) => [...rs, { key: ++nextKey.current, values: blank(columns) }]);
  const remove = (key: number) => setRows((rs) => rs.filter((r) => r.key !== key));
  return (
    <div className="space-y-2" data-testid={testId}>
      <ol className="space-y-2">
        {rows.map((row, i) => (
          <li key={row.key} className="flex flex-wrap items-end gap-2 rounded-md border border-border p-2">
            {columns.map((c) => {
              const id = `${testId}-${c.name}-${row.key}`;
              const err = errors[`${c.name}.${i}`];
              const common = {
                id,
                name: `${c.name}[]`,
                defaultValue: row.values[c.name] ?? "",
                "aria-invalid": err ? true : undefined,
                "aria-describedby": err ? `${id}-error` : undefined,
              };
              return (
                <div key={c.name} className={c.width ?? "min-w-40 flex-1"}>
                  <Label htmlFor={id} className="text-xs">
                    {c.label}
                  </Label>
                  {c.type === "select" ? (
                    <Select {...common}>
                      {(c.options ?? []).map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </Select>
                  ) : (
                    <Input {...common} type={c.type ?? "text"} min={c.type === "number" ? 1 : undefined} />
                  )}
                  {err ? (
                    <p id={`${id}-error`} className="text-xs text-destructive">
                      {err.join(" ")}
                    </p>
                  ) : null}
                </div>
              );
            })}
            <Button type="button" variant="ghost" size="sm" onClick={() => remove(row.key)} aria-label={t("removeRow", { n: i + 1 })}>
              <Trash2 className="size-4" aria-hidden />
            </Button>
          </li>
        ))}
      </ol>
      <Button type="button" variant="outline" size="sm" onClick={add}>
        <Plus className="size-4" aria-hidden />
        {t("addRow")}
      </Button>
      {errors._form ? <p className="text-sm text-destructive">{errors._form.join(" ")}</p> : null}
    </div>
  );
}

function blank(columns: RowColumn[]): Record<string, string> {
  return Object.fromEntries(columns.map((c) => [c.name, c.type === "select" ? (c.options?.[0]?.value ?? "") : c.type === "number" ? "1" : ""]));
}
