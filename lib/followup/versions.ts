import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { recordVersions, type ClinicalEntity } from "@/db/schema";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { diffEntries } from "@/lib/audit/diff";

export type VersionTarget = { entityType: ClinicalEntity; entityId: number; studyId: number; participantId: number };

/**
 * Field names whose values differ between two snapshots, by the audit trail's own comparison
 * (lib/audit/diff.ts); a field absent from one snapshot counts as null. Stored with the version,
 * this is what the history tables show as changed.
 */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown>): string[] {
  if (!before) return [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const full = (o: Record<string, unknown>) => Object.fromEntries(keys.map((k) => [k, o[k] ?? null]));
  return diffEntries(full(before), full(after))
    .filter((e) => e.changed)
    .map((e) => e.key)
    .sort();
}

export async function latestVersion(tx: Db, target: Pick<VersionTarget, "entityType" | "entityId">) {
  const [row] = await tx
    .select()
    .from(recordVersions)
    .where(and(eq(recordVersions.entityType, target.entityType), eq(recordVersions.entityId, target.entityId)))
    .orderBy(desc(recordVersions.version))
    .limit(1);
  return row ?? null;
}

/**
 * Saves the next version of a clinical record. The caller holds the record's row lock. A change
 * to a record that already has a saved version needs a reason (field "reason"); saving the same
 * values again is refused ("nothing changed") so that history holds only real changes.
 */
export async function appendVersion(
  tx: Db,
  target: VersionTarget,
  values: Record<string, unknown>,
  actorId: number,
  reason: string | null | undefined,
): Promise<{ version: number; id: number; before: Record<string, unknown> | null; changed: string[] }> {
  const prev = await latestVersion(tx, target);
  const changed = changedFields(prev?.values ?? null, values);
  if (prev) {
    if (changed.length === 0) throw new ActionError("followup.errors.noChange");
    if (!reason) throw fieldError("reason", "followup.errors.reasonRequired");
  }
  const [row] = await tx
    .insert(recordVersions)
    .values({ ...target, version: (prev?.version ?? 0) + 1, values, changedFields: changed, changedBy: actorId, reason: prev ? reason : null })
    .returning({ id: recordVersions.id, version: recordVersions.version });
  return { version: row.version, id: row.id, before: prev?.values ?? null, changed };
}

/** Only the changed fields of two snapshots: what an audit event records. */
export function pick(values: Record<string, unknown> | null, fields: string[]): Record<string, unknown> | null {
  if (!values) return null;
  return Object.fromEntries(fields.map((f) => [f, values[f] ?? null]));
}
