import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { organisations, studySites } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { optionalEmailField, siteTargetField } from "@/lib/studies/fields";
import { loadStudyForChange } from "@/lib/studies/load";
import { ensureSitePiOnTeam, resolveSitePi, siteSnapshot } from "@/lib/studies/site-fields";
import { CLINICAL_DAY, idField, optionalDayField } from "@/lib/validation/fields";

export const addSiteSchema = z.strictObject({
  studyId: idField,
  centreId: idField,
  target: siteTargetField,
  sitePiEmail: optionalEmailField,
  /** An approval already given: never a future day. */
  ethicsApprovalDate: optionalDayField(CLINICAL_DAY),
});

/** A participating centre of any level, pending until activated. */
export const addSiteCommand = defineCommand({
  name: "studies.site.add",
  schema: addSiteSchema,
  permission: "study.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const study = await loadStudyForChange(tx, actor, input.studyId);
    const [centre] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, input.centreId), eq(organisations.active, true)));
    if (!centre) throw fieldError("centreId", "studies.errors.centreUnknown");
    const sitePi = await resolveSitePi(tx, input.sitePiEmail, centre.id);
    const [site] = await tx
      .insert(studySites)
      .values({ studyId: study.id, centreId: centre.id, target: input.target, sitePiUserId: sitePi, ethicsApprovalDate: input.ethicsApprovalDate })
      .onConflictDoNothing({ target: [studySites.studyId, studySites.centreId] })
      .returning();
    if (!site) throw fieldError("centreId", "studies.errors.siteExists");
    if (sitePi) await ensureSitePiOnTeam(tx, study.id, sitePi, centre.id);
    audit({ action: "study.site.added", entityType: "study_site", entityId: site.id, centreId: centre.id, studyId: study.id, after: siteSnapshot(site) });
    return { id: site.id, code: study.code };
  },
});
