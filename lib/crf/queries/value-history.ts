import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import { flattenValues, type ItemValue } from "@/lib/crf/entry";
import { crfParticipantScope } from "@/lib/crf/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

/** One saved value of an item: the value (or missing-data code; null when blank), who saved it, when, and why. */
export type ValueHistoryEntry = { version: number; value: ItemValue | { missing: string } | null; changedByName: string | null; changedAt: string; reason: string | null };

/**
 * The history of one item of a form instance ("weight", "lesions.2.diameter"): the first saved
 * value and every later change of it, oldest first, from record_versions. Participant scope as
 * every participant-level read (viewers: nothing).
 */
export const valueHistory = defineQuery({
  permission: "crf.read",
  run: async (actor: ReadActor, instanceId: number, path: string): Promise<ValueHistoryEntry[]> => {
    const db = await getDb();
    const rows = await queryRows<{ version: number; values: { values?: Record<string, unknown>; missing?: Record<string, string> }; changed_by_name: string | null; changed_at: Date | string; reason: string | null }>(
      db,
      sql`select rv.version, rv.values, u.name as changed_by_name, rv.changed_at, rv.reason
          from record_versions rv
          join participants p on p.id = rv.participant_id
          left join users u on u.id = rv.changed_by
          where rv.entity_type = 'crf_form' and rv.entity_id = ${instanceId} and ${crfParticipantScope(actor)}
          order by rv.version`,
    );
    const out: ValueHistoryEntry[] = [];
    let last: string | undefined;
    for (const r of rows) {
      const value = flattenValues(r.values.values ?? {}, r.values.missing ?? {})[path] ?? null;
      const key = JSON.stringify(value);
      if (key === last || (last === undefined && value === null)) continue;
      last = key;
      out.push({ version: Number(r.version), value, changedByName: r.changed_by_name, changedAt: new Date(r.changed_at).toISOString(), reason: r.reason });
    }
    return out;
  },
  otherwise: (): ValueHistoryEntry[] => [],
});
