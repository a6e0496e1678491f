"use client";

import { useTranslations } from "next-intl";
import { TextField, TextAreaField } from "@/components/forms/field";
import { networkToday } from "@/lib/time/network-day";

/** Effective date and reason, shown when a protocol change is an amendment (recruiting has started). */
export function AmendmentFields({ needed }: { needed: boolean }) {
  const t = useTranslations("studies");
  if (!needed) return null;
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm text-amber-900">{t("protocol.amendmentNote")}</p>
      <div className="grid gap-2 md:grid-cols-[12rem_1fr]">
        <TextField name="amendmentDate" type="date" label={t("field.amendmentDate")} defaultValue={networkToday()} />
        <TextAreaField name="amendmentReason" label={t("field.amendmentReason")} rows={2} />
      </div>
    </div>
  );
}
