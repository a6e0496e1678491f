/**
 * The one rule for bilingual names: English where the reader reads English and the row has
 * it, Chinese otherwise. Works on any row with nameZh/nameEn (or titleZh/titleEn, labelZh/labelEn).
 */
type Bilingual =
  | { nameZh: string; nameEn?: string | null }
  | { titleZh: string; titleEn?: string | null }
  | { labelZh: string; labelEn?: string | null };

export function localized(row: Bilingual, locale: string): string {
  const en = locale === "en";
  if ("nameZh" in row) return (en && row.nameEn) || row.nameZh;
  if ("titleZh" in row) return (en && row.titleEn) || row.titleZh;
  return (en && row.labelEn) || row.labelZh;
}

/** Same rule for a pair given separately (e.g. columns aliased in raw SQL). */
export function localizedPair(zh: string, en: string | null | undefined, locale: string): string {
  return (locale === "en" && en) || zh;
}
