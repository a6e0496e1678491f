"use client";

import * as React from "react";
import { useLocale } from "next-intl";
import { applyRules } from "@/lib/crf/entry";
import type { ItemDef } from "@/lib/crf/design";
import { CrfForm } from "@/components/crf/crf-form";
import { CrfFormProvider, type CrfFormState } from "@/components/crf/crf-form-context";
import { parsePath, rowsOf, valueAt, type EntryValues } from "@/components/crf/entry-values";
import type { EntryPageData } from "@/app/(portal)/studies/[code]/participants/[subject]/forms/[event]/[form]/_components/entry-props";
import { ItemExtras } from "@/app/(portal)/studies/[code]/participants/[subject]/forms/[event]/[form]/_components/item-extras";

const nothing = () => undefined;

/** A saved form as monitors and the PI read it (or anyone once it is verified): values, codes, queries, history. */
export function FormView({ data }: { data: EntryPageData }) {
  const locale = useLocale();
  const values = (data.instance?.values ?? {}) as EntryValues;
  const missing = data.instance?.missing ?? {};
  // Branching over the stored answers: what was hidden when saved stays hidden.
  const shown = React.useMemo(() => {
    const stored = data.instance ?? { values: {}, missing: {} };
    const r = applyRules(data.form, { values: stored.values, missing: stored.missing, event: data.eventName, otherEvents: data.otherEvents, today: data.today, now: data.now });
    return new Set(r.visible);
  }, [data]);
  const state: CrfFormState = {
    locale,
    readOnly: true,
    value: (p) => valueAt(values, p),
    missing: (p) => missing[p],
    shown: (p) => shown.has(p),
    calculated: (p) => {
      const { item, group } = parsePath(p);
      const v = group ? rowsOf(values, group.name)[group.row - 1]?.[item] : values[item];
      return typeof v === "string" ? v : "";
    },
    error: nothing,
    softBreach: nothing,
    confirmed: () => false,
    setValue: () => {},
    setMissing: () => {},
    setConfirmed: () => {},
    touch: () => {},
    rowCount: (g) => rowsOf(values, g).length,
    addRow: () => {},
    removeRow: () => {},
    extras: (path: string, item: ItemDef) => <ItemExtras path={path} item={item} data={data} instanceId={data.instance?.id ?? null} />,
  };
  return (
    <div data-testid="crf-form-view">
      <CrfFormProvider state={state}>
        <CrfForm form={data.form} />
      </CrfFormProvider>
    </div>
  );
}
