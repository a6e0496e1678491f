"use client";

import * as React from "react";
import type { EntryFormDef } from "@/lib/crf/entry/types";
import { FormItem } from "@/components/crf/form-item";
import { RepeatingGroup } from "@/components/crf/repeating-group";
import { bi, formBlocks, type Block } from "@/components/crf/layout";
import { useCrfForm } from "@/components/crf/crf-form-context";

type Section = { key: string; label: string | null; blocks: Exclude<Block, { kind: "section" }>[] };

/**
 * A form's sections, items and repeating groups in design order, inside a CrfFormProvider: the
 * same renderer for data entry, the read-only view and the designer's preview.
 */
export function CrfForm({ form }: { form: EntryFormDef }) {
  const s = useCrfForm();
  const sections = React.useMemo(() => {
    const out: Section[] = [];
    for (const b of formBlocks(form)) {
      if (b.kind === "section") out.push({ key: b.key, label: bi(b.label, s.locale), blocks: [] });
      else {
        if (out.length === 0) out.push({ key: "s-first", label: null, blocks: [] });
        out[out.length - 1].blocks.push(b);
      }
    }
    return out;
  }, [form, s.locale]);
  return (
    <div className="space-y-6">
      {sections.map((sec) => (
        <section key={sec.key} aria-labelledby={sec.label ? `h-${sec.key}` : undefined} className="space-y-1">
          {sec.label ? (
            <h3 id={`h-${sec.key}`} className="border-b-2 border-primary/30 pb-1 text-base font-semibold">
              {sec.label}
            </h3>
          ) : null}
          {sec.blocks.map((b) =>
            b.kind === "item" ? <FormItem key={b.key} item={b.item} /> : <RepeatingGroup key={b.key} group={b.group} items={b.items} rows={s.rowCount(b.group.name)} />,
          )}
        </section>
      ))}
    </div>
  );
}
