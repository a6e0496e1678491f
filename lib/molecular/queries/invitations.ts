import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import type { Evidence } from "@/lib/molecular/matching";
import { donorRowScope } from "@/lib/molecular/scope";
import { atOwnCentre, participantScope } from "@/lib/participants/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

export type InvitationRow = {
  id: number;
  owner: "participant" | "donor";
  /** The pseudonymous code: a subject code (of the participant's own study) or a donor code. */
  code: string;
  /** The participant's own study (their record's link); null for a donor. */
  ownStudyCode: string | null;
  studyId: number;
  studyCode: string;
  siteId: number;
  siteCentreId: number;
  siteCentreCode: string;
  invitedOn: string;
  protocolVersion: number;
  criterionCodes: string[];
  /** What met each criterion. Germline evidence only for the person's own site and whoever invited (the rest see the criterion code). */
  evidence: Evidence[];
  /** The screening recorded from it, once it is. */
  screeningId: number | null;
};

/**
 * One invitation to screening, for whoever may read the person's rows (the participant scope, or
 * the biobank's donor scope) and for the staff of the site it invites to, who screen from it.
 */
export const getInvitation = defineQuery({
  permission: "participant.read",
  run: async (actor: ReadActor, id: number, db?: Db): Promise<InvitationRow | null> => {
    const [row] = await queryRows<InvitationRow & { germline: boolean }>(
      db ?? (await getDb()),
      sql`select si.id, case when si.donor_id is null then 'participant' else 'donor' end as owner, coalesce(p.subject_code, d.donor_code) as code,
            ps.code as "ownStudyCode", si.study_id as "studyId", s.code as "studyCode", si.site_id as "siteId", si.centre_id as "siteCentreId",
            o.code as "siteCentreCode", si.invited_on::text as "invitedOn", si.protocol_version as "protocolVersion", si.criterion_codes as "criterionCodes",
            si.evidence, (si.invited_by = ${actor.id} or ${atOwnCentre(actor, sql`coalesce(p.centre_id, d.centre_id)`)}) as germline,
            (select sc.id from screenings sc where sc.invitation_id = si.id) as "screeningId"
          from screening_invitations si
          left join participants p on p.id = si.participant_id
          left join studies ps on ps.id = p.study_id
          left join donors d on d.id = si.donor_id
          join studies s on s.id = si.study_id
          join organisations o on o.id = si.centre_id
          where si.id = ${id}
            and ((si.participant_id is not null and ${participantScope(actor)}) or (si.donor_id is not null and ${donorRowScope(actor)})
                 or ${atOwnCentre(actor, sql`si.centre_id`)})`,
    );
    if (!row) return null;
    const { germline, ...inv } = row;
    return { ...inv, evidence: germline ? inv.evidence : inv.evidence.map((e) => (e.origin === "germline" ? { code: e.code, kind: e.kind, origin: e.origin } : e)) };
  },
  otherwise: (_id: number, _db?: Db): InvitationRow | null => null,
});
