"use client";

import * as React from "react";
import { Input, Label, Select, Textarea } from "@/components/ui/input";
import { useEditedFields, useFormResult } from "@/components/forms/action-form";
import { shownFieldErrors } from "@/components/forms/field-errors";

/** The field's errors from the last result, cleared once the user changes the field's value. */
function useFieldErrors(name: string): string[] | undefined {
  return shownFieldErrors(useFormResult(), name, useEditedFields());
}

/** `id` only when two forms on one page share a field name (ids must be unique). */
type Common = { name: string; label: React.ReactNode; hint?: React.ReactNode; id?: string };

function FieldShell({ name, label, hint, id: idProp, children }: Common & { children: (aria: Record<string, unknown>) => React.ReactNode }) {
  const errors = useFieldErrors(name);
  const id = idProp ?? `f-${name}`;
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, errors ? errId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>{label}</Label>
      {children({ id, name, "aria-invalid": errors ? true : undefined, "aria-describedby": describedBy })}
      {hint ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {errors ? (
        <p id={errId} className="text-xs text-destructive">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function TextField(props: Common & React.InputHTMLAttributes<HTMLInputElement>) {
  const { name, label, hint, id, ...rest } = props;
  return <FieldShell name={name} label={label} hint={hint} id={id}>{(aria) => <Input {...rest} {...aria} />}</FieldShell>;
}

export function TextAreaField(props: Common & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { name, label, hint, id, ...rest } = props;
  return <FieldShell name={name} label={label} hint={hint} id={id}>{(aria) => <Textarea {...rest} {...aria} />}</FieldShell>;
}

export function SelectField(
  props: Common & React.SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[]; placeholder?: string },
) {
  const { name, label, hint, id, options, placeholder, ...rest } = props;
  return (
    <FieldShell name={name} label={label} hint={hint} id={id}>
      {(aria) => (
        <Select {...rest} {...aria}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      )}
    </FieldShell>
  );
}
