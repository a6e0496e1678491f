import { z } from "zod";
import { checkboxField, choiceField, idField, listOf } from "@/lib/validation/fields";

/** At most this many forms, events and sites may be named in one export (a study has far fewer). */
export const MAX_EXPORT_FORMS = 200;
export const MAX_EXPORT_EVENTS = 200;
export const MAX_EXPORT_SITES = 500;

/** Languages of the labels written into the scripts and the codebook (values stay codes). */
export const EXPORT_LABEL_LANGUAGES = ["zh", "en"] as const;
export type ExportLabelLanguage = (typeof EXPORT_LABEL_LANGUAGES)[number];

/**
 * What an analysis export holds. An empty list of forms, events or sites means all of them (in
 * the actor's scope). Removing identifiers drops the items flagged `identifier` (REDCap's
 * identifier column); removing free text drops text items that are not numbers, dates or times,
 * and notes; shifting dates moves every date and date-time of a participant by the same secret
 * number of days (lib/exchange/export/date-shift.ts).
 */
export const exportOptionsSchema = z.strictObject({
  studyId: idField,
  forms: listOf(idField, MAX_EXPORT_FORMS),
  events: listOf(idField, MAX_EXPORT_EVENTS),
  sites: listOf(idField, MAX_EXPORT_SITES),
  removeIdentifiers: checkboxField,
  removeFreeText: checkboxField,
  shiftDates: checkboxField,
  labels: choiceField(EXPORT_LABEL_LANGUAGES),
});

export type ExportOptions = z.infer<typeof exportOptionsSchema>;

/** The options of a download link's query string, as the schema reads them (lists from repeated keys). */
export function exportOptionsFromSearch(params: URLSearchParams, studyId: number): Record<string, unknown> {
  const out: Record<string, unknown> = { studyId };
  for (const key of ["forms", "events", "sites"]) out[key] = params.getAll(key);
  for (const key of ["removeIdentifiers", "removeFreeText", "shiftDates", "labels"]) {
    const all = params.getAll(key);
    if (all.length) out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}
