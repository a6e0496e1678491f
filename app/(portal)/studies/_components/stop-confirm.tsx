"use client";

import { useEditedFields, useFormResult } from "@/components/forms/action-form";
import { shownFieldErrors } from "@/components/forms/field-errors";

/**
 * The confirmation a move that stops enrolment needs (the command refuses it unticked): a
 * warning and a checkbox, its error tied to it.
 */
export function StopConfirm({ id, warning, label }: { id: string; warning: string; label: string }) {
  const errors = shownFieldErrors(useFormResult(), "confirm", useEditedFields());
  return (
    <div className="space-y-1 rounded-md border border-destructive/40 bg-red-50 p-2 text-sm text-destructive" data-testid="stop-confirm">
      <p>{warning}</p>
      <label className="flex items-start gap-2" htmlFor={id}>
        <input id={id} type="checkbox" name="confirm" className="mt-0.5 size-4" aria-invalid={errors ? true : undefined} aria-describedby={errors ? `${id}-error` : undefined} />
        <span>{label}</span>
      </label>
      {errors ? (
        <p id={`${id}-error`} className="text-xs">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
