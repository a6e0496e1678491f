import { z } from "zod";
import { screenings } from "@/db/schema";
import type { ActionContext } from "@/lib/actions/define-action";
import { fieldError } from "@/lib/actions/errors";
import { decideEligibility } from "@/lib/enrolment/eligibility";
import { answerField, criterionCodeField, dayField, idField, listOf, todayInNetwork } from "@/lib/enrolment/fields";
import { protocolInForce } from "@/lib/enrolment/protocol";
import { lockSiteAtWork } from "@/lib/enrolment/site-gate";

export const screenSchema = z.strictObject({
  studyId: idField,
  siteId: idField,
  screenedOn: dayField,
  codes: listOf(criterionCodeField, 100),
  answers: listOf(z.union([answerField, z.literal("")]), 100),
});

/**
 * Records one screening at the actor's own site: every criterion of the protocol version in
 * force answered; the portal decides eligible or screen-failed and keeps the failing codes.
 */
export async function screenPatient({ actor, input, tx, audit }: ActionContext<z.infer<typeof screenSchema>>) {
  const { study, site, centreCode } = await lockSiteAtWork(tx, actor, input.studyId, input.siteId, "share");
  if (input.screenedOn > todayInNetwork()) throw fieldError("screenedOn", "enrolment.validation.future");
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
    })
    .returning();
  audit({
    action: "screening.recorded",
    entityType: "screening",
    entityId: row.id,
    centreId: site.centreId,
    studyId: study.id,
    after: { site: centreCode, screenedOn: row.screenedOn, protocolVersion: row.protocolVersion, outcome: row.outcome, failedCodes: row.failedCodes },
  });
  return { id: row.id, studyCode: study.code, outcome: row.outcome, failedCodes: row.failedCodes };
}
