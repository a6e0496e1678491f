"use client";

import * as React from "react";
import type { ItemDef } from "@/lib/crf/design";
import type { ItemValue } from "@/lib/crf/entry/types";

/** What every item of a rendered form reads and calls, by path ("weight", "lesions.2.diameter"). */
export type CrfFormState = {
  locale: string;
  readOnly: boolean;
  value: (path: string) => ItemValue | undefined;
  missing: (path: string) => string | undefined;
  /** Branching: hidden items are not rendered (true for all when the rules are not known). */
  shown: (path: string) => boolean;
  /** A calculated item's live value. */
  calculated: (path: string) => string;
  /** The message to show under the item (translated), if any. */
  error: (path: string) => string | undefined;
  /** A soft-limit breach to confirm (translated), if any. */
  softBreach: (path: string) => string | undefined;
  confirmed: (path: string) => boolean;
  setValue: (path: string, v: ItemValue) => void;
  setMissing: (path: string, code: string | null) => void;
  setConfirmed: (path: string, yes: boolean) => void;
  touch: (path: string) => void;
  rowCount: (group: string) => number;
  addRow: (group: string) => void;
  removeRow: (group: string, row: number) => void;
  /** What the page adds beside an item: open queries, "raise query", the value's history. */
  extras?: (path: string, item: ItemDef) => React.ReactNode;
};

const Ctx = React.createContext<CrfFormState | null>(null);

export function CrfFormProvider({ state, children }: { state: CrfFormState; children: React.ReactNode }) {
  return <Ctx.Provider value={state}>{children}</Ctx.Provider>;
}

export function useCrfForm(): CrfFormState {
  const s = React.useContext(Ctx);
  if (!s) throw new Error("useCrfForm outside CrfFormProvider");
  return s;
}

/** The DOM id of an item's control, from its path (dots are not welcome in ids used by selectors). */
export function controlId(path: string): string {
  return `crf-${path.replace(/\./g, "-")}`;
}
