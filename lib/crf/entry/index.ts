/**
 * The rules of data entry, pure and browser-safe: the form page runs them live (branching,
 * calculations, inline messages) and the save command runs the same code as the authority.
 */
export { applyRules } from "@/lib/crf/entry/rules";
export { normaliseValue, valueKind, type ValueKind } from "@/lib/crf/entry/normalise";
export { checkLimits } from "@/lib/crf/entry/limits";
export { itemPath, itemOfPath } from "@/lib/crf/entry/paths";
export type { EntryError, EntryFormDef, GroupDef, ItemValue, RowValues, RulesInput, RulesResult } from "@/lib/crf/entry/types";
export { flattenValues, changedPaths } from "@/lib/crf/entry/flatten";
