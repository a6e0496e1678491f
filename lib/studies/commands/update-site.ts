import { eq } from "drizzle-orm";
import { z } from "zod";
import { studySites } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { amendmentFields, optionalEmailField, siteTargetField } from "@/lib/studies/fields";
import { loadStudyForChange } from "@/lib/studies/load";
import { protocolAudit, versionForChange } from "@/lib/studies/protocol-version";
import { ensureSitePiOnTeam, lockSite, resolveSitePi, siteSnapshot } from "@/lib/studies/site-fields";
import { boolField, CLINICAL_DAY, idField, optionalDayField } from "@/lib/validation/fields";

export const updateSiteSchema = z.strictObject({
  studyId: idField,
  siteId: idField,
  target: siteTargetField,
  sitePiEmail: optionalEmailField,
  /** An approval already given: never a future day. */
  ethicsApprovalDate: optionalDayField(CLINICAL_DAY),
  allowOverEnrolment: boolField.prefault(false),
  ...amendmentFields,
});

/** A site's target, site PI, ethics approval and over-enrolment permission. A target change after recruiting is an amendment. */
export const updateSiteCommand = defineCommand({
  name: "studies.site.update",
  schema: updateSiteSchema,
  permission: "study.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const study = await loadStudyForChange(tx, actor, input.studyId);
    const site = await lockSite(tx, study.id, input.siteId);
    if (input.target < site.enrolledCount) throw fieldError("target", "studies.errors.targetBelowEnrolled", { n: site.enrolledCount });
    if (!input.ethicsApprovalDate && site.status !== "pending" && site.ethicsApprovalDate) throw fieldError("ethicsApprovalDate", "studies.errors.ethicsRequired");
    const sitePi = await resolveSitePi(tx, input.sitePiEmail, site.centreId);

    if (input.target !== site.target) {
      const change = { centreId: site.centreId, before: site.target, after: input.target };
      const v = await versionForChange(tx, actor, study, input, { siteTarget: change });
      if (v.amended) audit(protocolAudit(study, v, "siteTarget", change, change));
    }
    const [row] = await tx
      .update(studySites)
      .set({ target: input.target, sitePiUserId: sitePi, ethicsApprovalDate: input.ethicsApprovalDate, allowOverEnrolment: input.allowOverEnrolment, updatedAt: new Date() })
      .where(eq(studySites.id, site.id))
      .returning();
    if (sitePi) await ensureSitePiOnTeam(tx, study.id, sitePi, site.centreId);
    audit({ action: "study.site.updated", entityType: "study_site", entityId: site.id, centreId: site.centreId, studyId: study.id, before: siteSnapshot(site), after: siteSnapshot(row) });
    return { id: row.id, code: study.code };
  },
});
