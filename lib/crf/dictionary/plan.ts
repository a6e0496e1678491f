import type { Db } from "@/db/client";
import type { Study } from "@/db/schema";
import type { DictionaryProblem, DictionaryRow } from "@/lib/crf/dictionary/columns";
import { interpretDictionary } from "@/lib/crf/dictionary/interpret";
import { catalogueOf, type FormDef } from "@/lib/crf/design";
import { formsInForce, loadFormDefs } from "@/lib/crf/store";

export type DictionaryPlan = { forms: FormDef[]; problems: DictionaryProblem[] };

/** What importing these rows into the study would write, and every problem that stops it (the dry run and the import share it). */
export async function planDictionaryImport(db: Db, study: Pick<Study, "id" | "currentProtocolVersion">, rows: readonly DictionaryRow[]): Promise<DictionaryPlan> {
  const current = await formsInForce(db, study);
  const existing = await loadFormDefs(db, current);
  const plan = interpretDictionary(rows, { items: catalogueOf(existing.flatMap((f) => f.items)).items, forms: current.map((f) => f.name) });
  if (rows.length === 0) plan.problems.push({ row: 1, column: "", key: "crf.dictionary.problems.noRows" });
  return plan;
}

export const planSummary = (forms: readonly FormDef[]) => forms.map((f) => ({ name: f.name, items: f.items.length }));
