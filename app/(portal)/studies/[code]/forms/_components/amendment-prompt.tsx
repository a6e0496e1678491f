"use client";

import * as React from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input, Label, Textarea } from "@/components/ui/input";

export type AmendmentValues = { amendmentDate: string; amendmentReason: string };

/**
 * Asked before a change of a recruiting study's form is saved: the amendment's effective date
 * and reason, and what will happen (a new version of the form; data entered keeps its version).
 * The values stay for the next change of the session.
 */
export function AmendmentPrompt({
  values,
  onChange,
  nextVersion,
  pending,
  errors,
  onConfirm,
  onCancel,
}: {
  values: AmendmentValues;
  onChange: (v: AmendmentValues) => void;
  nextVersion: number;
  pending: boolean;
  errors: Record<string, string[]>;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("crf.designer.amendment");
  const ts = useTranslations("studies.field");
  // Focus goes to the reason, the one thing the designer must write.
  React.useEffect(() => document.getElementById("designer-amendment-reason")?.focus(), []);
  return (
    <section aria-labelledby="amendment-title" className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="amendment-prompt">
      <h3 id="amendment-title" className="text-sm font-semibold text-amber-900">
        {t("title")}
      </h3>
      <p className="text-sm text-amber-900">{t("newVersion", { version: nextVersion })}</p>
      <div className="grid gap-2 md:grid-cols-[12rem_1fr]">
        <div className="flex flex-col gap-1">
          <Label htmlFor="designer-amendment-date">{ts("amendmentDate")}</Label>
          <Input
            id="designer-amendment-date"
            type="date"
            value={values.amendmentDate}
            onChange={(e) => onChange({ ...values, amendmentDate: e.target.value })}
            aria-invalid={errors.amendmentDate ? true : undefined}
            aria-describedby={errors.amendmentDate ? "designer-amendment-date-error" : undefined}
          />
          {errors.amendmentDate ? (
            <p id="designer-amendment-date-error" className="text-xs text-destructive">
              {errors.amendmentDate.join(" ")}
            </p>
          ) : null}
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="designer-amendment-reason">{ts("amendmentReason")}</Label>
          <Textarea
            id="designer-amendment-reason"
            rows={2}
            value={values.amendmentReason}
            onChange={(e) => onChange({ ...values, amendmentReason: e.target.value })}
            aria-invalid={errors.amendmentReason ? true : undefined}
            aria-describedby={errors.amendmentReason ? "designer-amendment-reason-error" : undefined}
            data-testid="amendment-reason"
          />
          {errors.amendmentReason ? (
            <p id="designer-amendment-reason-error" className="text-xs text-destructive">
              {errors.amendmentReason.join(" ")}
            </p>
          ) : null}
        </div>
      </div>
      <div className="flex gap-2">
        <Button type="button" size="sm" onClick={onConfirm} disabled={pending} data-testid="confirm-amendment">
          {t("confirm")}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onCancel} disabled={pending}>
          {t("cancel")}
        </Button>
      </div>
    </section>
  );
}
