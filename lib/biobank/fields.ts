import { checkboxField, decimalField, intField, patternField, TEXT_LIMITS, textField } from "@/lib/validation/fields";

/** A barcode as scanned or typed: upper-cased; the lookup decides whether it exists. */
export const barcodeField = textField({ max: TEXT_LIMITS.code }).transform((v) => v.toUpperCase());

/** A pasted or scanned list of barcodes (parsed by parseBarcodeList in the command). */
export const barcodeListField = textField({ max: 20_000, multiline: true });

/** A subject or donor code: letters, digits and dashes, 4 to 40 characters. */
export const personCodeField = patternField({
  pattern: /^[A-Z0-9][A-Z0-9-]{3,39}$/,
  max: 40,
  example: "BC-101-R01G1-0001",
  message: "biobank.validation.personCode",
  upperCase: true,
});

/** A study code as the studies carry it (a release names the study it is for). */
export const studyCodeField = patternField({
  pattern: /^[A-Z0-9][A-Z0-9-]{2,39}$/,
  max: 40,
  example: "LC-203",
  message: "biobank.validation.studyCode",
  upperCase: true,
});

/** A freezer, rack or box code as printed on it (short: it is part of every location). */
export const storageCodeField = patternField({
  pattern: /^[A-Z0-9-]{1,12}$/,
  max: 12,
  example: "F01",
  message: "biobank.validation.storageCode",
  upperCase: true,
});

/** A quantity in the specimen's unit (numeric(12,3) in the table). */
export const quantityField = decimalField({ min: 0.001, max: 100_000, decimals: 3 });

/** Rows and columns of a box, and positions in it: 1..26 (rows are letters A–Z). */
export const boxSideField = intField({ min: 1, max: 26 });

/** A checkbox ("on" when ticked in a form, true/"true" from a crafted call): the kernel's. */
export { checkboxField };
