import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { screeningInvitations } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError, notFound } from "@/lib/actions/errors";
import { computeMatches } from "@/lib/molecular/match-engine";
import { germlineVisible } from "@/lib/molecular/scope";
import { atOwnCentre } from "@/lib/participants/scope";
import { networkToday } from "@/lib/time/network-day";
import { idField, optionalRequestKeyField } from "@/lib/validation/fields";

export const inviteToScreeningSchema = z.strictObject({
  /** Whom: a participant, or a biobank donor (exactly one of the two). */
  participantId: idField.optional(),
  donorId: idField.optional(),
  studyId: idField,
  /** The button's key: pressed twice, the person is invited once. */
  requestKey: optionalRequestKeyField,
});

/**
 * Invites a participant or biobank donor of the actor's own site to screening for a recruiting
 * study their latest results match: a screening entry at the study's site (their centre's, else the
 * nearest one), pre-filled with the criteria met and their evidence, for the site to screen against
 * the full criteria (the study's screening form opens with it: lib/enrolment/commands/screen.ts
 * links the screening to the invitation). The match is decided again here, with the actor's sight
 * of germline results; a person already in the study, or invited to it, is refused.
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
    if ((input.participantId === undefined) === (input.donorId === undefined)) throw fieldError("participantId", "molecular.matching.errors.oneOwner");
    const donor = input.donorId !== undefined;
    const [who] = donor
      ? await queryRows<{ id: number; code: string; hash: null }>(
          tx,
          sql`select d.id, d.donor_code as code, null as hash from donors d
              where d.id = ${input.donorId} and ${atOwnCentre(actor, sql`d.centre_id`)} for update of d`,
        )
      : await queryRows<{ id: number; code: string; hash: string }>(
          tx,
          sql`select p.id, p.subject_code as code, p.national_id_hash as hash from participants p
              where p.id = ${input.participantId} and ${atOwnCentre(actor, sql`p.centre_id`)} for update of p`,
        );
    if (!who) throw notFound();
    const [invited] = await queryRows<{ id: number }>(
      tx,
      donor
        ? sql`select si.id from screening_invitations si where si.study_id = ${input.studyId} and si.donor_id = ${who.id} limit 1`
        : sql`select si.id from screening_invitations si join participants p3 on p3.id = si.participant_id
              where si.study_id = ${input.studyId} and p3.national_id_hash = ${who.hash} limit 1`,
    );
    if (invited) throw new ActionError("molecular.matching.errors.alreadyInvited");
    const [match] = await computeMatches(tx, {
      scope: donor ? sql`false` : atOwnCentre(actor, sql`p.centre_id`),
      donors: donor ? atOwnCentre(actor, sql`d.centre_id`) : sql`false`,
      results: germlineVisible(actor),
      ...(donor ? { donorIds: [who.id] } : { participantIds: [who.id] }),
      studyIds: [input.studyId],
    });
    if (!match) throw new ActionError("molecular.matching.errors.noMatch");
    const criterionCodes = match.evidence.map((e) => e.code);
    const [row] = await tx
      .insert(screeningInvitations)
      .values({
        participantId: donor ? null : who.id,
        donorId: donor ? who.id : null,
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
      after: {
        subjectCode: donor ? null : who.code,
        donorCode: donor ? who.code : null,
        siteCentreId: match.siteCentreId,
        protocolVersion: match.protocolVersion,
        criterionCodes,
        invitedOn: row.invitedOn,
      },
    });
    // The form opens at the invited site; when that is the actor's own, the page goes straight to it.
    return { id: row.id, code: who.code, studyCode: match.studyCode, siteCentreCode: match.siteCentreCode, atOwnSite: match.siteCentreId === actor.centreId };
  },
});
