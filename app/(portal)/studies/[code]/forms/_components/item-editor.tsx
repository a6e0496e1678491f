"use client";

import * as React from "react";
import { useTranslations } from "next-intl";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input, Label, Select, Textarea } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/actions/result";
import { CHOICE_TYPES } from "@/lib/crf/design";
import type { ExpressionError } from "@/lib/crf/expressions";
import { CRF_ITEM_TYPES, CRF_MISSING_CODES, CRF_VALIDATION_TYPES, type CrfItemType, type CrfValidationType } from "@/lib/enums";
import { ExpressionInput } from "@/app/(portal)/studies/[code]/forms/_components/expression-input";
import { TYPES_WITH_LIMITS, TYPES_WITH_UNIT, type ItemDraft } from "@/app/(portal)/studies/[code]/forms/_components/item-draft";

type Props = {
  draft: ItemDraft;
  onChange: (d: ItemDraft) => void;
  branchingErrors: ExpressionError[];
  calculationErrors: ExpressionError[];
  fieldErrors: FieldErrors;
};

function Field({ id, label, error, children }: { id: string; label: string; error?: string[]; children: (aria: Record<string, unknown>) => React.ReactNode }) {
  const errId = `${id}-error`;
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>{label}</Label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": error ? errId : undefined })}
      {error ? (
        <p id={errId} className="text-xs text-destructive">
          {error.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** Every property of one item, in both languages; branching and calculation checked as typed. */
export function ItemEditor({ draft, onChange, branchingErrors, calculationErrors, fieldErrors }: Props) {
  const t = useTranslations("crf.designer");
  const set = <K extends keyof ItemDraft>(k: K, v: ItemDraft[K]) => onChange({ ...draft, [k]: v });
  const text = (k: keyof ItemDraft & string, label: string, o: { multiline?: boolean; mono?: boolean } = {}) => (
    <Field id={`item-${k}`} label={label} error={fieldErrors[k]}>
      {(aria) =>
        o.multiline ? (
          <Textarea {...aria} rows={2} value={draft[k] as string} onChange={(e) => set(k, e.target.value as never)} />
        ) : (
          <Input {...aria} className={o.mono ? "font-mono" : undefined} autoComplete="off" value={draft[k] as string} onChange={(e) => set(k, e.target.value as never)} />
        )
      }
    </Field>
  );
  const hasChoices = CHOICE_TYPES.includes(draft.type);
  const choiceError = fieldErrors.choices ?? fieldErrors.choiceCode;
  return (
    <div className="space-y-4" data-testid="item-editor">
      <div className="grid gap-3 md:grid-cols-3">
        {text("name", t("item.name"), { mono: true })}
        <Field id="item-type" label={t("item.type")} error={fieldErrors.type}>
          {(aria) => (
            <Select {...aria} value={draft.type} onChange={(e) => set("type", e.target.value as CrfItemType)}>
              {CRF_ITEM_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`types.${ty}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {draft.type === "text" ? (
          <Field id="item-validation" label={t("item.validation")} error={fieldErrors.validation}>
            {(aria) => (
              <Select {...aria} value={draft.validation} onChange={(e) => set("validation", e.target.value as CrfValidationType | "")}>
                <option value="">{t("item.noValidation")}</option>
                {CRF_VALIDATION_TYPES.map((v) => (
                  <option key={v} value={v}>
                    {t(`validations.${v}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ) : null}
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        {text("labelZh", t("item.labelZh"), { multiline: true })}
        {text("labelEn", t("item.labelEn"), { multiline: true })}
        {text("noteZh", t("item.noteZh"))}
        {text("noteEn", t("item.noteEn"))}
      </div>
      <fieldset className="grid gap-3 rounded-md border border-border p-3 md:grid-cols-2">
        <legend className="px-1 text-sm font-medium">{t("item.section")}</legend>
        <p className="text-xs text-muted-foreground md:col-span-2">{t("item.sectionHint")}</p>
        {text("sectionZh", t("item.sectionZh"))}
        {text("sectionEn", t("item.sectionEn"))}
      </fieldset>
      {hasChoices ? (
        <fieldset className="space-y-2 rounded-md border border-border p-3" aria-describedby={choiceError ? "choices-error" : undefined}>
          <legend className="px-1 text-sm font-medium">{t("item.choices")}</legend>
          {draft.choices.map((c, i) => (
            <div key={i} className="grid grid-cols-[5rem_1fr_1fr_auto] items-end gap-2">
              {(["code", "zh", "en"] as const).map((k) => (
                <div key={k} className="flex flex-col gap-1">
                  <Label htmlFor={`choice-${i}-${k}`} className="text-xs">
                    {t(`item.choice.${k}`, { n: i + 1 })}
                  </Label>
                  <Input
                    id={`choice-${i}-${k}`}
                    value={c[k]}
                    className={k === "code" ? "font-mono" : undefined}
                    onChange={(e) => set("choices", draft.choices.map((x, j) => (j === i ? { ...x, [k]: e.target.value } : x)))}
                  />
                </div>
              ))}
              <Button type="button" variant="ghost" size="sm" aria-label={t("item.removeChoice", { n: i + 1 })} onClick={() => set("choices", draft.choices.filter((_, j) => j !== i))}>
                <Trash2 className="size-4" aria-hidden />
              </Button>
            </div>
          ))}
          <Button type="button" variant="outline" size="sm" onClick={() => set("choices", [...draft.choices, { code: String(draft.choices.length + 1), zh: "", en: "" }])} data-testid="add-choice">
            <Plus className="size-4" aria-hidden />
            {t("item.addChoice")}
          </Button>
          {choiceError ? (
            <p id="choices-error" className="text-xs text-destructive">
              {choiceError.join(" ")}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      {draft.type === "radio" || draft.type === "checkbox" ? (
        <fieldset className="grid gap-3 rounded-md border border-border p-3 md:grid-cols-2" data-testid="matrix-settings">
          <legend className="px-1 text-sm font-medium">{t("item.matrix")}</legend>
          <p className="text-xs text-muted-foreground md:col-span-2">{t("item.matrixHint")}</p>
          {text("matrixGroup", t("item.matrixGroup"), { mono: true })}
          <div className="flex items-end gap-2 pb-2">
            <input id="item-matrixRanking" type="checkbox" className="size-4" checked={draft.matrixRanking} disabled={draft.matrixGroup.trim() === ""} onChange={(e) => set("matrixRanking", e.target.checked)} />
            <Label htmlFor="item-matrixRanking">{t("item.matrixRanking")}</Label>
          </div>
        </fieldset>
      ) : null}
      {draft.type === "slider" ? (
        <fieldset className="grid gap-3 rounded-md border border-border p-3 md:grid-cols-2" data-testid="slider-settings">
          <legend className="px-1 text-sm font-medium">{t("item.slider")}</legend>
          <p className="text-xs text-muted-foreground md:col-span-2">{t("item.sliderHint")}</p>
          {text("sliderLeftZh", t("item.sliderLeftZh"))}
          {text("sliderLeftEn", t("item.sliderLeftEn"))}
          {text("sliderMiddleZh", t("item.sliderMiddleZh"))}
          {text("sliderMiddleEn", t("item.sliderMiddleEn"))}
          {text("sliderRightZh", t("item.sliderRightZh"))}
          {text("sliderRightEn", t("item.sliderRightEn"))}
          <div className="flex items-center gap-2">
            <input id="item-sliderShowNumber" type="checkbox" className="size-4" checked={draft.sliderShowNumber} onChange={(e) => set("sliderShowNumber", e.target.checked)} />
            <Label htmlFor="item-sliderShowNumber">{t("item.sliderShowNumber")}</Label>
          </div>
        </fieldset>
      ) : null}
      <div className="grid gap-3 md:grid-cols-4">
        {TYPES_WITH_UNIT.includes(draft.type) ? text("unit", t("item.unit")) : null}
        {draft.type === "decimal" ? (
          <Field id="item-decimalPlaces" label={t("item.decimalPlaces")} error={fieldErrors.decimalPlaces}>
            {(aria) => (
              <Select {...aria} value={draft.decimalPlaces} onChange={(e) => set("decimalPlaces", e.target.value)}>
                <option value="">{t("item.anyDecimals")}</option>
                {[0, 1, 2, 3, 4].map((n) => (
                  <option key={n} value={String(n)}>
                    {n}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ) : null}
        <div className="flex items-end gap-2 pb-2">
          <input id="item-required" type="checkbox" className="size-4" checked={draft.required} onChange={(e) => set("required", e.target.checked)} />
          <Label htmlFor="item-required">{t("item.required")}</Label>
        </div>
      </div>
      {TYPES_WITH_LIMITS.includes(draft.type) ? (
        <fieldset className="grid gap-3 rounded-md border border-border p-3 md:grid-cols-4">
          <legend className="px-1 text-sm font-medium">{t("item.limits")}</legend>
          <p className="text-xs text-muted-foreground md:col-span-4">{t("item.limitsHint")}</p>
          {text("hardMin", t("item.hardMin"), { mono: true })}
          {text("softMin", t("item.softMin"), { mono: true })}
          {text("softMax", t("item.softMax"), { mono: true })}
          {text("hardMax", t("item.hardMax"), { mono: true })}
        </fieldset>
      ) : null}
      <fieldset className="flex flex-wrap gap-4 rounded-md border border-border p-3">
        <legend className="px-1 text-sm font-medium">{t("item.missingCodes")}</legend>
        {CRF_MISSING_CODES.map((code) => (
          <span key={code} className="flex items-center gap-2">
            <input
              id={`missing-${code}`}
              type="checkbox"
              className="size-4"
              checked={draft.missingCodes.includes(code)}
              onChange={(e) => set("missingCodes", e.target.checked ? [...draft.missingCodes, code] : draft.missingCodes.filter((m) => m !== code))}
            />
            <Label htmlFor={`missing-${code}`} className="font-normal">
              {t(`missing.${code}`)}
            </Label>
          </span>
        ))}
      </fieldset>
      <ExpressionInput
        id="branching"
        label={t("item.branching")}
        hint={t("item.branchingHint")}
        value={draft.branchingLogic}
        onChange={(v) => set("branchingLogic", v)}
        errors={branchingErrors}
        serverErrors={fieldErrors.branchingLogic}
      />
      {draft.type === "calc" ? (
        <ExpressionInput
          id="calculation"
          label={t("item.calculation")}
          hint={t("item.calculationHint")}
          value={draft.calculation}
          onChange={(v) => set("calculation", v)}
          errors={calculationErrors}
          serverErrors={fieldErrors.calculation}
        />
      ) : null}
    </div>
  );
}
