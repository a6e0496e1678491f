"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/lib/utils";

/** The missing-data codes an item allows, as toggle buttons: pressing one clears the answer; pressing it again removes the code. */
export function MissingButtons({ codes, value, onChange, disabled, itemLabel }: { codes: readonly string[]; value: string | undefined; onChange: (code: string | null) => void; disabled?: boolean; itemLabel: string }) {
  const t = useTranslations("crf.entry.missing");
  if (codes.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-1" role="group" aria-label={t("group", { item: itemLabel })}>
      {codes.map((c) => (
        <button
          key={c}
          type="button"
          disabled={disabled}
          aria-pressed={value === c}
          title={t(`codes.${c}`)}
          onClick={() => onChange(value === c ? null : c)}
          className={cn(
            "h-8 rounded-md border px-2 text-xs font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-primary",
            value === c ? "border-amber-600 bg-amber-100 text-amber-950" : "border-border bg-card text-foreground hover:bg-muted",
          )}
        >
          {t(`short.${c}`)}
        </button>
      ))}
    </div>
  );
}
