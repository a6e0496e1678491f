import { sql, type SQL } from "drizzle-orm";
import { subtreePattern } from "@/lib/authz/scope";
import type { ViewSql } from "@/lib/metrics/sql/view";

/** One biomarker study's invitations and enrolments from them, as the statement answers them. */
export type FunnelRow = { study_id: number; code: string; title_zh: string; title_en: string; germline: boolean; invited: number; enrolled: number };

/** The participants a view counts, as a condition over a participants alias `p`: those at the view's centres in the actor's reach. */
export function viewParticipants(v: ViewSql): SQL {
  return sql`p.centre_id in (select c.id from organisations c where c.path like ${subtreePattern(v.rootPath)} and ${v.centreCond(sql`c.id`)})`;
}

/**
 * The recruiting studies whose protocol version in force holds biomarker criteria (in the
 * actor's studies), with, up to the view's last day, the patients of the view's centres invited
 * to screening from a match and how many of them are now enrolled in the study (the same person
 * by national-ID hash: an enrolment makes a new participant row). `germline`: a criterion reads
 * germline results, so the counts fall under the minimum cell rule.
 */
export function biomarkerFunnel(v: ViewSql): SQL {
  return sql`select s.id as study_id, s.code, s.title_zh, s.title_en,
      exists (select 1 from biomarker_criteria bc where bc.protocol_version_id = pv.id and bc.min_germline_class is not null) as germline,
      (select count(*)::int from screening_invitations si join participants p on p.id = si.participant_id
        where si.study_id = s.id and si.invited_on <= ${v.to}::date and ${viewParticipants(v)}) as invited,
      (select count(*)::int from screening_invitations si join participants p on p.id = si.participant_id
        where si.study_id = s.id and si.invited_on <= ${v.to}::date and ${viewParticipants(v)}
          and exists (select 1 from participants p2 where p2.study_id = s.id and p2.national_id_hash = p.national_id_hash and p2.enrolled_on >= si.invited_on)) as enrolled
    from studies s join protocol_versions pv on pv.study_id = s.id and pv.version = s.current_protocol_version
    where s.status = 'recruiting' and ${v.studyCond(sql`s.id`)}
      and exists (select 1 from biomarker_criteria bc where bc.protocol_version_id = pv.id)
    order by s.code`;
}
