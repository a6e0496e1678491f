"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { Projection } from "@/lib/metrics/derive";

/** Number, share and name formatting in the reader's language. */
export function useFormat() {
  const f = useFormatter();
  const locale = useLocale();
  const t = useTranslations("dashboard");
  return {
    locale,
    name: (o: { nameZh: string; nameEn: string }) => (locale === "en" ? o.nameEn : o.nameZh),
    title: (o: { titleZh: string; titleEn: string }) => (locale === "en" ? o.titleEn : o.titleZh),
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
