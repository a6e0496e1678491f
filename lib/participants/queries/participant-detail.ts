import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import type { ParticipantSex, ParticipantStatus, WithdrawalReason } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { armVisibleSql, mayUnblind } from "@/lib/participants/blinding";
import { participantScope, seesWholeStudySql } from "@/lib/participants/scope";
import { defineQuery } from "@/lib/reads/define-query";
import { formatNetworkInstant } from "@/lib/time/network-instant";

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

export type ParticipantDetail = {
  id: number;
  subjectCode: string;
  studyId: number;
  studyCode: string;
  status: ParticipantStatus;
  sex: ParticipantSex;
  yearOfBirth: number;
  enrolledOn: string;
  screenedOn: string;
  consentLabel: string;
  consentDate: string;
  specimensFutureUse: boolean;
  strata: Record<string, string>;
  withdrawnOn: string | null;
  withdrawalReason: WithdrawalReason | null;
  siteId: number;
  centreId: number;
  centreCode: string;
  centreNameZh: string;
  centreNameEn: string;
  enrolCentreCode: string;
  randomizedAt: string | null;
  armCode: string | null;
  armNameZh: string | null;
  armNameEn: string | null;
  /** Randomized, and the arm is hidden from this actor. */
  blinded: boolean;
  inOtherStudy: boolean;
  /** The actor may unblind this participant (blinded study, allocated, not yet unblinded). */
  canUnblind: boolean;
  /** Site staff at the participant's current site may withdraw / transfer. */
  atActorsSite: boolean;
  unblindings: { at: string; byName: string; reason: string }[];
  transfers: { on: string; fromCode: string; toCode: string; reason: string; byName: string | null }[];
  history: { at: string; action: string; byName: string | null; reason: string | null }[];
};

/** An instant as the network's local "YYYY-MM-DD HH:mm" (times are read in the network's zone, like days). */
/** An instant as UTC ISO text, shown to the reader by `formatNetworkInstant` (local time with the zone). */
const instantIso = (instant: SQL) => sql`to_char(${instant} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const shown = <R extends { at: string }>(rows: R[]): R[] => rows.map((r) => ({ ...r, at: formatNetworkInstant(r.at) }));

/** One participant by subject code within the actor's scope, or null (the page answers 404). */
export const getParticipant = defineQuery({
  permission: "participant.read",
  run: (actor: ScopeActor, studyId: number, subjectCode: string) => participantDetail(actor, studyId, subjectCode),
  otherwise: (): ParticipantDetail | null => null,
});

async function participantDetail(actor: ScopeActor, studyId: number, subjectCode: string): Promise<ParticipantDetail | null> {
  const db = await getDb();
  const vis = armVisibleSql(actor);
  const [row] = await queryRows<Omit<ParticipantDetail, "canUnblind" | "atActorsSite" | "unblindings" | "transfers" | "history"> & { piUserId: number; blinding: string | null; unblinded: boolean }>(
    db,
    sql`select p.id, p.subject_code as "subjectCode", p.study_id as "studyId", s.code as "studyCode", p.status, p.sex,
          p.year_of_birth as "yearOfBirth", p.enrolled_on::text as "enrolledOn", sc.screened_on::text as "screenedOn",
          cv.label as "consentLabel", p.consent_date::text as "consentDate", p.specimens_future_use as "specimensFutureUse",
          p.strata, p.withdrawn_on::text as "withdrawnOn", p.withdrawal_reason as "withdrawalReason",
          p.site_id as "siteId", p.centre_id as "centreId", o.code as "centreCode", o.name_zh as "centreNameZh", o.name_en as "centreNameEn",
          eo.code as "enrolCentreCode", ${instantIso(sql`e.assigned_at`)} as "randomizedAt",
          case when ${vis} then a.code end as "armCode", case when ${vis} then a.name_zh end as "armNameZh",
          case when ${vis} then a.name_en end as "armNameEn", (a.id is not null and not ${vis}) as blinded,
          (p.in_other_study and ${seesWholeStudySql(actor, sql`p.study_id`)}) as "inOtherStudy",
          s.pi_user_id as "piUserId", s.blinding, exists (select 1 from unblindings u where u.participant_id = p.id) as unblinded
        from participants p
        join studies s on s.id = p.study_id
        join screenings sc on sc.id = p.screening_id
        join consent_versions cv on cv.id = p.consent_version_id
        join organisations o on o.id = p.centre_id
        join study_sites es on es.id = p.enrol_site_id
        join organisations eo on eo.id = es.centre_id
        left join allocation_entries e on e.participant_id = p.id
        left join study_arms a on a.id = e.arm_id
        where p.study_id = ${studyId} and p.subject_code = ${subjectCode} and ${participantScope(actor)}`,
  );
  if (!row) return null;
  const { piUserId, blinding, unblinded, ...detail } = row;
  const [unblindingRows, transfers, history] = await Promise.all([
    queryRows<ParticipantDetail["unblindings"][number]>(
      db,
      sql`select ${instantIso(sql`u.created_at`)} as at, us.name as "byName", u.reason
          from unblindings u join users us on us.id = u.unblinded_by where u.participant_id = ${row.id} order by u.id`,
    ),
    queryRows<ParticipantDetail["transfers"][number]>(
      db,
      sql`select t.transferred_on::text as on, fo.code as "fromCode", tc.code as "toCode", t.reason, us.name as "byName"
          from participant_transfers t join organisations fo on fo.id = t.from_centre_id join organisations tc on tc.id = t.to_centre_id
          left join users us on us.id = t.transferred_by where t.participant_id = ${row.id} order by t.id`,
    ),
    queryRows<ParticipantDetail["history"][number]>(
      db,
      sql`select ${instantIso(sql`ae.at`)} as at, ae.action, us.name as "byName", ae.reason
          from audit_events ae left join users us on us.id = ae.actor_id
          where (ae.entity_type = 'participant' and ae.entity_id = ${String(row.id)})
             or (ae.entity_type = 'screening' and ae.entity_id = (select p2.screening_id::text from participants p2 where p2.id = ${row.id}))
          order by ae.id`,
    ),
  ]);
  return {
    ...detail,
    randomizedAt: detail.randomizedAt ? formatNetworkInstant(detail.randomizedAt) : null,
    canUnblind: blinding === "blinded" && !unblinded && detail.randomizedAt !== null && mayUnblind(actor, { piUserId }),
    atActorsSite: actor.role === "site_staff" && detail.centreId === actor.centreId,
    unblindings: shown(unblindingRows),
    transfers,
    history: shown(history),
  };
}
