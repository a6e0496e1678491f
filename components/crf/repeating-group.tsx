"use client";

import { useTranslations } from "next-intl";
import { Plus, Trash2 } from "lucide-react";
import type { ItemDef } from "@/lib/crf/design";
import type { GroupDef } from "@/lib/crf/entry/types";
import { itemPath } from "@/lib/crf/entry/paths";
import { Button } from "@/components/ui/button";
import { PathControl } from "@/components/crf/path-control";
import { MissingButtons } from "@/components/crf/missing-buttons";
import { controlId, useCrfForm } from "@/components/crf/crf-form-context";
import { useChoiceLabels, SoftConfirm } from "@/components/crf/form-item";
import { bi } from "@/components/crf/layout";
import { rangeText, valueText } from "@/components/crf/value-text";

/** A repeating group as a table: one row per entry (a lesion, a dose), rows added and removed in place. */
export function RepeatingGroup({ group, items, rows }: { group: GroupDef; items: ItemDef[]; rows: number }) {
  const s = useCrfForm();
  const t = useTranslations("crf.entry.group");
  const labels = useChoiceLabels();
  const columns = items.filter((i) => i.type !== "descriptive");
  const title = bi(group.label, s.locale);
  const extrasOf = (path: string, item: ItemDef) => s.extras?.(path, item);
  return (
    <section className="space-y-2 py-3" aria-labelledby={`g-${group.name}`} data-group={group.name}>
      <h4 id={`g-${group.name}`} className="text-sm font-semibold">
        {title}
      </h4>
      <div className="w-full overflow-x-auto rounded-md border border-border">
        <table className="w-full text-sm">
          <caption className="sr-only">{title}</caption>
          <thead className="bg-muted/60">
            <tr>
              <th scope="col" className="w-10 px-2 py-2 text-left font-medium text-muted-foreground">
                #
              </th>
              {columns.map((c) => (
                <th key={c.name} scope="col" className="px-2 py-2 text-left font-medium text-muted-foreground">
                  {bi(c.label, s.locale)}
                  {c.required ? <span className="text-destructive"> *</span> : null}
                  {c.unit ? <span className="block text-xs font-normal">{c.unit}</span> : null}
                  {rangeText(c.softMin, c.softMax) ? <span className="block text-xs font-normal">{rangeText(c.softMin, c.softMax)}</span> : null}
                </th>
              ))}
              {s.readOnly ? null : (
                <th scope="col" className="w-12 px-2 py-2">
                  <span className="sr-only">{t("actions")}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {rows === 0 ? (
              <tr>
                <td colSpan={columns.length + 2} className="px-2 py-3 text-muted-foreground">
                  {t("empty")}
                </td>
              </tr>
            ) : null}
            {Array.from({ length: rows }, (_, i) => i + 1).map((row) => (
              <tr key={row} data-row={row}>
                <td className="px-2 py-2 align-top tabular-nums">{row}</td>
                {columns.map((c) => {
                  const path = itemPath(c.name, { name: group.name, row });
                  const id = controlId(path);
                  const error = s.error(path);
                  const soft = s.softBreach(path);
                  const code = s.missing(path);
                  const cellLabel = t("cell", { item: bi(c.label, s.locale), row });
                  if (!s.shown(path)) return <td key={c.name} className="px-2 py-2" />;
                  return (
                    <td key={c.name} className="space-y-1 px-2 py-2 align-top" data-item={path}>
                      {c.type === "calc" ? (
                        <output id={id} aria-label={cellLabel} className="block min-h-9 py-2 tabular-nums" data-testid={`calc-${path}`}>
                          {s.calculated(path) || "—"}
                        </output>
                      ) : s.readOnly ? (
                        <span data-testid={`value-${path}`}>{code ? t("missingCode", { code }) : valueText(c, s.value(path), s.locale, labels)}</span>
                      ) : (
                        <PathControl
                          item={c}
                          id={id}
                          ariaLabel={cellLabel}
                          path={path}
                          disabled={code !== undefined}
                          invalid={error !== undefined}
                          describedBy={[error && `${id}-error`, soft && `${id}-soft`].filter(Boolean).join(" ") || undefined}
                          labels={labels}
                        />
                      )}
                      {!s.readOnly && c.type !== "calc" ? <MissingButtons codes={c.missingCodes} value={code} onChange={(m) => s.setMissing(path, m)} itemLabel={cellLabel} /> : null}
                      {error ? (
                        <p id={`${id}-error`} className="text-xs text-destructive" data-testid={`error-${path}`}>
                          {error}
                        </p>
                      ) : null}
                      {soft && !s.readOnly ? <SoftConfirm path={path} id={`${id}-soft`} message={soft} /> : null}
                      {extrasOf(path, c)}
                    </td>
                  );
                })}
                {s.readOnly ? null : (
                  <td className="px-2 py-2 align-top">
                    <Button type="button" variant="ghost" size="sm" aria-label={t("remove", { row })} onClick={() => s.removeRow(group.name, row)}>
                      <Trash2 className="size-4" aria-hidden />
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {s.error(group.name) ? (
        <p className="text-sm text-destructive" data-testid={`error-${group.name}`}>
          {s.error(group.name)}
        </p>
      ) : null}
      {s.readOnly ? null : (
        <Button type="button" variant="outline" size="sm" disabled={rows >= group.maxRows} onClick={() => s.addRow(group.name)} data-testid={`add-row-${group.name}`}>
          <Plus className="size-4" aria-hidden />
          {t("add")}
        </Button>
      )}
    </section>
  );
}
