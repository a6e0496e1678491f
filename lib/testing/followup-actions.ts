import { expect } from "vitest";
import { defineAction } from "@/lib/actions/define-action";
import { addAe, addAeSchema, updateAe, updateAeSchema } from "@/lib/followup/commands/adverse-event";
import { answerQuery, answerQuerySchema } from "@/lib/followup/commands/answer-query";
import { closeQuery, closeQuerySchema, reopenQuery, reopenQuerySchema } from "@/lib/followup/commands/close-query";
import { correctParticipant, correctParticipantSchema } from "@/lib/followup/commands/correct-participant";
import { raiseQuery, raiseQuerySchema } from "@/lib/followup/commands/raise-query";
import { readNotifications, readNotificationsSchema } from "@/lib/notifications/commands/read-notifications";
import { recordVisit, recordVisitSchema } from "@/lib/followup/commands/record-visit";
import { verifyRecord, verifySchema } from "@/lib/followup/commands/verify";

/** The follow-up commands wrapped exactly as app/(portal)/follow-up/**\/actions.ts wraps them. */
export const act = {
  visit: defineAction({ schema: recordVisitSchema, permission: "followup.record", handler: recordVisit }),
  addAe: defineAction({ schema: addAeSchema, permission: "followup.record", handler: addAe }),
  updateAe: defineAction({ schema: updateAeSchema, permission: "followup.record", handler: updateAe }),
  correct: defineAction({ schema: correctParticipantSchema, permission: "followup.record", handler: correctParticipant }),
  raise: defineAction({ schema: raiseQuerySchema, permission: "followup.query", handler: raiseQuery }),
  answer: defineAction({ schema: answerQuerySchema, permission: "followup.record", handler: answerQuery }),
  close: defineAction({ schema: closeQuerySchema, permission: "followup.query", handler: closeQuery }),
  reopen: defineAction({ schema: reopenQuerySchema, permission: "followup.query", handler: reopenQuery }),
  verify: defineAction({ schema: verifySchema, permission: "followup.verify", handler: verifyRecord }),
  read: defineAction({ schema: readNotificationsSchema, permission: "notification.read", handler: readNotifications }),
};

export const FOLLOWUP_TABLES = ["participant_visits", "adverse_events", "record_versions", "queries", "query_events", "notifications", "participants", "audit_events"];

export type Result = { ok: boolean; message?: string; fieldErrors?: Record<string, string[]>; data?: unknown };

export function expectRefused(r: Result, fields?: string[]) {
  expect(r.ok).toBe(false);
  if (fields) expect(Object.keys(r.fieldErrors ?? {})).toEqual(expect.arrayContaining(fields));
}

export function expectOk<T>(r: { ok: true; data: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(`expected success, got: ${r.message} ${JSON.stringify((r as Result).fieldErrors ?? {})}`);
  return r.data;
}
