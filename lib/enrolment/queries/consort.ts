import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { mayUnblind } from "@/lib/participants/blinding";
import { defineQuery } from "@/lib/reads/define-query";
import { studyScope } from "@/lib/studies/scope";

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

export type ConsortFlow = {
  screened: number;
  excluded: number;
  /** Screen-failure reasons (criterion codes) with how many screenings failed each. */
  reasons: { code: string; n: number; textZh: string | null; textEn: string | null }[];
  eligibleNotEnrolled: number;
  enrolled: number;
  randomized: boolean;
  /** Per arm: allocated, and withdrawn (null when per-arm withdrawals are hidden in a blinded study). */
  arms: { code: string; nameZh: string; nameEn: string; allocated: number; withdrawn: number | null }[];
  withdrawn: number;
  withdrawalReasons: { reason: string; n: number }[];
};

/**
 * The CONSORT flow of one study in the actor's study scope (null outside it), for the whole
 * study or one site (`centreCode`). Counts only, in SQL: viewers may read it; allocation entries
 * are counted through assigned participants only. In a blinded study, withdrawals per arm are
 * shown only to those allowed to unblind.
 */
export const consortFlow = defineQuery({
  permission: "consort.read",
  run: (actor: ScopeActor, studyId: number, centreCode: string | null) => flowOf(actor, studyId, centreCode),
  otherwise: (): ConsortFlow | null => null,
});

async function flowOf(actor: ScopeActor, studyId: number, centreCode: string | null): Promise<ConsortFlow | null> {
  const db = await getDb();
  const [study] = await queryRows<{ id: number; piUserId: number; blinding: string | null; design: string }>(
    db,
    sql`select s.id, s.pi_user_id as "piUserId", s.blinding, s.design from studies s where s.id = ${studyId} and ${studyScope(actor, sql`s.id`)}`,
  );
  if (!study) return null;
  const scSite: SQL = centreCode ? sql`and sc.centre_id = (select id from organisations where code = ${centreCode})` : sql``;
  // Per site, a participant counts where they were enrolled (the subject code's site).
  const pSite: SQL = centreCode ? sql`and p.enrol_site_id = (select ss.id from study_sites ss join organisations o on o.id = ss.centre_id where ss.study_id = ${study.id} and o.code = ${centreCode})` : sql``;

  const [head] = await queryRows<{ screened: number; excluded: number; eligible_open: number; enrolled: number; withdrawn: number }>(
    db,
    sql`select
          (select count(*)::int from screenings sc where sc.study_id = ${study.id} ${scSite}) as screened,
          (select count(*)::int from screenings sc where sc.study_id = ${study.id} and sc.outcome = 'screen_failed' ${scSite}) as excluded,
          (select count(*)::int from screenings sc where sc.study_id = ${study.id} and sc.outcome = 'eligible' ${scSite}
             and not exists (select 1 from participants p where p.screening_id = sc.id)) as eligible_open,
          (select count(*)::int from participants p where p.study_id = ${study.id} ${pSite}) as enrolled,
          (select count(*)::int from participants p where p.study_id = ${study.id} and p.status = 'withdrawn' ${pSite}) as withdrawn`,
  );
  const reasons = await queryRows<{ code: string; n: number; text_zh: string | null; text_en: string | null }>(
    db,
    sql`with r as (
          select r.code, count(*)::int as n from screenings sc cross join unnest(sc.failed_codes) as r(code)
          where sc.study_id = ${study.id} and sc.outcome = 'screen_failed' ${scSite} group by r.code)
        select r.code, r.n, ec.text_zh, ec.text_en from r
        left join eligibility_criteria ec on ec.code = r.code and ec.protocol_version_id =
          (select pv.id from protocol_versions pv join studies s on s.id = pv.study_id and pv.version = s.current_protocol_version where s.id = ${study.id})
        order by r.n desc, r.code`,
  );
  const withdrawalReasons = await queryRows<{ reason: string; n: number }>(
    db,
    sql`select p.withdrawal_reason as reason, count(*)::int as n from participants p
        where p.study_id = ${study.id} and p.status = 'withdrawn' ${pSite} group by 1 order by n desc, 1`,
  );
  const armRows = await queryRows<{ code: string; name_zh: string; name_en: string; allocated: number; withdrawn: number }>(
    db,
    sql`select a.code, min(a.name_zh) as name_zh, min(a.name_en) as name_en, count(*)::int as allocated,
          count(*) filter (where p.status = 'withdrawn')::int as withdrawn
        from participants p
        join allocation_entries e on e.participant_id = p.id
        join study_arms a on a.id = e.arm_id
        where p.study_id = ${study.id} ${pSite}
        group by a.code order by a.code`,
  );
  const perArmWithdrawals = study.blinding !== "blinded" || mayUnblind(actor, study);
  return {
    screened: Number(head.screened),
    excluded: Number(head.excluded),
    reasons: reasons.map((r) => ({ code: r.code, n: Number(r.n), textZh: r.text_zh, textEn: r.text_en })),
    eligibleNotEnrolled: Number(head.eligible_open),
    enrolled: Number(head.enrolled),
    randomized: study.design === "randomized",
    arms: armRows.map((a) => ({ code: a.code, nameZh: a.name_zh, nameEn: a.name_en, allocated: Number(a.allocated), withdrawn: perArmWithdrawals ? Number(a.withdrawn) : null })),
    withdrawn: Number(head.withdrawn),
    withdrawalReasons: withdrawalReasons.map((r) => ({ reason: r.reason, n: Number(r.n) })),
  };
}
