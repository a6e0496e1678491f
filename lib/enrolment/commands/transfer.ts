import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { organisations, participants, participantTransfers, studySites } from "@/db/schema";
import { defineCommand, type CommandContext } from "@/lib/actions/define-command";
import { ActionError, fieldError, notFound } from "@/lib/actions/errors";
import { CLINICAL_DAY, dayField, idField, reasonField } from "@/lib/validation/fields";
import { lockOwnParticipant } from "@/lib/participants/participant-lock";

export const transferSchema = z.strictObject({
  participantId: idField,
  toSiteId: idField,
  transferredOn: dayField(CLINICAL_DAY),
  reason: reasonField,
});

/**
 * Moves a participant from the actor's own site to another active site of the same recruiting
 * study. The subject code (and the enrolling site's sequence) stay as they were: the code names
 * where the person was enrolled. Both sites see the transfer record.
 */
async function transferParticipant({ actor, input, tx, audit }: CommandContext<z.infer<typeof transferSchema>>) {
  const { participant: p, study } = await lockOwnParticipant(tx, actor, input.participantId);
  if (study.status !== "recruiting") throw new ActionError("enrolment.errors.notRecruiting");
  if (p.status !== "enrolled") throw new ActionError("enrolment.errors.notEnrolled");
  const [from] = await tx.select().from(studySites).where(eq(studySites.id, p.siteId));
  if (!from) throw notFound();
  if (from.status !== "active") throw new ActionError("enrolment.errors.siteNotActive");
  const [to] = await tx
    .select({ site: studySites, code: organisations.code })
    .from(studySites)
    .innerJoin(organisations, eq(organisations.id, studySites.centreId))
    .where(and(eq(studySites.id, input.toSiteId), eq(studySites.studyId, study.id), ne(studySites.id, p.siteId)))
    .for("share", { of: studySites });
  if (!to) throw fieldError("toSiteId", "enrolment.validation.toSite");
  if (to.site.status !== "active") throw fieldError("toSiteId", "enrolment.errors.siteNotActive");
  if (input.transferredOn < p.enrolledOn) throw fieldError("transferredOn", "enrolment.validation.beforeEnrolment");

  const [row] = await tx
    .insert(participantTransfers)
    .values({
      participantId: p.id,
      studyId: study.id,
      fromSiteId: p.siteId,
      toSiteId: to.site.id,
      fromCentreId: p.centreId,
      toCentreId: to.site.centreId,
      transferredOn: input.transferredOn,
      reason: input.reason,
      transferredBy: actor.id,
    })
    .returning();
  await tx.update(participants).set({ siteId: to.site.id, centreId: to.site.centreId, updatedAt: new Date() }).where(eq(participants.id, p.id));
  audit({
    action: "participant.transferred",
    entityType: "participant",
    entityId: p.id,
    centreId: p.centreId,
    studyId: study.id,
    before: { siteId: p.siteId, centreId: p.centreId },
    after: { siteId: to.site.id, centreId: to.site.centreId, centre: to.code, transferId: row.id, transferredOn: input.transferredOn },
    reason: input.reason,
  });
  return { id: p.id, subjectCode: p.subjectCode, studyCode: study.code };
}

export const transferCommand = defineCommand({ name: "enrolment.participant.transfer", schema: transferSchema, permission: "participant.transfer", handler: transferParticipant });
