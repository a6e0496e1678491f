import { fieldError } from "@/lib/actions/errors";
import { DICTIONARY_COLUMNS, type DictionaryKey } from "@/lib/crf/dictionary/columns";
import { interpretDictionary } from "@/lib/crf/dictionary/interpret";
import { formsToRows } from "@/lib/crf/dictionary/to-rows";
import type { FormDef, ItemDef } from "@/lib/crf/design";
import { isLimitOf } from "@/lib/crf/limits";

/** The designer's field for each dictionary column. */
const FIELD_OF: Partial<Record<DictionaryKey, string>> = {
  name: "name",
  form: "name",
  type: "type",
  label: "labelEn",
  choices: "choices",
  validation: "validation",
  min: "softMin",
  max: "softMax",
  branching: "branchingLogic",
  annotation: "missingCodes",
  matrixGroup: "matrixGroup",
};

/**
 * Checks a study's forms after a designer's change with the same rules as a dictionary import
 * (names, choices, limits, matrix groups, branching logic and calculations against every item
 * of the study); the first problem of the changed item is thrown as a field error.
 */
export function assertDesignValid(all: readonly FormDef[], item: ItemDef | null): void {
  if (item) {
    for (const k of ["hardMin", "hardMax", "softMin", "softMax"] as const) {
      const v = item[k];
      if (v !== null && !isLimitOf(item.type, v)) throw fieldError(k, "crf.dictionary.problems.badLimit", { value: v, type: item.type });
    }
    if (item.calculation !== null && item.type !== "calc") throw fieldError("calculation", "crf.design.errors.calculationNotCalc");
  }
  const { problems } = interpretDictionary(formsToRows(all), { items: {}, forms: [] });
  if (problems.length === 0) return;
  const rows = formsToRows(all);
  const mine = item ? problems.find((p) => rows[p.row - 2]?.name === item.name) : undefined;
  const p = mine ?? problems[0];
  const key = DICTIONARY_COLUMNS.find(([, h]) => h === p.column)?.[0];
  const field = (key && FIELD_OF[key]) ?? "_form";
  throw fieldError(field === "softMin" && item?.hardMin ? "hardMin" : field, p.key, p.params);
}
