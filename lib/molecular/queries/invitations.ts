import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import { participantScope } from "@/lib/participants/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

export type InvitationRow = { id: number; subjectCode: string; studyCode: string; siteCentreCode: string; invitedOn: string; criterionCodes: string[] };

/** One invitation to screening, for whoever may read the participant's rows. */
export const getInvitation = defineQuery({
  permission: "participant.read",
  run: async (actor: ReadActor, id: number, db?: Db): Promise<InvitationRow | null> => {
    const [row] = await queryRows<InvitationRow>(
      db ?? (await getDb()),
      sql`select si.id, p.subject_code as "subjectCode", s.code as "studyCode", o.code as "siteCentreCode", si.invited_on::text as "invitedOn", si.criterion_codes as "criterionCodes"
          from screening_invitations si
          join participants p on p.id = si.participant_id
          join studies s on s.id = si.study_id
          join organisations o on o.id = si.centre_id
          where si.id = ${id} and ${participantScope(actor)}`,
    );
    return row ?? null;
  },
  otherwise: (_id: number, _db?: Db): InvitationRow | null => null,
});
