import type { ItemDef } from "@/lib/crf/design";
import { catalogueItem } from "@/lib/crf/design";
import { check, findCycles, parse, type Catalogue, type ExpressionAst, type ExpressionError } from "@/lib/crf/expressions";

/** What the designer knows of every item of the study (its own form's items come from the draft). */
export type StudyItem = Pick<ItemDef, "name" | "type" | "choices" | "missingCodes" | "calculation"> & { form: string };
/** Which forms each event collects, by name. */
export type EventForms = { name: string; forms: string[] };

/** The study's catalogue as lib/crf/expressions checks against it, with `[event][item]` names. */
export function studyCatalogue(items: readonly StudyItem[], events: readonly EventForms[]): Catalogue {
  return {
    items: Object.fromEntries(items.map((i) => [i.name, catalogueItem(i)])),
    ...(events.length ? { events: Object.fromEntries(events.map((e) => [e.name, items.filter((i) => e.forms.includes(i.form)).map((i) => i.name)])) } : {}),
  };
}

/** The errors of branching logic ("condition") or a calculation ("number"), as the server will find them; none for an empty text. */
export function expressionErrors(text: string, catalogue: Catalogue, expect: "condition" | "number"): ExpressionError[] {
  if (!text.trim()) return [];
  const parsed = parse(text);
  if (parsed.errors) return parsed.errors;
  return check(parsed.ast, catalogue, { expect });
}

/** The cycle errors located in `name`'s calculation, among every calculated item of the study. */
export function cycleErrors(items: readonly StudyItem[], name: string): ExpressionError[] {
  const calcs: Record<string, ExpressionAst> = {};
  for (const i of items) {
    if (i.type !== "calc" || !i.calculation) continue;
    const p = parse(i.calculation);
    if (p.ast) calcs[i.name] = p.ast;
  }
  return findCycles(calcs).flatMap((c) => c.errors.filter((e) => e.item === name).map((e) => e.error));
}

/** The parsed expression, or null when empty or wrong (the preview then ignores it). */
export function parsedOrNull(text: string | null): ExpressionAst | null {
  if (!text?.trim()) return null;
  return parse(text).ast ?? null;
}
