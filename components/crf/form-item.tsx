"use client";

import { useTranslations } from "next-intl";
import type { ItemDef } from "@/lib/crf/design";
import { PathControl } from "@/components/crf/path-control";
import { MissingButtons } from "@/components/crf/missing-buttons";
import { controlId, useCrfForm } from "@/components/crf/crf-form-context";
import { bi } from "@/components/crf/layout";
import { rangeText, valueText } from "@/components/crf/value-text";
import { cn } from "@/lib/utils";

export function useChoiceLabels() {
  const t = useTranslations("crf.entry.controls");
  return { yes: t("yes"), no: t("no"), true: t("true"), false: t("false"), choose: t("choose"), sliderUnset: t("sliderUnset"), clear: t("clear") };
}

/** One item outside a repeating group: label, control with unit and normal range, missing codes, messages. */
export function FormItem({ item, path = item.name }: { item: ItemDef; path?: string }) {
  const s = useCrfForm();
  const t = useTranslations("crf.entry");
  const labels = useChoiceLabels();
  if (!s.shown(path)) return null;
  const id = controlId(path);
  const label = bi(item.label, s.locale);
  const note = bi(item.note, s.locale);
  if (item.type === "descriptive") {
    return (
      <div className="whitespace-pre-line rounded-md bg-muted/60 px-3 py-2 text-sm" data-item={path}>
        {label}
        {note ? <p className="mt-1 text-xs text-muted-foreground">{note}</p> : null}
      </div>
    );
  }
  const error = s.error(path);
  const soft = s.softBreach(path);
  const code = s.missing(path);
  const normal = rangeText(item.softMin, item.softMax);
  // A note that already states the range (a lab's reference interval) is not repeated.
  const range = normal && !note.includes(normal) ? normal : "";
  const ids = { note: `${id}-note`, range: `${id}-range`, error: `${id}-error`, soft: `${id}-soft` };
  const describedBy = [note && ids.note, range && ids.range, error && ids.error, soft && ids.soft].filter(Boolean).join(" ") || undefined;
  const groupish = ["yesno", "truefalse", "radio", "checkbox"].includes(item.type);
  const extras = s.extras?.(path, item);
  return (
    <div className={cn("grid gap-x-4 gap-y-1 border-b border-border/60 py-3 md:grid-cols-[minmax(0,11rem)_minmax(0,1fr)] lg:grid-cols-[minmax(0,16rem)_minmax(0,1fr)]", error && "bg-red-50/50")} data-item={path}>
      <div className="text-sm font-medium">
        {groupish || item.type === "calc" || s.readOnly ? (
          <span id={`${id}-label`}>{item.questionNumber ? `${item.questionNumber} ` : ""}{label}</span>
        ) : (
          <label htmlFor={id} id={`${id}-label`}>
            {item.questionNumber ? `${item.questionNumber} ` : ""}
            {label}
          </label>
        )}
        {item.required ? (
          <span className="text-destructive" title={t("required")}>
            {" *"}
            <span className="sr-only">{t("required")}</span>
          </span>
        ) : null}
      </div>
      <div className="flex min-w-0 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          {item.type === "calc" ? (
            <output id={id} aria-labelledby={`${id}-label`} aria-live="polite" className="min-h-9 min-w-20 rounded-md border border-dashed border-border bg-muted/40 px-3 py-2 text-sm tabular-nums" data-testid={`calc-${path}`}>
              {s.calculated(path) || "—"}
            </output>
          ) : s.readOnly ? (
            <span className="min-h-6 text-sm" data-testid={`value-${path}`}>
              {code ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-950">{t(`missing.codes.${code}`)}</span> : valueText(item, s.value(path), s.locale, labels) || <span className="text-muted-foreground">—</span>}
            </span>
          ) : (
            <PathControl
              item={item}
              id={id}
              path={path}
              disabled={code !== undefined}
              invalid={error !== undefined}
              describedBy={describedBy}
              labels={labels}
            />
          )}
          {item.unit && item.type !== "calc" && !s.readOnly ? <span className="text-sm text-muted-foreground">{item.unit}</span> : null}
          {item.unit && item.type === "calc" ? <span className="text-sm text-muted-foreground">{item.unit}</span> : null}
          {range ? (
            <span id={ids.range} className="text-xs text-muted-foreground">
              {t("normalRange", { range: item.unit ? `${range} ${item.unit}` : range })}
            </span>
          ) : null}
          {!s.readOnly && item.type !== "calc" ? <MissingButtons codes={item.missingCodes} value={code} onChange={(c) => s.setMissing(path, c)} itemLabel={label} /> : null}
        </div>
        {note ? (
          <p id={ids.note} className="text-xs text-muted-foreground">
            {note}
          </p>
        ) : null}
        {error ? (
          <p id={ids.error} className="text-sm text-destructive" data-testid={`error-${path}`}>
            {error}
          </p>
        ) : null}
        {soft && !s.readOnly ? <SoftConfirm path={path} id={ids.soft} message={soft} /> : null}
        {extras}
      </div>
    </div>
  );
}

/** A value outside the normal range is kept only once the user confirms it (the server then raises a query). */
export function SoftConfirm({ path, id, message }: { path: string; id: string; message: string }) {
  const s = useCrfForm();
  const t = useTranslations("crf.entry");
  return (
    <div id={id} className="flex flex-col gap-1 rounded-md bg-amber-50 px-2 py-1 text-sm text-amber-950" data-testid={`soft-${path}`}>
      <span>{message}</span>
      <label className="inline-flex items-center gap-2">
        <input type="checkbox" className="size-4" checked={s.confirmed(path)} onChange={(e) => s.setConfirmed(path, e.target.checked)} data-crf-field="" />
        {t("confirmSoft")}
      </label>
    </div>
  );
}
