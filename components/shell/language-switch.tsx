"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";

/** Stores the signed-in user's own language: a server action the layout passes in (components never import app/). */
export type SaveLocale = (input: { locale: Locale }) => Promise<unknown>;

/**
 * Switches zh-CN / en: a cookie for this browser and, when signed in (saveLocale given), the
 * user's own setting.
 */
export function LanguageSwitch({ saveLocale }: { saveLocale?: SaveLocale }) {
  const locale = useLocale();
  const t = useTranslations("common");
  const router = useRouter();
  const [pending, start] = useTransition();
  const next: Locale = locale === "en" ? "zh-CN" : "en";
  return (
    <button
      type="button"
      disabled={pending}
      data-testid="language-switch"
      lang={next}
      className="rounded-md border border-border px-2 py-1 text-sm hover:bg-muted"
      onClick={() =>
        start(async () => {
          document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
          if (saveLocale) await saveLocale({ locale: next });
          router.refresh();
        })
      }
    >
      {t("switchTo")}
    </button>
  );
}
