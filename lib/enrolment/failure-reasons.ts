import { localizedPair } from "@/lib/i18n/localized";

/** A criterion as the protocol version states it, in both languages. */
export type CriterionText = { code: string; textZh: string; textEn: string | null };

/**
 * Why a screening failed, as a person reads it: each failing criterion as its code plus its
 * text in the reader's language ("E1 妊娠" / "E1 Pregnant"), in the order the codes were kept.
 * A code the given criteria do not state is shown alone rather than dropped. Browser-safe: the
 * screen form and the screening log use the same rule.
 */
export function failureReasons(failedCodes: readonly string[], criteria: readonly CriterionText[], locale: string): string[] {
  const byCode = new Map(criteria.map((c) => [c.code, c]));
  return failedCodes.map((code) => {
    const c = byCode.get(code);
    return c ? `${code} ${localizedPair(c.textZh, c.textEn, locale)}` : code;
  });
}
