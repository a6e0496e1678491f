"use client";

import { useFormatter, useTranslations } from "next-intl";

/**
 * "Live · updated 10:42:07": the time the figures were read (their own `computedAt`), formatted
 * in the network's zone by the provider's formatter, so the server's HTML and the browser's
 * first render are the same text (React error #418 came from each taking its own clock).
 */
export function LiveStatus({ computedAt, failed }: { computedAt: string; failed: boolean }) {
  const t = useTranslations("dashboard");
  const f = useFormatter();
  const time = f.dateTime(new Date(computedAt), { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  return (
    <p className="text-xs text-muted-foreground" data-testid="live-status">
      <time dateTime={computedAt}>{failed ? t("liveError", { time }) : t("live", { time })}</time>
    </p>
  );
}
