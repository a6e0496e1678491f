import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { studyTeam } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, notFound } from "@/lib/actions/errors";
import { loadStudyForChange } from "@/lib/studies/load";
import { idField, reasonField } from "@/lib/validation/fields";

export const removeTeamMemberSchema = z.strictObject({ studyId: idField, memberId: idField, reason: reasonField });

/** Ends a team membership (kept for the record). The study's PI stays. */
export const removeTeamMemberCommand = defineCommand({
  name: "studies.team.remove",
  schema: removeTeamMemberSchema,
  permission: "study.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const study = await loadStudyForChange(tx, actor, input.studyId, { allowClosed: true });
    const [m] = await tx
      .select()
      .from(studyTeam)
      .where(and(eq(studyTeam.id, input.memberId), eq(studyTeam.studyId, study.id), isNull(studyTeam.removedAt)))
      .for("update");
    if (!m) throw notFound();
    if (m.studyRole === "pi" && m.userId === study.piUserId) throw new ActionError("studies.errors.removePi");
    await tx.update(studyTeam).set({ removedAt: new Date(), updatedAt: new Date() }).where(eq(studyTeam.id, m.id));
    audit({
      action: "study.team.removed",
      entityType: "study_team",
      entityId: m.id,
      centreId: m.centreId,
      studyId: study.id,
      before: { userId: m.userId, studyRole: m.studyRole },
      reason: input.reason,
    });
    return { id: m.id, code: study.code };
  },
});
