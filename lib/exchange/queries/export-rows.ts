import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import type { CrfFormInstanceStatus } from "@/db/enums";
import { exportParticipantScope, idList } from "@/lib/exchange/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

/** Rows per read: a batch is held in memory while it is written, never more. */
export const EXPORT_BATCH = 2000;
/** Participants per read of the wide file (each with all their instances). */
export const WIDE_BATCH = 250;

export type FormBatchArgs = { studyId: number; formId: number; eventIds: readonly number[]; siteIds: readonly number[]; afterId: number; limit?: number };
export type InstanceRow = {
  id: number;
  participantId: number;
  subject: string;
  site: string;
  event: string;
  repeat: number;
  formVersion: number;
  status: CrfFormInstanceStatus;
  values: Record<string, unknown>;
  missing: Record<string, string>;
};

/**
 * The next batch of a form's instances in the study after instance `afterId` (keyset by id: the
 * same cost for the last batch as the first, on PGlite and PostgreSQL), of the participants the
 * actor reads on the participant pages, at the chosen events and sites (empty: all).
 */
export const exportFormBatch = defineQuery({
  permission: "exchange.export",
  run: async (actor: ReadActor, a: FormBatchArgs): Promise<InstanceRow[]> => {
    if (a.eventIds.length === 0) return [];
    const db = await getDb();
    // Values as JSON text, parsed here: cheaper than a parsed object handed over from PGlite's worker thread.
    const rows = await queryRows<Omit<InstanceRow, "values" | "missing"> & { values: string; missing: string }>(
      db,
      sql`select i.id, i.participant_id as "participantId", p.subject_code as subject, o.code as site, e.name as event, i.repeat,
            fv.version as "formVersion", i.status, i.values::text as values, i.missing::text as missing
          from crf_form_instances i
          join participants p on p.id = i.participant_id
          join organisations o on o.id = p.centre_id
          join crf_events e on e.id = i.event_id
          join crf_form_versions fv on fv.id = i.form_version_id
          where i.study_id = ${a.studyId} and i.form_id = ${a.formId} and i.id > ${a.afterId} and i.event_id in ${idList(a.eventIds)}
            ${a.siteIds.length ? sql`and p.centre_id in ${idList(a.siteIds)}` : sql``}
            and ${exportParticipantScope(actor)}
          order by i.id limit ${a.limit ?? EXPORT_BATCH}`,
    );
    return rows.map((r) => ({ ...r, values: JSON.parse(r.values) as Record<string, unknown>, missing: JSON.parse(r.missing) as Record<string, string> }));
  },
  otherwise: (): InstanceRow[] => [],
});

export type ParticipantBatchArgs = { studyId: number; formIds: readonly number[]; eventIds: readonly number[]; siteIds: readonly number[]; afterId: number; limit?: number };
export type ParticipantInstances = {
  id: number;
  subject: string;
  site: string;
  instances: { eventId: number; formId: number; repeat: number; values: Record<string, unknown>; missing: Record<string, string> }[];
};

/**
 * The next batch of the study's participants after participant `afterId` (keyset by id) that the
 * actor reads, at the chosen sites, each with their instances of the chosen forms at the chosen
 * events: the lines of the wide file.
 */
export const exportParticipantBatch = defineQuery({
  permission: "exchange.export",
  run: async (actor: ReadActor, a: ParticipantBatchArgs): Promise<ParticipantInstances[]> => {
    const db = await getDb();
    const instancesWanted = a.formIds.length > 0 && a.eventIds.length > 0;
    const rows = await queryRows<{ pid: number; subject: string; site: string; event_id: number | null; form_id: number | null; repeat: number | null; values: string | null; missing: string | null }>(
      db,
      sql`with ps as (
            select p.id, p.subject_code, o.code as site from participants p join organisations o on o.id = p.centre_id
            where p.study_id = ${a.studyId} and p.id > ${a.afterId}
              ${a.siteIds.length ? sql`and p.centre_id in ${idList(a.siteIds)}` : sql``}
              and ${exportParticipantScope(actor)}
            order by p.id limit ${a.limit ?? WIDE_BATCH}
          )
          select ps.id as pid, ps.subject_code as subject, ps.site, i.event_id, i.form_id, i.repeat, i.values::text as values, i.missing::text as missing
          from ps left join crf_form_instances i on i.participant_id = ps.id and i.study_id = ${a.studyId}
            and ${instancesWanted ? sql`i.form_id in ${idList(a.formIds)} and i.event_id in ${idList(a.eventIds)}` : sql`false`}
          order by ps.id`,
    );
    const out: ParticipantInstances[] = [];
    for (const r of rows) {
      const pid = Number(r.pid);
      let last = out[out.length - 1];
      if (!last || last.id !== pid) {
        last = { id: pid, subject: r.subject, site: r.site, instances: [] };
        out.push(last);
      }
      if (r.event_id !== null) last.instances.push({ eventId: Number(r.event_id), formId: Number(r.form_id), repeat: Number(r.repeat), values: JSON.parse(r.values ?? "{}") as Record<string, unknown>, missing: JSON.parse(r.missing ?? "{}") as Record<string, string> });
    }
    return out;
  },
  otherwise: (): ParticipantInstances[] => [],
});
