"use client";

import * as React from "react";
import { useTranslations } from "next-intl";
import { applyRules, type EntryFormDef, type RulesResult } from "@/lib/crf/entry";
import type { ItemDef } from "@/lib/crf/design";
import type { FieldErrors } from "@/lib/actions/result";
import type { CrfFormState } from "@/components/crf/crf-form-context";
import { parsePath, pathsAfterRowRemoved, rowsOf, valueAt, withRowAdded, withRowRemoved, withValue, type EntryValues } from "@/components/crf/entry-values";

const SOFT_KEY = "crf.entry.errors.softLimit";

export type LiveEntryOptions = {
  form: EntryFormDef;
  locale: string;
  initialValues?: EntryValues;
  initialMissing?: Record<string, string>;
  event?: string;
  otherEvents?: Record<string, Record<string, unknown>>;
  /** The network's day and local time ("YYYY-MM-DD HH:mm"), for "today"/"now" in limits and logic. */
  today: string;
  now?: string;
  /** Called on every change the user makes (to clear a form-level message). */
  onEdit?: () => void;
  extras?: (path: string, item: ItemDef) => React.ReactNode;
};

/**
 * A form being filled in, with the rules of lib/crf/entry run on every change: which items show,
 * live calculations, a field's own error once the user has left it, soft-limit breaches to
 * confirm, and the server's field errors until the field is changed again. Shared by data entry
 * and the designer's preview.
 */
export function useLiveEntry(o: LiveEntryOptions) {
  const tAll = useTranslations();
  const [values, setValues] = React.useState<EntryValues>(() => o.initialValues ?? {});
  const [missing, setMissing] = React.useState<Record<string, string>>(() => ({ ...(o.initialMissing ?? {}) }));
  const [confirmed, setConfirmed] = React.useState<ReadonlySet<string>>(() => new Set());
  const [touched, setTouched] = React.useState<ReadonlySet<string>>(() => new Set());
  const [serverErrors, setServerErrorsState] = React.useState<FieldErrors>({});
  const [edited, setEdited] = React.useState<ReadonlySet<string>>(() => new Set());

  const { form, event, otherEvents, today, now } = o;
  const live: RulesResult = React.useMemo(
    () => applyRules(form, { values, missing, event, otherEvents, today, now, complete: false, confirmedSoft: [...confirmed] }),
    [form, event, otherEvents, today, now, values, missing, confirmed],
  );
  const shown = React.useMemo(() => new Set(live.visible), [live]);
  const translate = (e: { key: string; params?: Record<string, string | number> }) => tAll(e.key as never, e.params as never);
  const edit = (path: string) => {
    setEdited((prev) => (prev.has(path) ? prev : new Set(prev).add(path)));
    o.onEdit?.();
  };

  const state: CrfFormState = {
    locale: o.locale,
    readOnly: false,
    value: (p) => valueAt(values, p),
    missing: (p) => missing[p],
    shown: (p) => shown.has(p),
    calculated: (p) => {
      const { item, group } = parsePath(p);
      const v = group ? (live.values[group.name] as Record<string, unknown>[] | undefined)?.[group.row - 1]?.[item] : live.values[item];
      return typeof v === "string" ? v : "";
    },
    error: (p) => {
      if (live.softBreaches[p]) return undefined; // the confirmation box says it
      const server = edited.has(p) ? undefined : serverErrors[p];
      if (server?.length) return server.join(" ");
      const e = live.errors[p];
      return e && e.key !== SOFT_KEY && touched.has(p) ? translate(e) : undefined;
    },
    softBreach: (p) => (live.softBreaches[p] ? translate(live.softBreaches[p]) : undefined),
    confirmed: (p) => confirmed.has(p),
    setValue: (p, v) => {
      setValues((prev) => withValue(prev, p, v));
      edit(p);
    },
    setMissing: (p, code) => {
      setMissing((prev) => {
        const next = { ...prev };
        if (code === null) delete next[p];
        else next[p] = code;
        return next;
      });
      if (code !== null) setValues((prev) => withValue(prev, p, ""));
      edit(p);
    },
    setConfirmed: (p, yes) => {
      setConfirmed((prev) => {
        const next = new Set(prev);
        if (yes) next.add(p);
        else next.delete(p);
        return next;
      });
      edit(p);
    },
    touch: (p) => setTouched((prev) => (prev.has(p) ? prev : new Set(prev).add(p))),
    rowCount: (g) => rowsOf(values, g).length,
    addRow: (g) => {
      setValues((prev) => withRowAdded(prev, g));
      o.onEdit?.();
    },
    removeRow: (g, row) => {
      setValues((prev) => withRowRemoved(prev, g, row));
      setMissing((prev) => pathsAfterRowRemoved(prev, g, row));
      setConfirmed((prev) => new Set(Object.keys(pathsAfterRowRemoved(Object.fromEntries([...prev].map((p) => [p, true])), g, row))));
      setServerErrorsState({});
      o.onEdit?.();
    },
    extras: o.extras,
  };

  /** The server's answer to a save: its field errors show until the user changes those fields. */
  const setServerErrors = (fe: FieldErrors) => {
    setServerErrorsState(fe);
    setEdited(new Set());
    setTouched((prev) => new Set([...prev, ...Object.keys(fe)]));
  };

  return { state, values, missing, confirmed, live, serverErrors, edited, edit, setServerErrors };
}
