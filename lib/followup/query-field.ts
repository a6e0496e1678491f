import type { CrfQueryTarget } from "@/lib/followup/crf-query-target";
import { localizedPair } from "@/lib/i18n/localized";

/** What the label and link of a query need: its record, its field, and its CRF target when on a form. */
export type QueryPointer = { entityType: string; entityId: number; field: string; studyCode: string; subjectCode: string; crf: CrfQueryTarget | null };

/** A translator of the "followup" messages (next-intl's `t`, with `has`). */
type T = { (key: string): string; has(key: string): boolean };

/**
 * The field of a query as the reader reads it: a CRF item's label (from its form version, in
 * the reader's language), a record field's translated name; never a raw code — an unknown
 * field reads as "form item" / "field".
 */
export function queryFieldLabel(q: Pick<QueryPointer, "entityType" | "field" | "crf">, locale: string, t: T): string {
  if (q.crf) return localizedPair(q.crf.labelZh, q.crf.labelEn, locale);
  if (q.entityType !== "crf_form" && t.has(`fields.${q.field}`)) return t(`fields.${q.field}`);
  return t(q.entityType === "crf_form" ? "query.crfItem" : "query.unknownField");
}

/** Where a query's record is read: the CRF form page for a form item, else the follow-up record. */
export function queryRecordHref(q: QueryPointer): string {
  if (q.entityType === "crf_form") {
    if (!q.crf) return `/follow-up/${q.subjectCode}`;
    const repeat = q.crf.repeat > 1 ? `?repeat=${q.crf.repeat}` : "";
    return `/studies/${q.studyCode}/participants/${q.subjectCode}/forms/${q.crf.eventId}/${q.crf.formId}${repeat}`;
  }
  if (q.entityType === "participant") return `/follow-up/${q.subjectCode}`;
  return `/follow-up/${q.subjectCode}/${q.entityType === "visit" ? "visits" : "ae"}/${q.entityId}`;
}

/**
 * The field of a query notice (its stored params): the CRF item's label stored with it (fieldZh,
 * fieldEn) or looked up at render (`looked`), a record field's translated name; never a raw code.
 */
export function noticeFieldLabel(params: Record<string, unknown>, locale: string, t: T, looked?: { zh: string; en: string } | null): string {
  const zh = typeof params.fieldZh === "string" ? params.fieldZh : looked?.zh;
  const en = typeof params.fieldEn === "string" ? params.fieldEn : looked?.en;
  if (params.record === "crf_form") return zh ? localizedPair(zh, en, locale) : t("query.crfItem");
  const field = String(params.field ?? "");
  return t.has(`fields.${field}`) ? t(`fields.${field}`) : t("query.unknownField");
}
