"use client";

import * as React from "react";
import type { ItemDef } from "@/lib/crf/design";
import type { ItemValue } from "@/lib/crf/entry/types";
import { Input, Select, Textarea } from "@/components/ui/input";
import { cn } from "@/lib/utils";
import { bi } from "@/components/crf/layout";

export type ControlProps = {
  item: ItemDef;
  /** The input's id (its label points at it) and its accessible description. */
  id: string;
  value: ItemValue | undefined;
  onChange: (v: ItemValue) => void;
  onBlur?: () => void;
  locale: string;
  /** A missing-data code is set: the answer is cleared and the input disabled. */
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
  /** The accessible name when there is no visible label (a cell of a repeating group). */
  ariaLabel?: string;
  /** The label texts of the choices' own controls. */
  labels: { yes: string; no: string; true: string; false: string; choose: string; sliderUnset: string; clear: string };
};

/** Every entry control carries this attribute: Enter moves to the next one (components/crf/enter-to-next.ts). */
export const FIELD_ATTR = "data-crf-field";

const text = (v: ItemValue | undefined): string => (typeof v === "string" ? v : "");

/** The control of one item, by type: what the user types or picks, as the stored text. */
export function ItemControl(p: ControlProps) {
  const { item } = p;
  const common = {
    id: p.id,
    [FIELD_ATTR]: "",
    disabled: p.disabled,
    "aria-invalid": p.invalid || undefined,
    "aria-describedby": p.describedBy,
    "aria-label": p.ariaLabel,
    "aria-required": item.required || undefined,
    onBlur: p.onBlur,
  };
  const onText = (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => p.onChange(e.target.value);
  switch (item.type) {
    case "longtext":
      return <Textarea {...common} rows={3} maxLength={10_000} value={text(p.value)} onChange={onText} />;
    case "integer":
      return <Input {...common} inputMode="numeric" autoComplete="off" className="w-36" value={text(p.value)} onChange={onText} />;
    case "decimal":
      return <Input {...common} inputMode="decimal" autoComplete="off" className="w-36" value={text(p.value)} onChange={onText} />;
    case "date":
      return <Input {...common} type="date" className="w-44" value={text(p.value)} onChange={onText} />;
    case "datetime":
      return <Input {...common} type="datetime-local" className="w-56" value={text(p.value).replace(" ", "T")} onChange={(e) => p.onChange(e.target.value.replace("T", " "))} />;
    case "time":
      return <Input {...common} type="time" className="w-32" value={text(p.value)} onChange={onText} />;
    case "yesno":
    case "truefalse": {
      const [one, zero] = item.type === "yesno" ? [p.labels.yes, p.labels.no] : [p.labels.true, p.labels.false];
      return <RadioChoices {...p} common={common} choices={[{ code: "1", label: one }, { code: "0", label: zero }]} />;
    }
    case "radio":
      return <RadioChoices {...p} common={common} choices={item.choices.map((c) => ({ code: c.code, label: bi(c.label, p.locale) }))} />;
    case "dropdown":
      return (
        <Select {...common} className="w-auto min-w-44 max-w-full" value={text(p.value)} onChange={onText}>
          <option value="">{p.labels.choose}</option>
          {item.choices.map((c) => (
            <option key={c.code} value={c.code}>
              {bi(c.label, p.locale)}
            </option>
          ))}
        </Select>
      );
    case "checkbox":
      return <CheckboxChoices {...p} common={common} />;
    case "slider":
      return <Slider {...p} common={common} />;
    case "calc":
    case "descriptive":
      return null;
    default: {
      const kind = item.validation;
      const numeric = kind === "integer" || kind?.startsWith("number");
      if (kind?.startsWith("date_")) return <Input {...common} type="date" className="w-44" value={text(p.value)} onChange={onText} />;
      if (kind === "time") return <Input {...common} type="time" className="w-32" value={text(p.value)} onChange={onText} />;
      return (
        <Input
          {...common}
          inputMode={numeric ? "decimal" : kind === "mobile_cn" || kind === "phone" ? "tel" : kind === "email" ? "email" : undefined}
          type={kind === "email" ? "email" : "text"}
          autoComplete="off"
          maxLength={2000}
          className={numeric ? "w-36" : undefined}
          value={text(p.value)}
          onChange={onText}
        />
      );
    }
  }
}

type Common = Record<string, unknown>;

/** The box of a radio or checkbox group: named by the item's label (or `ariaLabel` in a table cell), choices in a row or, for a vertical alignment, a column. */
const choiceGroup = (p: ControlProps) => ({
  id: p.id,
  "aria-labelledby": p.ariaLabel ? undefined : `${p.id}-label`,
  "aria-label": p.ariaLabel,
  "aria-describedby": p.describedBy,
  className: cn("flex flex-wrap gap-x-4 gap-y-1", p.item.alignment?.endsWith("V") && "flex-col"),
});

/** Radio buttons in a group named by the item's label: arrow keys move between choices, Tab leaves the group. */
function RadioChoices(p: ControlProps & { common: Common; choices: { code: string; label: string }[] }) {
  const value = text(p.value);
  const name = `r-${p.id}`;
  return (
    <div role="radiogroup" {...choiceGroup(p)} aria-invalid={p.invalid || undefined} aria-required={p.item.required || undefined}>
      {p.choices.map((c) => (
        <label key={c.code} className="inline-flex min-h-9 items-center gap-2 text-sm">
          <input
            type="radio"
            name={name}
            value={c.code}
            checked={value === c.code}
            {...{ [FIELD_ATTR]: "" }}
            disabled={p.disabled}
            onBlur={p.onBlur}
            onChange={() => p.onChange(c.code)}
            className="size-4 accent-[var(--color-primary)]"
          />
          {c.label}
        </label>
      ))}
    </div>
  );
}

function CheckboxChoices(p: ControlProps & { common: Common }) {
  const ticked = Array.isArray(p.value) ? p.value : [];
  return (
    <div role="group" {...choiceGroup(p)}>
      {p.item.choices.map((c) => (
        <label key={c.code} className="inline-flex min-h-9 items-center gap-2 text-sm">
          <input
            type="checkbox"
            value={c.code}
            checked={ticked.includes(c.code)}
            {...{ [FIELD_ATTR]: "" }}
            disabled={p.disabled}
            onBlur={p.onBlur}
            onChange={(e) => p.onChange(e.target.checked ? [...ticked, c.code] : ticked.filter((x) => x !== c.code))}
            className="size-4 accent-[var(--color-primary)]"
          />
          {bi(c.label, p.locale)}
        </label>
      ))}
    </div>
  );
}

/** 0–100: blank until the user sets it (a slider has no "empty" position), with a way back to blank. */
function Slider(p: ControlProps & { common: Common }) {
  const v = text(p.value);
  const labels = p.item.sliderLabels ?? [];
  return (
    <div className="flex max-w-xl flex-col gap-1">
      <div className="flex items-center gap-3">
        <input
          {...p.common}
          type="range"
          min={0}
          max={100}
          step={1}
          value={v === "" ? 50 : Number(v)}
          aria-valuetext={v === "" ? p.labels.sliderUnset : v}
          onChange={(e) => p.onChange(e.target.value)}
          // A click or a key press on an unset slider sets it where it stands.
          onKeyDown={(e) => {
            if (v === "" && (e.key === " " || e.key === "Home" || e.key === "End")) p.onChange(e.key === "Home" ? "0" : e.key === "End" ? "100" : "50");
          }}
          className={cn("h-9 flex-1 accent-[var(--color-primary)]", v === "" && "opacity-50")}
        />
        <output htmlFor={p.id} className="w-16 text-right text-sm tabular-nums" aria-live="polite">
          {v === "" ? p.labels.sliderUnset : v}
        </output>
        {v !== "" && !p.disabled ? (
          <button type="button" className="text-xs text-primary underline underline-offset-2" onClick={() => p.onChange("")}>
            {p.labels.clear}
          </button>
        ) : null}
      </div>
      {labels.length ? (
        <div className="flex justify-between text-xs text-muted-foreground" aria-hidden>
          {labels.map((l, i) => (
            <span key={i}>{bi(l, p.locale)}</span>
          ))}
        </div>
      ) : null}
    </div>
  );
}
