import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import { crfTargetColumn, parseCrfTarget } from "@/lib/followup/crf-query-target";
import { participantScope } from "@/lib/participants/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

/**
 * Of the given queries, those on a CRF item whose participant is in the actor's scope, by id
 * with the item's label in both languages: how a notice that did not store the label (one
 * raised before labels were stored, or by a save's soft-limit breach) names the item.
 */
export const crfQueryLabels = defineQuery({
  permission: "followup.read",
  run: async (actor: ReadActor, queryIds: readonly number[]): Promise<Map<number, { zh: string; en: string }>> => {
    const ids = [...new Set(queryIds)].filter((id) => Number.isSafeInteger(id) && id > 0);
    if (ids.length === 0) return new Map();
    const db = await getDb();
    const rows = await queryRows<{ id: number; crf: unknown }>(
      db,
      sql`select q.id, ${crfTargetColumn()} as crf
          from queries q join participants p on p.id = q.participant_id
          where q.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) and q.entity_type = 'crf_form' and ${participantScope(actor)}`,
    );
    const out = new Map<number, { zh: string; en: string }>();
    for (const r of rows) {
      const t = parseCrfTarget(r.crf);
      if (t) out.set(Number(r.id), { zh: t.labelZh, en: t.labelEn });
    }
    return out;
  },
  otherwise: () => new Map<number, { zh: string; en: string }>(),
});
