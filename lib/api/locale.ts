import type { Actor } from "@/lib/authz/actor";
import { isLocale, localeFromAcceptLanguage, type Locale } from "@/lib/i18n/locales";
import { translate } from "@/lib/i18n/translate";

/** The language of an API answer: the user's own setting, else the request's Accept-Language. */
export function apiLocale(request: Request, actor: Pick<Actor, "locale"> | null): Locale {
  if (actor && isLocale(actor.locale)) return actor.locale;
  return localeFromAcceptLanguage(request.headers.get("accept-language"));
}

export function apiText(locale: Locale, key: string, params?: Record<string, string | number>): string {
  return translate(locale, key, params);
}
