"use client";

import { useTranslations } from "next-intl";
import { TextAreaField, TextField } from "@/components/forms/field";
import { networkToday } from "@/lib/time/network-day";

/**
 * The amendment a change of a recruiting study's forms is part of (effective date and reason,
 * lib/studies/protocol-version.ts), inside an ActionForm. `idPrefix` keeps ids unique when
 * several forms on one page ask for it.
 */
export function AmendmentInputs({ needed, idPrefix, note }: { needed: boolean; idPrefix: string; note?: string }) {
  const t = useTranslations("studies");
  if (!needed) return null;
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm text-amber-900">{note ?? t("protocol.amendmentNote")}</p>
      <div className="grid gap-2 md:grid-cols-[12rem_1fr]">
        <TextField name="amendmentDate" id={`${idPrefix}-amendment-date`} type="date" label={t("field.amendmentDate")} defaultValue={networkToday()} />
        <TextAreaField name="amendmentReason" id={`${idPrefix}-amendment-reason`} label={t("field.amendmentReason")} rows={2} />
      </div>
    </div>
  );
}
