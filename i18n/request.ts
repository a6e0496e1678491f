import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { messages } from "@/messages";
import { getActor } from "@/lib/auth/actor";
import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";

/** The signed-in user's remembered language, else the cookie, else Accept-Language. */
export default getRequestConfig(async () => {
  const actor = await getActor();
  let locale: Locale;
  if (actor && isLocale(actor.locale)) {
    locale = actor.locale;
  } else {
    const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
    locale = isLocale(fromCookie) ? fromCookie : localeFromAcceptLanguage((await headers()).get("accept-language"));
  }
  return { locale, messages: messages[locale], timeZone: "Asia/Shanghai" };
});
