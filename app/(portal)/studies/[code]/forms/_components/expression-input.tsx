"use client";

import { useTranslations } from "next-intl";
import { Label, Textarea } from "@/components/ui/input";
import { expressionErrorKey, type ExpressionError } from "@/lib/crf/expressions";

/**
 * Branching logic or a calculation, checked on every keystroke by the same module the server
 * uses (lib/crf/expressions): each error is named and the part of the text it concerns shown.
 */
export function ExpressionInput({
  id,
  label,
  hint,
  value,
  onChange,
  errors,
  serverErrors,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (v: string) => void;
  errors: ExpressionError[];
  serverErrors?: string[];
}) {
  const t = useTranslations();
  const errId = `${id}-errors`;
  const hintId = `${id}-hint`;
  const invalid = errors.length > 0 || Boolean(serverErrors?.length);
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>{label}</Label>
      <Textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={2}
        spellCheck={false}
        autoComplete="off"
        className="font-mono"
        aria-invalid={invalid || undefined}
        aria-describedby={`${hintId} ${errId}`}
        data-testid={`${id}-input`}
      />
      <p id={hintId} className="text-xs text-muted-foreground">
        {hint}
      </p>
      <div id={errId} aria-live="polite" className="space-y-0.5" data-testid={`${id}-errors`}>
        {errors.map((e, i) => (
          <p key={i} className="text-xs text-destructive">
            {t(expressionErrorKey(e.code), e.params)}
            {e.end > e.start ? <code className="ml-1 rounded bg-red-50 px-1">{value.slice(e.start, e.end).slice(0, 60)}</code> : null}
          </p>
        ))}
        {serverErrors?.map((m, i) => (
          <p key={`s${i}`} className="text-xs text-destructive">
            {m}
          </p>
        ))}
      </div>
    </div>
  );
}
