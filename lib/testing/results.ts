import { expect } from "vitest";
import type { ActionResult } from "@/lib/actions/result";

/** The tables a follow-up command may write: a refused one must leave all their counts unchanged. */
export const FOLLOWUP_TABLES = ["participant_visits", "adverse_events", "record_versions", "queries", "query_events", "notifications", "participants", "audit_events"];

/** A refused command; with `fields`, refused with (at least) an error on each of those fields. */
export function expectRefused(r: ActionResult<unknown>, fields?: string[]) {
  expect(r.ok).toBe(false);
  if (fields) expect(Object.keys(r.ok ? {} : (r.fieldErrors ?? {}))).toEqual(expect.arrayContaining(fields));
}

/** A command that succeeded: its data, or the test fails with the message and field errors it got. */
export function expectOk<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(`expected success, got: ${r.message} ${JSON.stringify(r.fieldErrors ?? {})}`);
  return r.data;
}
