"use client";

import { ItemControl, type ControlProps } from "@/components/crf/item-control";
import { useCrfForm } from "@/components/crf/crf-form-context";

/** The input of the item at `path` (a form item or a group row's cell), bound to the form's answers: edits, leaving it, the locale. */
export function PathControl({ path, ...p }: Omit<ControlProps, "value" | "onChange" | "onBlur" | "locale"> & { path: string }) {
  const s = useCrfForm();
  return <ItemControl {...p} value={s.value(path)} onChange={(v) => s.setValue(path, v)} onBlur={() => s.touch(path)} locale={s.locale} />;
}
