/**
 * What `check` needs to know about a form's items: their type, choice codes and declared
 * missing-data codes; and, for `[event][item]`, which items each event collects.
 */
export const CATALOGUE_ITEM_TYPES = [
  "text",
  "longtext",
  "integer",
  "decimal",
  "date",
  "datetime",
  "time",
  "yesno",
  "radio",
  "dropdown",
  "checkbox",
  "calc",
  "descriptive",
  "slider",
] as const;
export type CatalogueItemType = (typeof CATALOGUE_ITEM_TYPES)[number];

export type CatalogueItem = {
  type: CatalogueItemType;
  /** Choice codes of radio, dropdown and checkbox items (yes/no is always "1" and "0"). */
  choices?: readonly string[];
  /** Missing-data codes the item accepts (NA, UNK, NASK…). */
  missingCodes?: readonly string[];
};

export type Catalogue = {
  items: Readonly<Record<string, CatalogueItem>>;
  /** Items collected at each event; without it, event names are not checked. */
  events?: Readonly<Record<string, readonly string[]>>;
};

export function choicesOf(item: CatalogueItem): readonly string[] {
  return item.type === "yesno" ? ["1", "0"] : (item.choices ?? []);
}
