"use client";

import { useContext } from "react";
import { useFormStatus } from "react-dom";
import { Loader2 } from "lucide-react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { FormPendingContext } from "@/components/forms/action-form";

/** Disabled while its form is pending: one click, one submit. */
export function SubmitButton({ children, ...props }: ButtonProps) {
  const status = useFormStatus();
  const pending = useContext(FormPendingContext) ?? status.pending;
  return (
    <Button type="submit" disabled={pending || props.disabled} aria-disabled={pending} {...props}>
      {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null}
      {children}
    </Button>
  );
}
