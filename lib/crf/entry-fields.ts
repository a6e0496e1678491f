import { z } from "zod";
import { CRF_MISSING_CODES } from "@/db/enums";
import { CRF_NAME_MAX, CRF_NAME_RE } from "@/lib/crf/design";
import { choiceField, listOf, optionalTextField, TEXT_LIMITS, textField } from "@/lib/validation/fields";

/** Bounds of one save: items of a form, rows of a group, ticked choices, characters of a long text. */
export const ENTRY_LIMITS = { items: 1000, rows: 200, rowItems: 200, choices: 200, text: 10_000 } as const;

const PATH_RE = /^[a-z][a-z0-9_]*(\.[1-9]\d{0,2}\.[a-z][a-z0-9_]*)?$/;
const message = { error: () => "crf.entry.errors.invalid" };

const itemName = z.string(message).max(CRF_NAME_MAX, message).regex(CRF_NAME_RE, message);
const itemPathKey = z.string(message).max(CRF_NAME_MAX * 2 + 4, message).regex(PATH_RE, message);
/** One answer as typed (blank allowed); the form's rules check it for its item (lib/crf/entry). */
const cell = optionalTextField({ max: ENTRY_LIMITS.text, multiline: true });
const ticked = z.array(textField({ max: TEXT_LIMITS.code }), message).max(ENTRY_LIMITS.choices, { message: "validation.tooMany" });
const row = z.record(itemName, z.union([cell, ticked], message), message).refine((r) => Object.keys(r).length <= ENTRY_LIMITS.rowItems, { message: "validation.tooMany" });
const rows = z.array(row, message).max(ENTRY_LIMITS.rows, { message: "validation.tooMany" });

/** Item name → answer, ticked codes, or (a repeating group's name) its rows. */
export const entryValuesField = z
  .record(itemName, z.union([cell, ticked, rows], message), message)
  .refine((v) => Object.keys(v).length <= ENTRY_LIMITS.items, { message: "validation.tooMany" })
  .optional();

/** Item path → missing-data code (ND, UNK, NA). */
export const entryMissingField = z
  .record(itemPathKey, choiceField(CRF_MISSING_CODES), message)
  .refine((v) => Object.keys(v).length <= ENTRY_LIMITS.items, { message: "validation.tooMany" })
  .optional();

/** The item paths whose soft-limit breach the user confirmed. */
export const confirmedSoftField = listOf(textField({ max: CRF_NAME_MAX * 2 + 4 }), ENTRY_LIMITS.items);
