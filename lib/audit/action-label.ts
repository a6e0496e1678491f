/** The subset of a next-intl translator (namespace "auditActions") this needs. */
type Translator = { (key: string): string; has: (key: string) => boolean };

/** A readable name for an audit action code ("study.site.added"); the code itself when none is known. */
export function auditActionLabel(t: Translator, action: string): string {
  const key = action.replace(/\./g, "_");
  return t.has(key) ? t(key) : action;
}
