import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { CrfEventKind } from "@/db/enums";
import type { AdminLocation, AdminUser, ClinicalInstance, ClinicalSubject, ClinicalVersion } from "@/lib/exchange/odm/clinical-xml";

/** Subjects read per statement while a clinical file streams: the memory of a batch, not of the study. */
export const SUBJECT_BATCH = 100;

const ids = (xs: readonly number[]) => sql.join(xs.map((x) => sql`${x}::int`), sql`, `);
const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

/**
 * The subjects of a study an export writes, in batches by participant id; `inScope` is the
 * caller's participant scope over `p` (lib/crf/scope.ts crfParticipantScope) and site filter:
 * nothing outside it is ever read.
 */
export async function* clinicalSubjects(db: Db, studyId: number, inScope: SQL): AsyncGenerator<ClinicalSubject[]> {
  let after = 0;
  for (;;) {
    const people = await queryRows<{ id: number; subject_code: string; centre_code: string }>(
      db,
      sql`select p.id, p.subject_code, c.code as centre_code from participants p join organisations c on c.id = p.centre_id
          where p.study_id = ${studyId} and p.id > ${after} and ${inScope} order by p.id limit ${SUBJECT_BATCH}`,
    );
    if (people.length === 0) return;
    after = Number(people.at(-1)!.id);
    const instances = await queryRows<{
      id: number; participant_id: number; event: string; kind: CrfEventKind; repeat: number; form: string; values: Record<string, unknown>; missing: Record<string, string>;
      verified_by: number | null; verifier_centre: string | null; verified_at: unknown;
    }>(
      db,
      sql`select fi.id, fi.participant_id, e.name as event, e.kind, fi.repeat, f.name as form, fi.values, fi.missing,
                 fi.verified_by, vc.code as verifier_centre, fi.verified_at
          from crf_form_instances fi join crf_events e on e.id = fi.event_id join crf_forms f on f.id = fi.form_id
          left join crf_event_forms ef on ef.event_id = fi.event_id and ef.form_id = fi.form_id
          left join users vu on vu.id = fi.verified_by left join organisations vc on vc.id = vu.centre_id
          where fi.study_id = ${studyId} and fi.participant_id in (${ids(people.map((p) => Number(p.id)))})
          order by fi.participant_id, e.ordinal, e.id, fi.repeat, ef.ordinal nulls last, f.ordinal, f.id`,
    );
    const versions = instances.length
      ? await queryRows<{ entity_id: number; version: number; changed_fields: string[]; changed_by: number; centre_code: string; changed_at: unknown; reason: string | null }>(
          db,
          sql`select rv.entity_id, rv.version, rv.changed_fields, rv.changed_by, c.code as centre_code, rv.changed_at, rv.reason
              from record_versions rv join users u on u.id = rv.changed_by join organisations c on c.id = u.centre_id
              where rv.entity_type = 'crf_form' and rv.entity_id in (${ids(instances.map((i) => Number(i.id)))})
              order by rv.entity_id, rv.version`,
        )
      : [];
    const byInstance = new Map<number, ClinicalVersion[]>();
    for (const v of versions) {
      const list = byInstance.get(Number(v.entity_id)) ?? [];
      list.push({ version: Number(v.version), changedFields: v.changed_fields ?? [], changedBy: Number(v.changed_by), centreCode: v.centre_code, changedAt: asDate(v.changed_at), reason: v.reason });
      byInstance.set(Number(v.entity_id), list);
    }
    const byPerson = new Map<number, ClinicalInstance[]>();
    for (const i of instances) {
      const list = byPerson.get(Number(i.participant_id)) ?? [];
      list.push({
        event: i.event,
        eventRepeating: i.kind !== "scheduled",
        repeat: Number(i.repeat),
        form: i.form,
        values: i.values ?? {},
        missing: i.missing ?? {},
        verifiedBy: i.verified_by === null ? null : Number(i.verified_by),
        verifierCentreCode: i.verifier_centre,
        verifiedAt: i.verified_at === null || i.verified_at === undefined ? null : asDate(i.verified_at),
        versions: byInstance.get(Number(i.id)) ?? [],
      });
      byPerson.set(Number(i.participant_id), list);
    }
    yield people.map((p) => ({ subjectCode: p.subject_code, centreCode: p.centre_code, instances: byPerson.get(Number(p.id)) ?? [] }));
  }
}

/** Who and where the file names (AuditRecord, Signature, SiteRef): AdminData is written before the data, so read first, in scope. */
export async function clinicalAdmin(db: Db, studyId: number, inScope: SQL): Promise<{ users: AdminUser[]; locations: AdminLocation[]; subjects: number }> {
  const scoped = sql`(select p.id, p.centre_id from participants p where p.study_id = ${studyId} and ${inScope})`;
  const users = await queryRows<{ id: number; name: string; centre_code: string }>(
    db,
    sql`select u.id, u.name, c.code as centre_code from users u join organisations c on c.id = u.centre_id
        where u.id in (select rv.changed_by from record_versions rv join crf_form_instances fi on fi.id = rv.entity_id and rv.entity_type = 'crf_form'
                       join ${scoped} sp on sp.id = fi.participant_id where fi.study_id = ${studyId}
                       union select fi.verified_by from crf_form_instances fi join ${scoped} sp on sp.id = fi.participant_id where fi.study_id = ${studyId})
        order by u.id`,
  );
  const locations = await queryRows<{ code: string; name: string }>(
    db,
    sql`select c.code, c.name_en || ' / ' || c.name_zh as name from organisations c
        where c.id in (select sp.centre_id from ${scoped} sp union select u.centre_id from users u where u.id in (${users.length ? ids(users.map((u) => Number(u.id))) : sql`null`}))
        order by c.code`,
  );
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${scoped} sp`);
  return { users: users.map((u) => ({ id: Number(u.id), name: u.name, centreCode: u.centre_code })), locations, subjects: Number(n) };
}
