import { getRequestConfig } from "next-intl/server";
import { messages } from "@/messages";
import { getActor } from "@/lib/auth/actor";
import { requestLocale } from "@/lib/i18n/request-locale";
import { NETWORK_TIME_ZONE } from "@/lib/time/network-day";

/** The signed-in user's remembered language, else the cookie, else Accept-Language. */
export default getRequestConfig(async () => {
  const locale = await requestLocale((await getActor())?.locale);
  return { locale, messages: messages[locale], timeZone: NETWORK_TIME_ZONE };
});
