import { eq } from "drizzle-orm";
import { z } from "zod";
import { studySites, studySiteStatus } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { canMoveSite, stopsSite } from "@/lib/studies/lifecycle";
import { loadStudyForChange } from "@/lib/studies/load";
import { lockSite } from "@/lib/studies/site-fields";
import { checkboxField, choiceField, idField, reasonField } from "@/lib/validation/fields";

export const setSiteStatusSchema = z.strictObject({
  studyId: idField,
  siteId: idField,
  to: choiceField(studySiteStatus.enumValues),
  reason: reasonField,
  /** Ticked to confirm suspending or closing the site (lib/studies/lifecycle.ts stopsSite). */
  confirm: checkboxField,
});

/** pending → active ⇄ suspended → closed. A site is activated only with its ethics approval recorded. */
export const setSiteStatusCommand = defineCommand({
  name: "studies.site.status",
  schema: setSiteStatusSchema,
  permission: "study.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const study = await loadStudyForChange(tx, actor, input.studyId);
    const site = await lockSite(tx, study.id, input.siteId);
    if (!canMoveSite(site.status, input.to)) throw new ActionError("studies.errors.siteTransition");
    if (stopsSite(input.to) && !input.confirm) throw fieldError("confirm", "studies.errors.confirmSiteStop");
    if (input.to === "active" && !site.ethicsApprovalDate) throw new ActionError("studies.errors.siteEthics");
    const [row] = await tx.update(studySites).set({ status: input.to, updatedAt: new Date() }).where(eq(studySites.id, site.id)).returning();
    audit({
      action: "study.site.status_changed",
      entityType: "study_site",
      entityId: site.id,
      centreId: site.centreId,
      studyId: study.id,
      before: { status: site.status },
      after: { status: row.status },
      reason: input.reason,
    });
    return { id: row.id, code: study.code };
  },
});
