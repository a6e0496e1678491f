import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { organisations, studies } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { areaField, blindingField, designField, methodField, phaseField, registryNoField, titleField } from "@/lib/studies/fields";
import { designIsFixed } from "@/lib/studies/lifecycle";
import { loadStudyForChange, studySnapshot } from "@/lib/studies/load";
import { boolField, CLINICAL_DAY, idField, optionalDayField, optionalTextField, PLANNING_DAY } from "@/lib/validation/fields";

export const updateStudySchema = z.strictObject({
  studyId: idField,
  titleZh: titleField,
  titleEn: titleField,
  registryNo: registryNoField.prefault(""),
  phase: phaseField,
  area: areaField,
  leadCentreId: idField,
  plannedStart: optionalDayField(PLANNING_DAY),
  plannedEnd: optionalDayField(PLANNING_DAY),
  /** An approval already given: never a future day. */
  ethicsApprovalDate: optionalDayField(CLINICAL_DAY),
  ethicsRef: optionalTextField({ max: 100 }),
  design: designField,
  blinding: blindingField.prefault(""),
  randomizationMethod: methodField.prefault(""),
  siteIsStratum: boolField.prefault(false),
});

/**
 * The study's own fields. Design and randomization settings change only before recruiting; a
 * registry number, once recorded on a recruiting study, cannot be removed.
 */
export const updateStudyCommand = defineCommand({
  name: "studies.study.update",
  schema: updateStudySchema,
  permission: "study.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const study = await loadStudyForChange(tx, actor, input.studyId);
    if (input.plannedStart && input.plannedEnd && input.plannedEnd < input.plannedStart) throw fieldError("plannedEnd", "studies.errors.endBeforeStart");
    const randomized = input.design === "randomized";
    const designChange = {
      design: input.design,
      blinding: randomized ? (input.blinding ?? "open") : null,
      randomizationMethod: randomized ? input.randomizationMethod : null,
      siteIsStratum: randomized ? input.siteIsStratum : false,
    };
    const fixed = designIsFixed(study.status);
    if (
      fixed &&
      (designChange.design !== study.design ||
        designChange.blinding !== study.blinding ||
        designChange.randomizationMethod !== study.randomizationMethod ||
        designChange.siteIsStratum !== study.siteIsStratum)
    ) {
      throw new ActionError("studies.errors.designFixed");
    }
    if (fixed && study.registryNo && !input.registryNo) throw fieldError("registryNo", "studies.errors.registryRequired");
    if (fixed && study.ethicsApprovalDate && !input.ethicsApprovalDate) throw fieldError("ethicsApprovalDate", "studies.errors.ethicsRequired");
    if (input.leadCentreId !== study.leadCentreId) {
      const [lead] = await tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(and(eq(organisations.id, input.leadCentreId), eq(organisations.active, true)));
      if (!lead) throw fieldError("leadCentreId", "studies.errors.centreUnknown");
    }

    const [row] = await tx
      .update(studies)
      .set({
        titleZh: input.titleZh,
        titleEn: input.titleEn,
        registryNo: input.registryNo,
        phase: input.phase,
        area: input.area,
        leadCentreId: input.leadCentreId,
        plannedStart: input.plannedStart,
        plannedEnd: input.plannedEnd,
        ethicsApprovalDate: input.ethicsApprovalDate,
        ethicsRef: input.ethicsRef,
        ...designChange,
        updatedAt: new Date(),
      })
      .where(eq(studies.id, study.id))
      .returning();
    audit({ action: "study.updated", entityType: "study", entityId: study.id, centreId: row.leadCentreId, studyId: study.id, before: studySnapshot(study), after: studySnapshot(row) });
    return { id: row.id, code: row.code };
  },
});
