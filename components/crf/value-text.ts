import type { ItemDef } from "@/lib/crf/design";
import { bi } from "@/components/crf/layout";

/** A stored answer as a reader sees it: choice labels in their language, numbers with the unit. */
export function valueText(item: ItemDef, value: unknown, locale: string, yesNo: { yes: string; no: string; true: string; false: string }): string {
  if (value === undefined || value === null || value === "") return "";
  if (Array.isArray(value)) return value.map((c) => choiceLabel(item, String(c), locale)).join(locale === "en" ? ", " : "、");
  const v = String(value);
  switch (item.type) {
    case "yesno":
      return v === "1" ? yesNo.yes : v === "0" ? yesNo.no : v;
    case "truefalse":
      return v === "1" ? yesNo.true : v === "0" ? yesNo.false : v;
    case "radio":
    case "dropdown":
      return choiceLabel(item, v, locale);
    default:
      return item.unit ? `${v} ${item.unit}` : v;
  }
}

function choiceLabel(item: ItemDef, code: string, locale: string): string {
  const c = item.choices.find((x) => x.code === code);
  return c ? bi(c.label, locale) : code;
}

/** The normal (soft) range of an item as "3.5–5.0", "≥ 3.5" or "≤ 5.0"; empty when it has none. */
export function rangeText(min: string | null, max: string | null): string {
  if (min !== null && max !== null) return `${min}–${max}`;
  if (min !== null) return `≥ ${min}`;
  if (max !== null) return `≤ ${max}`;
  return "";
}
