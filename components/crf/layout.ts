import type { Bilingual, ItemDef } from "@/lib/crf/design";
import type { EntryFormDef, GroupDef } from "@/lib/crf/entry/types";

/** What the form page lays out, top to bottom: section headings, single items, repeating groups (a table). */
export type Block =
  | { kind: "section"; label: Bilingual; key: string }
  | { kind: "item"; item: ItemDef; key: string }
  | { kind: "group"; group: GroupDef; items: ItemDef[]; key: string };

/**
 * The blocks of a form in design order. A group's items appear once, as one table, where the
 * first of them stands; a section heading comes before the item that starts it.
 */
export function formBlocks(form: EntryFormDef): Block[] {
  const groupOf = new Map<string, GroupDef>();
  for (const g of form.groups ?? []) for (const name of g.items) groupOf.set(name, g);
  const placed = new Set<string>();
  const blocks: Block[] = [];
  for (const item of form.items) {
    if (item.section) blocks.push({ kind: "section", label: item.section, key: `s-${item.name}` });
    const group = groupOf.get(item.name);
    if (!group) {
      blocks.push({ kind: "item", item, key: item.name });
      continue;
    }
    if (placed.has(group.name)) continue;
    placed.add(group.name);
    const items = form.items.filter((i) => groupOf.get(i.name) === group);
    blocks.push({ kind: "group", group, items, key: `g-${group.name}` });
  }
  return blocks;
}

/** A bilingual text in the reader's language (Chinese when the English is empty). */
export function bi(text: Bilingual | null | undefined, locale: string): string {
  if (!text) return "";
  return (locale === "en" && text.en) || text.zh;
}
