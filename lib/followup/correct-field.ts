import type { z } from "zod";
import type { Db } from "@/db/client";
import type { ClinicalEntity } from "@/db/schema";
import type { AuditInput } from "@/lib/audit/append";
import { ActionError, fieldError } from "@/lib/actions/errors";
import type { Actor } from "@/lib/authz/actor";
import { lockOwnParticipant } from "@/lib/participants/participant-lock";
import { aeSnapshot, lockAeAtOwnSite, saveAe } from "@/lib/followup/ae-record";
import { aeValuesSchema, participantValuesSchema, visitValuesSchema } from "@/lib/followup/fields";
import { participantSnapshot, saveParticipantData } from "@/lib/followup/participant-record";
import { pick } from "@/lib/followup/versions";
import { lockVisitAtOwnSite, saveVisit, visitSnapshot } from "@/lib/followup/visit-record";

type Saved = { id: number; version: number; before: Record<string, unknown> | null; changed: string[]; values: Record<string, unknown> };

/** A form's single corrected value, parsed with the record's own rules; errors land on "correctedValue". */
function merged<T>(schema: z.ZodType<T>, current: object, field: string, raw: string): T {
  const parsed = schema.safeParse({ ...current, [field]: raw });
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as (z.core.$ZodIssue & { params?: Record<string, string | number> }) | undefined;
    const msg = issue?.message ?? "validation.invalid";
    throw fieldError("correctedValue", msg.includes(".") ? msg : "validation.invalid", issue?.params);
  }
  return parsed.data;
}

async function asCorrectedValue<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ActionError && err.fieldErrors && !err.fieldErrors.reason) {
      const key = Object.values(err.fieldErrors)[0]?.[0] ?? "validation.invalid";
      throw fieldError("correctedValue", key, err.params);
    }
    throw err;
  }
}

/**
 * Site staff correct one field of a record at their own site (answering a query): the record's
 * own checks, versioning (reason required) and SDV clearing apply as for any other change.
 * Returns the record version written and its audit event.
 */
export async function correctField(
  tx: Db,
  actor: Pick<Actor, "id" | "role" | "centreId">,
  entityType: ClinicalEntity,
  entityId: number,
  field: string,
  raw: string,
  reason: string,
): Promise<{ saved: Saved; event: AuditInput }> {
  let saved: Saved;
  let centreId: number;
  let studyId: number;
  let sdvCleared = false;
  if (entityType === "visit") {
    const at = await lockVisitAtOwnSite(tx, actor, entityId);
    const values = merged(visitValuesSchema, visitSnapshot(at.visit), field, raw);
    const r = await asCorrectedValue(() => saveVisit(tx, actor, at, values, reason));
    [saved, centreId, studyId, sdvCleared] = [{ ...r, id: r.id }, at.participant.centreId, at.study.id, r.sdvCleared];
  } else if (entityType === "adverse_event") {
    const at = await lockAeAtOwnSite(tx, actor, entityId);
    const values = merged(aeValuesSchema, aeSnapshot(at.ae), field, raw);
    const r = await asCorrectedValue(() => saveAe(tx, actor, at, values, reason));
    [saved, centreId, studyId, sdvCleared] = [r, at.participant.centreId, at.study.id, r.sdvCleared];
  } else {
    const { participant, study } = await lockOwnParticipant(tx, actor, entityId);
    const values = merged(participantValuesSchema, participantSnapshot(participant), field, raw);
    const r = await asCorrectedValue(() => saveParticipantData(tx, actor, participant, study, values, reason));
    [saved, centreId, studyId] = [r, participant.centreId, study.id];
  }
  const action = entityType === "participant" ? "participant.data.corrected" : entityType === "visit" ? "visit.changed" : "ae.changed";
  return {
    saved,
    event: {
      action,
      entityType,
      entityId,
      centreId,
      studyId,
      before: pick(saved.before, saved.changed),
      after: { ...pick(saved.values, saved.changed), version: saved.version, sdvCleared },
      reason,
    },
  };
}
