"use client";

import * as React from "react";
import { startTransition, useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { cn } from "@/lib/utils";
import { editedSince, markEdited, noEditedFields, type EditedFields } from "@/components/forms/field-errors";

type Action<R> = (state: ActionResult<R> | null, formData: FormData) => Promise<ActionResult<R>>;

const FormStateContext = React.createContext<ActionResult<unknown> | null>(null);
/** Pending state of the enclosing ActionForm (null outside one). */
export const FormPendingContext = React.createContext<boolean | null>(null);

export function useFormResult() {
  return React.useContext(FormStateContext);
}

const EditedFieldsContext = React.createContext<ReadonlySet<string>>(noEditedFields.names);

/** Fields changed since the last result: their errors are stale (components/forms/field-errors.ts). */
export function useEditedFields() {
  return React.useContext(EditedFieldsContext);
}

/**
 * A form bound to a pipeline action through useActionState: field errors reach the fields by
 * name, the form message is announced, and the submit button is disabled while pending.
 */
export function ActionForm<R>({
  action,
  children,
  className,
  successMessage,
  resetOnSuccess = false,
  onSuccess,
  id,
}: {
  action: (input: unknown, formData?: unknown) => Promise<ActionResult<R>>;
  children: React.ReactNode;
  className?: string;
  successMessage?: string;
  resetOnSuccess?: boolean;
  onSuccess?: (data: R) => void;
  id?: string;
}) {
  const [state, formAction, pending] = useActionState(action as unknown as Action<R>, null);
  const ref = React.useRef<HTMLFormElement>(null);
  const [edited, setEdited] = React.useState<EditedFields>(noEditedFields);
  const result = state as ActionResult<unknown> | null;
  const onSuccessRef = React.useRef(onSuccess);
  React.useEffect(() => {
    onSuccessRef.current = onSuccess;
  });
  React.useEffect(() => {
    if (state?.ok) {
      if (resetOnSuccess) ref.current?.reset();
      onSuccessRef.current?.(state.data);
    }
  }, [state, resetOnSuccess]);
  return (
    // Submitted through onSubmit rather than <form action>: React 19 resets a form after an
    // action prop runs, which would wipe what the user typed whenever a field error comes back.
    <form
      ref={ref}
      onSubmit={(e) => {
        e.preventDefault();
        if (pending) return; // one submit at a time
        const fd = new FormData(e.currentTarget);
        startTransition(() => formAction(fd));
      }}
      className={cn("space-y-3", className)}
      id={id}
      onChange={(e) => {
        const name = (e.target as { name?: unknown }).name;
        if (typeof name === "string" && name) setEdited((prev) => markEdited(prev, result, name));
      }}
      noValidate
      aria-busy={pending}
    >
      <FormPendingContext.Provider value={pending}>
        <FormStateContext.Provider value={result}>
          <EditedFieldsContext.Provider value={editedSince(edited, result)}>
            {children}
            <FormMessage successMessage={successMessage} />
          </EditedFieldsContext.Provider>
        </FormStateContext.Provider>
      </FormPendingContext.Provider>
    </form>
  );
}

function FormMessage({ successMessage }: { successMessage?: string }) {
  const state = useFormResult();
  if (!state) return null;
  if (state.ok) {
    return successMessage ? (
      <p role="status" data-testid="form-success" className="text-sm text-success">
        {successMessage}
      </p>
    ) : null;
  }
  return (
    <p role="status" aria-live="polite" data-testid="form-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-destructive">
      {state.message}
    </p>
  );
}
