import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";

/**
 * The language of this request: the user's own setting, else the language cookie, else
 * Accept-Language. Outside a request (scripts, tests) it is the user's setting or Chinese.
 */
export async function requestLocale(userLocale: string | null | undefined): Promise<Locale> {
  if (isLocale(userLocale)) return userLocale;
  try {
    const { cookies, headers } = await import("next/headers");
    const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
    if (isLocale(fromCookie)) return fromCookie;
    return localeFromAcceptLanguage((await headers()).get("accept-language"));
  } catch {
    return localeFromAcceptLanguage(null);
  }
}
