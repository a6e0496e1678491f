import { z } from "zod";
import { CRF_NAME_MAX, CRF_NAME_RE } from "@/lib/crf/design";
import { IMPORT_LIMITS } from "@/lib/exchange/records-import/parse";
import { checkboxField, idField, listOf, optionalRequestKeyField, optionalTextField, patternField, TEXT_LIMITS } from "@/lib/validation/fields";

/** One physical line of a file as it travels (a blank line is null); the file is parsed as CSV on the server. */
const lineField = optionalTextField({ max: IMPORT_LIMITS.line, multiline: true });
const linesField = listOf(lineField, IMPORT_LIMITS.lines);

/** A repeating group's file (`<form>__<group>.csv`): the group's name and the file's lines. */
const groupFileField = z.strictObject({
  group: patternField({ pattern: CRF_NAME_RE, max: CRF_NAME_MAX, example: "lesions", message: "recordsImport.errors.groupName" }),
  lines: linesField,
});

/** What a dry run and an import both take: the study, the form, the form's file and its group files. */
export const recordsImportFields = {
  studyId: idField,
  formId: idField,
  lines: linesField,
  groups: listOf(groupFileField, IMPORT_LIMITS.groups),
};

/** The import adds one reason (for any changed saved value), the soft-limit confirmation and a request key. */
export const importRecordsSchema = z.strictObject({
  ...recordsImportFields,
  reason: optionalTextField({ max: TEXT_LIMITS.reason, multiline: true }),
  confirmSoft: checkboxField,
  requestKey: optionalRequestKeyField,
});

export const checkRecordsSchema = z.strictObject(recordsImportFields);

export type RecordsImportFiles = z.infer<typeof checkRecordsSchema>;
