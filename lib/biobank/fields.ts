import { z } from "zod";
import { decimalField, intField, TEXT_LIMITS, textField } from "@/lib/validation/fields";

/** A barcode as scanned or typed: upper-cased; the lookup decides whether it exists. */
export const barcodeField = textField({ max: TEXT_LIMITS.code }).transform((v) => v.toUpperCase());

/** A pasted or scanned list of barcodes (parsed by parseBarcodeList in the command). */
export const barcodeListField = textField({ max: 20_000, multiline: true });

/** A subject or donor code: letters, digits and dashes, 4 to 40 characters. */
export const personCodeField = z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9-]{3,39}$/, "validation.invalid");

/** A freezer, rack or box code as printed on it (short: it is part of every location). */
export const storageCodeField = z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{1,12}$/, "validation.invalid");

/** A quantity in the specimen's unit (numeric(12,3) in the table). */
export const quantityField = decimalField({ min: 0.001, max: 100_000, decimals: 3 });

/** Rows and columns of a box, and positions in it: 1..26 (rows are letters A–Z). */
export const boxSideField = intField({ min: 1, max: 26 });

/** A checkbox: "on" when ticked in a form, or true/"true" from a crafted call; anything else is false. */
export const checkboxField = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
