import type { CrfItemType, CrfMissingCode, CrfValidationType } from "@/db/enums";
import type { Catalogue, CatalogueItem } from "@/lib/crf/expressions";

/** A bilingual text (label, note, choice label). */
export type Bilingual = { zh: string; en: string };

export type ChoiceDef = { code: string; label: Bilingual };

/**
 * One item as designed, independent of storage: what the dictionary import produces, what the
 * export and the designer read. `section` is set on the first item of a section.
 */
export type ItemDef = {
  name: string;
  type: CrfItemType;
  validation: CrfValidationType | null;
  section: Bilingual | null;
  label: Bilingual;
  note: Bilingual | null;
  unit: string | null;
  decimalPlaces: number | null;
  required: boolean;
  identifier: boolean;
  hardMin: string | null;
  hardMax: string | null;
  softMin: string | null;
  softMax: string | null;
  branchingLogic: string | null;
  calculation: string | null;
  choices: ChoiceDef[];
  sliderLabels: Bilingual[] | null;
  sliderShowNumber: boolean;
  missingCodes: CrfMissingCode[];
  matrixGroup: string | null;
  matrixRanking: boolean;
  alignment: string | null;
  questionNumber: string | null;
  annotation: string | null;
};

export type FormDef = { name: string; label: Bilingual; items: ItemDef[] };

/** Types whose value is one of the item's choices. */
export const CHOICE_TYPES: readonly CrfItemType[] = ["radio", "dropdown", "checkbox"];

/** How the expression module sees an item. */
export function catalogueItem(item: Pick<ItemDef, "type" | "choices" | "missingCodes">): CatalogueItem {
  return {
    type: item.type === "truefalse" ? "yesno" : item.type,
    ...(CHOICE_TYPES.includes(item.type) ? { choices: item.choices.map((c) => c.code) } : {}),
    missingCodes: item.missingCodes,
  };
}

export function catalogueOf(items: readonly Pick<ItemDef, "name" | "type" | "choices" | "missingCodes">[]): Catalogue {
  return { items: Object.fromEntries(items.map((i) => [i.name, catalogueItem(i)])) };
}

/** REDCap's rule for variable, form and matrix names. */
export const CRF_NAME_RE = /^[a-z][a-z0-9_]*$/;
export const CRF_NAME_MAX = 100;
/** Choice codes: REDCap's raw values (digits, letters, "-1", "1.5"). */
export const CHOICE_CODE_RE = /^[A-Za-z0-9_.-]{1,40}$/;

/** A form name as a readable label ("medical_history" → "Medical history") when none is given. */
export function labelFromName(name: string): Bilingual {
  const s = name.replace(/_/g, " ");
  const text = s.charAt(0).toUpperCase() + s.slice(1);
  return { zh: text, en: text };
}
