import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { organisations, protocolVersions, studies, studyTeam, users } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { areaField, blindingField, designField, methodField, optionalIdField, phaseField, registryNoField, studyCodeField, targetField, titleField } from "@/lib/studies/fields";
import { studySnapshot } from "@/lib/studies/load";
import { networkToday } from "@/lib/time/network-day";
import { boolField, idField, optionalDayField, PLANNING_DAY } from "@/lib/validation/fields";

export const createStudySchema = z.strictObject({
  code: studyCodeField,
  titleZh: titleField,
  titleEn: titleField,
  registryNo: registryNoField.prefault(""),
  phase: phaseField,
  design: designField,
  area: areaField,
  leadCentreId: idField,
  /** Network admins choose the PI; a PI creating a study is its PI. */
  piUserId: optionalIdField.optional(),
  targetEnrolment: targetField,
  plannedStart: optionalDayField(PLANNING_DAY),
  plannedEnd: optionalDayField(PLANNING_DAY),
  blinding: blindingField.prefault(""),
  randomizationMethod: methodField.prefault(""),
  siteIsStratum: boolField.prefault(false),
});

/** A new study in draft, with protocol version 1 and its PI on the team. */
export const createStudyCommand = defineCommand({
  name: "studies.study.create",
  schema: createStudySchema,
  permission: "study.create",
  handler: async ({ actor, input, tx, audit }) => {
    const piUserId = actor.role === "network_admin" ? input.piUserId : actor.id;
    if (!piUserId) throw fieldError("piUserId", "validation.required");
    if (actor.role !== "network_admin" && input.piUserId && input.piUserId !== actor.id) throw fieldError("piUserId", "studies.errors.piIsYou");
    const [pi] = await tx
      .select({ id: users.id, centreId: users.centreId })
      .from(users)
      .where(and(eq(users.id, piUserId), eq(users.role, "pi"), eq(users.disabled, false)));
    if (!pi) throw fieldError("piUserId", "studies.errors.notAPi");
    const [lead] = await tx.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.id, input.leadCentreId), eq(organisations.active, true)));
    if (!lead) throw fieldError("leadCentreId", "studies.errors.centreUnknown");
    if (input.plannedStart && input.plannedEnd && input.plannedEnd < input.plannedStart) throw fieldError("plannedEnd", "studies.errors.endBeforeStart");
    const randomized = input.design === "randomized";

    const [study] = await tx
      .insert(studies)
      .values({
        code: input.code,
        titleZh: input.titleZh,
        titleEn: input.titleEn,
        registryNo: input.registryNo,
        phase: input.phase,
        design: input.design,
        area: input.area,
        leadCentreId: lead.id,
        piUserId: pi.id,
        targetEnrolment: input.targetEnrolment,
        plannedStart: input.plannedStart,
        plannedEnd: input.plannedEnd,
        blinding: randomized ? (input.blinding ?? "open") : null,
        randomizationMethod: randomized ? input.randomizationMethod : null,
        siteIsStratum: randomized ? input.siteIsStratum : false,
      })
      .onConflictDoNothing({ target: studies.code })
      .returning();
    if (!study) throw fieldError("code", "studies.errors.codeTaken");

    await tx.insert(protocolVersions).values({
      studyId: study.id,
      version: 1,
      effectiveDate: input.plannedStart ?? networkToday(),
      reason: "initial",
      targetEnrolment: study.targetEnrolment,
      createdBy: actor.id,
    });
    await tx.insert(studyTeam).values({ studyId: study.id, userId: pi.id, studyRole: "pi", centreId: pi.centreId });
    audit({ action: "study.created", entityType: "study", entityId: study.id, centreId: study.leadCentreId, studyId: study.id, after: studySnapshot(study) });
    return { id: study.id, code: study.code };
  },
});
