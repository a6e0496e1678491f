import { z } from "zod";
import { DICTIONARY_KEYS, type DictionaryKey, type DictionaryRow } from "@/lib/crf/dictionary/columns";
import { MAX_DICTIONARY_ROWS } from "@/lib/crf/dictionary/csv";
import { listOf, optionalTextField } from "@/lib/validation/fields";

/** Long cells (labels, choices, logic, annotations) and short ones (names, types, flags). */
const LONG: readonly DictionaryKey[] = ["section", "label", "choices", "note", "branching", "annotation"];
const cell = (k: DictionaryKey) => optionalTextField({ max: LONG.includes(k) ? 10_000 : 200, multiline: LONG.includes(k) }).optional();

/** One dictionary row as the import command takes it: every cell bounded and cleaned, missing or blank = "". */
export const dictionaryRowSchema = z
  .strictObject(Object.fromEntries(DICTIONARY_KEYS.map((k) => [k, cell(k)])) as Record<DictionaryKey, ReturnType<typeof cell>>)
  .transform((r) => Object.fromEntries(DICTIONARY_KEYS.map((k) => [k, r[k] ?? ""])) as DictionaryRow);

export const dictionaryRowsField = listOf(dictionaryRowSchema, MAX_DICTIONARY_ROWS);
