import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { screeningInvitations } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, notFound } from "@/lib/actions/errors";
import { computeMatches } from "@/lib/molecular/match-engine";
import { germlineVisible } from "@/lib/molecular/scope";
import { atOwnCentre } from "@/lib/participants/scope";
import { networkToday } from "@/lib/time/network-day";
import { idField, optionalRequestKeyField } from "@/lib/validation/fields";

export const inviteToScreeningSchema = z.strictObject({
  participantId: idField,
  studyId: idField,
  /** The button's key: pressed twice, the patient is invited once. */
  requestKey: optionalRequestKeyField,
});

/**
 * Invites a patient of the actor's own site to screening for a recruiting study their latest
 * results match: a screening entry at the study's site (their centre's, else the nearest one),
 * pre-filled with the criteria met and their evidence, for the site to screen against the full
 * criteria (lib/enrolment). The match is decided again here, with the actor's sight of germline
 * results; a patient already in the study or invited to it is refused.
 *
 * The entry is the molecular domain's own table (screening_invitations): molecular and enrolment
 * are both rank 5 and do not import each other, and a screening row needs every criterion answered.
 */
export const inviteToScreeningCommand = defineCommand({
  name: "molecular.screening.invite",
  schema: inviteToScreeningSchema,
  permission: "participant.screen",
  requestKey: (input) => input.requestKey,
  handler: async ({ actor, input, tx, audit }) => {
    const [p] = await queryRows<{ id: number; subjectCode: string; hash: string }>(
      tx,
      sql`select p.id, p.subject_code as "subjectCode", p.national_id_hash as hash from participants p
          where p.id = ${input.participantId} and ${atOwnCentre(actor, sql`p.centre_id`)} for update of p`,
    );
    if (!p) throw notFound();
    const [invited] = await queryRows<{ id: number }>(
      tx,
      sql`select si.id from screening_invitations si join participants p3 on p3.id = si.participant_id
          where si.study_id = ${input.studyId} and p3.national_id_hash = ${p.hash} limit 1`,
    );
    if (invited) throw new ActionError("molecular.matching.errors.alreadyInvited");
    const [match] = await computeMatches(tx, {
      scope: atOwnCentre(actor, sql`p.centre_id`),
      results: germlineVisible(actor),
      participantIds: [p.id],
      studyIds: [input.studyId],
    });
    if (!match) throw new ActionError("molecular.matching.errors.noMatch");
    const criterionCodes = match.evidence.map((e) => e.code);
    const [row] = await tx
      .insert(screeningInvitations)
      .values({
        participantId: p.id,
        studyId: match.studyId,
        siteId: match.siteId,
        centreId: match.siteCentreId,
        protocolVersion: match.protocolVersion,
        criterionCodes,
        evidence: match.evidence,
        invitedOn: networkToday(),
        invitedBy: actor.id,
        requestKey: input.requestKey ?? null,
      })
      .returning();
    audit({
      action: "molecular.screening.invited",
      entityType: "screening_invitation",
      entityId: row.id,
      centreId: match.centreId,
      studyId: match.studyId,
      after: { subjectCode: p.subjectCode, siteCentreId: match.siteCentreId, protocolVersion: match.protocolVersion, criterionCodes, invitedOn: row.invitedOn },
    });
    return { id: row.id, subjectCode: p.subjectCode, studyCode: match.studyCode, siteCentreCode: match.siteCentreCode };
  },
});
