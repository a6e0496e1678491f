"use client";

import * as React from "react";
import { useTranslations } from "next-intl";
import { useEditedFields, useFormResult } from "@/components/forms/action-form";
import { shownFieldErrors } from "@/components/forms/field-errors";
import { Input, Label } from "@/components/ui/input";

export type PickedTerm = { code: number; soc: string; term: string; grades: (string | null)[]; definition: string | null };

/** Loads the picked term of a saved AE (its MedDRA code) once, for the grade definitions. */
export function usePickedTerm(code: number | null): [PickedTerm | null, (t: PickedTerm | null) => void] {
  const [picked, setPicked] = React.useState<PickedTerm | null>(null);
  React.useEffect(() => {
    if (code === null) return;
    let live = true;
    fetch(`/api/ctcae?code=${code}`)
      .then((r) => (r.ok ? r.json() : { terms: [] }))
      .then((d: { terms: PickedTerm[] }) => {
        if (live && d.terms[0]) setPicked(d.terms[0]);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [code]);
  return [picked, setPicked];
}

/**
 * The AE term: typed freely, or picked from CTCAE v5.0 (a combobox: arrows move, Enter picks,
 * Escape closes). A picked term sends its MedDRA code beside the term; typing again un-picks it.
 */
export function CtcaeTermField({ defaultTerm, picked, onPick }: { defaultTerm: string; picked: PickedTerm | null; onPick: (t: PickedTerm | null) => void }) {
  const t = useTranslations("followup");
  const result = useFormResult();
  const edited = useEditedFields();
  const errors = [...(shownFieldErrors(result, "term", edited) ?? []), ...(shownFieldErrors(result, "meddraCode", edited) ?? [])];
  const [text, setText] = React.useState(defaultTerm);
  const [options, setOptions] = React.useState<PickedTerm[]>([]);
  const [open, setOpen] = React.useState(false);
  const [active, setActive] = React.useState(-1);
  const [loading, setLoading] = React.useState(false);
  const listId = "ctcae-options";

  const q = text.trim();
  const searching = open && q.length >= 2 && !(picked && picked.term === text);
  React.useEffect(() => {
    if (!searching) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      fetch(`/api/ctcae?q=${encodeURIComponent(q)}`, { signal: ctrl.signal })
        .then((r) => (r.ok ? r.json() : { terms: [] }))
        .then((d: { terms: PickedTerm[] }) => {
          setOptions(d.terms);
          setActive(d.terms.length ? 0 : -1);
        })
        .catch(() => {})
        .finally(() => setLoading(false));
    }, 150);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q, searching]);

  const choose = (term: PickedTerm) => {
    onPick(term);
    setText(term.term);
    setOpen(false);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" && shown.length) {
      e.preventDefault();
      setActive((a) => (a + 1) % shown.length);
    } else if (e.key === "ArrowUp" && shown.length) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? shown.length - 1 : a - 1));
    } else if (e.key === "Enter" && expanded && active >= 0 && shown[active]) {
      e.preventDefault(); // picks, never submits the form
      choose(shown[active]);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
    }
  };

  const shown = searching ? options : [];
  const expanded = shown.length > 0;
  const describedBy = ["term-hint", errors.length ? "term-error" : null].filter(Boolean).join(" ");
  return (
    <div className="relative flex flex-col gap-1">
      <Label htmlFor="f-term">{t("fields.term")}</Label>
      <Input
        id="f-term"
        name="term"
        role="combobox"
        autoComplete="off"
        required
        maxLength={200}
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && shown[active] ? `ctcae-opt-${shown[active].code}` : undefined}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (picked && e.target.value !== picked.term) onPick(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <input type="hidden" name="meddraCode" value={picked ? String(picked.code) : ""} />
      {expanded ? (
        <ul id={listId} role="listbox" aria-label={t("fields.meddraCode")} className="absolute top-full z-20 mt-1 max-h-72 w-full overflow-auto rounded-md border bg-background text-sm shadow-md">
          {shown.map((o, i) => (
            <li
              key={o.code}
              id={`ctcae-opt-${o.code}`}
              role="option"
              aria-selected={i === active}
              className={`cursor-pointer px-3 py-2 ${i === active ? "bg-muted" : ""}`}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(o);
              }}
            >
              <span className="font-medium">{o.term}</span> <span className="text-xs text-muted-foreground">{o.soc} · {o.code}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <p id="term-hint" className="text-xs text-muted-foreground" aria-live="polite" data-testid="ctcae-state">
        {picked
          ? t("ctcae.picked", { code: picked.code, soc: picked.soc })
          : loading
            ? t("ctcae.loading")
            : searching && shown.length === 0
              ? t("ctcae.none")
              : t("ctcae.hint")}
      </p>
      {errors.length ? (
        <p id="term-error" className="text-xs text-destructive">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** The picked term's definition of the chosen grade (CTCAE's own words), beside the grade select. */
export function CtcaeGradeDefinition({ picked, grade }: { picked: PickedTerm | null; grade: number }) {
  const t = useTranslations("followup");
  if (!picked) return null;
  const text = picked.grades[grade - 1] ?? null;
  return (
    <p className="text-xs text-muted-foreground md:col-span-2" data-testid="ctcae-grade-definition">
      <span className="font-medium">{t("ctcae.gradeDefinition", { grade })}: </span>
      {text ?? t("ctcae.gradeUndefinedShort")}
    </p>
  );
}
