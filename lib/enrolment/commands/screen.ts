import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Db } from "@/db/client";
import { screenings } from "@/db/schema";
import { defineCommand, type CommandContext } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { CLINICAL_DAY, dayField, idField, listOf, optionalRequestKeyField } from "@/lib/validation/fields";
import { decideEligibility } from "@/lib/enrolment/eligibility";
import { answerField, criterionCodeField } from "@/lib/enrolment/fields";
import { protocolInForce } from "@/lib/enrolment/protocol";
import { lockSiteAtWork } from "@/lib/enrolment/site-gate";

export const screenSchema = z.strictObject({
  studyId: idField,
  siteId: idField,
  /** A clinical day: not before 2000, not after today in the network. */
  screenedOn: dayField(CLINICAL_DAY),
  codes: listOf(criterionCodeField, 100),
  answers: listOf(z.union([answerField, z.literal("")]), 100),
  /** The invitation to screening (from a biomarker match) this screening answers, when the form was opened from one. */
  invitationId: idField.optional(),
  /** The form's key: the same screening sent twice is recorded once. */
  requestKey: optionalRequestKeyField,
});

/**
 * Records one screening at the actor's own site: every criterion of the protocol version in
 * force answered; the portal decides eligible or screen-failed and keeps the failing codes. A
 * screening opened from an invitation (screening_invitations, made from a biomarker match) links to
 * it — an invitation to this study at this site, answered once — and that link is what marks the
 * invitation screened for the molecular pages and the dashboard's funnel.
 */
async function screenPatient({ actor, input, tx, audit }: CommandContext<z.infer<typeof screenSchema>>) {
  const { study, site, centreCode } = await lockSiteAtWork(tx, actor, input.studyId, input.siteId, "share");
  const { version, criteria } = await protocolInForce(tx, study);
  if (criteria.length === 0) throw fieldError("_form", "enrolment.errors.noCriteria");

  const answers: Record<string, boolean> = {};
  input.codes.forEach((code, i) => {
    const a = input.answers[i];
    if (a === "yes" || a === "no") answers[code] = a === "yes";
  });
  const known = new Set(criteria.map((c) => c.code));
  if (Object.keys(answers).some((c) => !known.has(c))) throw fieldError("_form", "enrolment.errors.unknownCriterion");
  const decision = decideEligibility(criteria, answers);
  if (decision.missing.length) throw fieldError(`answer_${decision.missing[0]}`, "enrolment.validation.answer");
  const invitationId = input.invitationId === undefined ? null : await lockInvitation(tx, input.invitationId, study.id, site.id);

  const [row] = await tx
    .insert(screenings)
    .values({
      studyId: study.id,
      siteId: site.id,
      centreId: site.centreId,
      protocolVersion: version.version,
      screenedOn: input.screenedOn,
      outcome: decision.eligible ? "eligible" : "screen_failed",
      failedCodes: decision.failedCodes,
      answers,
      screenedBy: actor.id,
      invitationId,
    })
    .returning();
  audit({
    action: "screening.recorded",
    entityType: "screening",
    entityId: row.id,
    centreId: site.centreId,
    studyId: study.id,
    after: { site: centreCode, screenedOn: row.screenedOn, protocolVersion: row.protocolVersion, outcome: row.outcome, failedCodes: row.failedCodes, invitationId },
  });
  return { id: row.id, studyCode: study.code, outcome: row.outcome, failedCodes: row.failedCodes };
}

/** An invitation to this study at this site not yet answered, locked against a second screening from it. */
async function lockInvitation(tx: Db, id: number, studyId: number, siteId: number): Promise<number> {
  const [inv] = await queryRows<{ id: number; screened: boolean }>(
    tx,
    sql`select si.id, exists (select 1 from screenings sc where sc.invitation_id = si.id) as screened
        from screening_invitations si where si.id = ${id} and si.study_id = ${studyId} and si.site_id = ${siteId} for update of si`,
  );
  if (!inv) throw fieldError("invitationId", "enrolment.errors.invitationUnknown");
  if (inv.screened) throw fieldError("invitationId", "enrolment.errors.invitationScreened");
  return inv.id;
}

export const screenCommand = defineCommand({
  name: "enrolment.screening.record",
  schema: screenSchema,
  permission: "participant.screen",
  handler: screenPatient,
  requestKey: (input) => input.requestKey,
});
