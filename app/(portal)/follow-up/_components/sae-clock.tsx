"use client";

import * as React from "react";
import { useTranslations } from "next-intl";
import { formatDuration, saeClock } from "@/lib/followup/sae-clock";
import { cn } from "@/lib/utils";
import { networkTime } from "@/app/(portal)/follow-up/_components/format";

function subscribeEverySecond(onTick: () => void) {
  const id = window.setInterval(onTick, 1000);
  return () => window.clearInterval(id);
}

const currentSecond = () => Math.floor(Date.now() / 1000);

/** Counts down the 24 hours from awareness, once a second; red once the deadline has passed. */
export function SaeClock({ awareAt }: { awareAt: Date | null }) {
  const t = useTranslations("followup.clock");
  // The current second, from the browser's clock; null while rendering on the server.
  const second = React.useSyncExternalStore(subscribeEverySecond, currentSecond, () => null);
  const now = second === null ? null : new Date(second * 1000);
  if (!awareAt || !now) {
    return (
      <p role="timer" aria-label={t("label")} data-testid="sae-clock" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
        {t("needAware")}
      </p>
    );
  }
  const c = saeClock(awareAt, now);
  return (
    <div
      role="timer"
      aria-label={t("label")}
      data-testid="sae-clock"
      data-late={c.late ? "true" : "false"}
      className={cn("rounded-md border px-3 py-2 text-sm", c.late ? "border-red-300 bg-red-50 text-red-800" : "border-amber-300 bg-amber-50 text-amber-900")}
    >
      <p className="font-medium">{t("label")}</p>
      <p className="font-mono text-lg">{c.late ? t("overdue", { time: formatDuration(c.remainingMs) }) : t("remaining", { time: formatDuration(c.remainingMs) })}</p>
      <p className="text-xs">{t("deadline", { at: networkTime(c.deadline.toISOString()) })}</p>
    </div>
  );
}
