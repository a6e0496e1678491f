import { sql, type SQL } from "drizzle-orm";
import { subtreePattern } from "@/lib/authz/scope";
import type { ViewSql } from "@/lib/metrics/sql/view";

/** One biomarker study's invitations, the screenings recorded from them and the enrolments from those, as the statement answers them. */
export type FunnelRow = { study_id: number; code: string; title_zh: string; title_en: string; germline: boolean; invited: number; screened: number; enrolled: number };

/** The view's centres in the actor's reach, as a condition over a centre column. */
const inView = (v: ViewSql, centre: SQL) => sql`${centre} in (select c.id from organisations c where c.path like ${subtreePattern(v.rootPath)} and ${v.centreCond(sql`c.id`)})`;

/** The participants a view counts, as a condition over a participants alias `p`: those at the view's centres in the actor's reach. */
export function viewParticipants(v: ViewSql): SQL {
  return inView(v, sql`p.centre_id`);
}

/** The biobank donors a view counts, over a donors alias `d`: those of the view's centres. */
export function viewDonors(v: ViewSql): SQL {
  return inView(v, sql`d.centre_id`);
}

/**
 * The recruiting studies whose protocol version in force holds biomarker criteria (in the
 * actor's studies), with, up to the view's last day, the patients and donors of the view's centres
 * invited to screening from a match, how many of those invitations a screening answered
 * (screenings.invitation_id: the site screened from the invitation) and how many of those
 * screenings became an enrolment in the study (participants.screening_id). `germline`: a
 * criterion reads germline results, so the counts fall under the minimum cell rule.
 */
export function biomarkerFunnel(v: ViewSql): SQL {
  return sql`with inv as materialized (
      select si.id, si.study_id, sc.id as screening_id
      from screening_invitations si
      left join participants p on p.id = si.participant_id left join donors d on d.id = si.donor_id
      left join screenings sc on sc.invitation_id = si.id and sc.screened_on <= ${v.to}::date
      where si.invited_on <= ${v.to}::date and ${inView(v, sql`coalesce(p.centre_id, d.centre_id)`)}
    )
    select s.id as study_id, s.code, s.title_zh, s.title_en,
      exists (select 1 from biomarker_criteria bc where bc.protocol_version_id = pv.id and bc.min_germline_class is not null) as germline,
      (select count(*)::int from inv where inv.study_id = s.id) as invited,
      (select count(inv.screening_id)::int from inv where inv.study_id = s.id) as screened,
      (select count(*)::int from inv join participants pe on pe.screening_id = inv.screening_id
        where inv.study_id = s.id and pe.enrolled_on <= ${v.to}::date) as enrolled
    from studies s join protocol_versions pv on pv.study_id = s.id and pv.version = s.current_protocol_version
    where s.status = 'recruiting' and ${v.studyCond(sql`s.id`)}
      and exists (select 1 from biomarker_criteria bc where bc.protocol_version_id = pv.id)
    order by s.code`;
}
