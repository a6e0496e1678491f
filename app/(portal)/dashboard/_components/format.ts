"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { localized } from "@/lib/i18n/localized";
import type { Projection } from "@/lib/metrics/derive";

/** Number, share and name formatting in the reader's language. */
export function useFormat() {
  const f = useFormatter();
  const locale = useLocale();
  const t = useTranslations("dashboard");
  return {
    locale,
    name: (o: { nameZh: string; nameEn: string }) => localized(o, locale),
    title: (o: { titleZh: string; titleEn: string }) => localized(o, locale),
    num: (n: number | null, digits = 0) => (n === null ? t("none") : f.number(n, { maximumFractionDigits: digits, minimumFractionDigits: 0 })),
    pct: (n: number | null) => (n === null ? t("none") : f.number(n, { style: "percent", maximumFractionDigits: 1 })),
    days: (n: number | null) => (n === null ? t("none") : t("days", { n: Math.round(n * 10) / 10 })),
    projection: (p: Projection) => (p.kind === "date" ? p.date : t(`projection.${p.kind}`)),
  };
}

/** Rounded share for CSV cells (a fraction with 4 decimals, or empty). */
export function share(n: number | null): number | null {
  return n === null ? null : Math.round(n * 10000) / 10000;
}
