import { createTranslator } from "next-intl";
import { messages } from "@/messages";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";

/** Server-side translation outside React (action results, CSV headers). */
export function translate(locale: string | null | undefined, key: string, params?: Record<string, string | number>): string {
  const l: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const t = createTranslator({ locale: l, messages: messages[l] });
  try {
    return t(key as never, params as never);
  } catch {
    return key;
  }
}
