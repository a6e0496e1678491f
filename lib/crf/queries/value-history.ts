import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import { flattenValues, type ItemValue } from "@/lib/crf/entry";
import { crfParticipantScope } from "@/lib/crf/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

/** One saved value of an item: the value (or missing-data code; null when blank), who saved it, when, and why. */
export type ValueHistoryEntry = { version: number; value: ItemValue | { missing: string } | null; changedByName: string | null; changedAt: string; reason: string | null };

type VersionRow = { version: number; values: { values?: Record<string, unknown>; missing?: Record<string, string> }; changed_by_name: string | null; changed_at: Date | string; reason: string | null };

/** Every saved version of a form instance, oldest first, in the actor's participant scope. */
async function instanceVersions(actor: ReadActor, instanceId: number): Promise<VersionRow[]> {
  const db = await getDb();
  return queryRows<VersionRow>(
    db,
    sql`select rv.version, rv.values, u.name as changed_by_name, rv.changed_at, rv.reason
        from record_versions rv
        join participants p on p.id = rv.participant_id
        left join users u on u.id = rv.changed_by
        where rv.entity_type = 'crf_form' and rv.entity_id = ${instanceId} and ${crfParticipantScope(actor)}
        order by rv.version`,
  );
}

/** The first saved value of a path and every later change of it, from the versions given. */
function historyOfPath(versions: readonly { row: VersionRow; flat: Record<string, ItemValue | { missing: string }> }[], path: string): ValueHistoryEntry[] {
  const out: ValueHistoryEntry[] = [];
  let last: string | undefined;
  for (const { row, flat } of versions) {
    const value = flat[path] ?? null;
    const key = JSON.stringify(value);
    if (key === last || (last === undefined && value === null)) continue;
    last = key;
    out.push({ version: Number(row.version), value, changedByName: row.changed_by_name, changedAt: new Date(row.changed_at).toISOString(), reason: row.reason });
  }
  return out;
}

/**
 * The history of items of a form instance ("weight", "lesions.2.diameter"), by path: the first
 * saved value and every later change of it, oldest first, from record_versions read once.
 * Participant scope as every participant-level read (viewers: nothing).
 */
export const formValueHistory = defineQuery({
  permission: "crf.read",
  run: async (actor: ReadActor, instanceId: number, paths: readonly string[]): Promise<Record<string, ValueHistoryEntry[]>> => {
    const rows = await instanceVersions(actor, instanceId);
    const versions = rows.map((row) => ({ row, flat: flattenValues(row.values.values ?? {}, row.values.missing ?? {}) }));
    return Object.fromEntries(paths.map((p) => [p, historyOfPath(versions, p)]));
  },
  otherwise: (_instanceId: number, paths: readonly string[]): Record<string, ValueHistoryEntry[]> => Object.fromEntries(paths.map((p) => [p, []])),
});

/** The history of one item of a form instance (see formValueHistory). */
export const valueHistory = defineQuery({
  permission: "crf.read",
  run: async (actor: ReadActor, instanceId: number, path: string): Promise<ValueHistoryEntry[]> => (await formValueHistory(actor, instanceId, [path]))[path],
  otherwise: (): ValueHistoryEntry[] => [],
});
