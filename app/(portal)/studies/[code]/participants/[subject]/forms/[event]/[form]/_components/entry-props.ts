import type { EntryFormDef } from "@/lib/crf/entry/types";

/** One saved state of an answer (the per-value history, oldest first): the value or code, when (local time with zone), who, why. */
export type ValueChange = { version: number; at: string; by: string; value: string | string[] | { missing: string } | null; reason: string | null };

/** What the form page hands its client part: plain data, no functions. */
export type EntryPageData = {
  key: { participantId: number; eventId: number; formId: number; repeat: number };
  eventName: string;
  form: EntryFormDef & { formId: number; formVersionId: number; version: number };
  instance: { id: number; status: "in_progress" | "complete" | "verified"; values: Record<string, unknown>; missing: Record<string, string>; version: number } | null;
  otherEvents: Record<string, Record<string, unknown>>;
  today: string;
  now: string;
  canEdit: boolean;
  canVerify: boolean;
  canRaiseQuery: boolean;
  /** Queries on this form, by item path. */
  queries: { id: number; field: string; status: "open" | "answered" | "closed" }[];
  history: Record<string, ValueChange[]>;
  /** Where "save and go to the next form" goes, and where the participant page is. */
  nextHref: string | null;
  participantHref: string;
};
