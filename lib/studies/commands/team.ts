import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { studyTeam, studyTeamRole, users } from "@/db/schema";
import type { ActionContext } from "@/lib/actions/define-action";
import { ActionError, fieldError, notFound } from "@/lib/actions/errors";
import { idField, reasonField } from "@/lib/studies/fields";
import { loadStudyForChange } from "@/lib/studies/load";

export const addTeamMemberSchema = z.strictObject({
  studyId: idField,
  email: z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }).max(200),
  studyRole: z.enum(studyTeamRole.enumValues, { message: "validation.required" }),
});

/**
 * Puts a person on the study team in a study-level role. The study's PI is set on the study
 * itself, so "pi" cannot be granted here; a removed member is re-added by clearing removed_at.
 */
export async function addTeamMember({ actor, input, tx, audit }: ActionContext<z.infer<typeof addTeamMemberSchema>>) {
  const study = await loadStudyForChange(tx, actor, input.studyId, { allowClosed: true });
  if (input.studyRole === "pi") throw fieldError("studyRole", "studies.errors.piRole");
  const [u] = await tx
    .select({ id: users.id, centreId: users.centreId, email: users.email })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${input.email.toLowerCase()}`, eq(users.disabled, false)));
  if (!u) throw fieldError("email", "studies.errors.userUnknown");
  const [row] = await tx
    .insert(studyTeam)
    .values({ studyId: study.id, userId: u.id, studyRole: input.studyRole, centreId: u.centreId })
    .onConflictDoUpdate({
      target: [studyTeam.studyId, studyTeam.userId, studyTeam.studyRole],
      set: { removedAt: null, updatedAt: new Date() },
      setWhere: sql`${studyTeam.removedAt} is not null`,
    })
    .returning();
  if (!row) throw fieldError("email", "studies.errors.alreadyOnTeam");
  audit({
    action: "study.team.added",
    entityType: "study_team",
    entityId: row.id,
    centreId: u.centreId,
    studyId: study.id,
    after: { userId: u.id, email: u.email, studyRole: row.studyRole },
  });
  return { id: row.id, code: study.code };
}

export const removeTeamMemberSchema = z.strictObject({ studyId: idField, memberId: idField, reason: reasonField });

/** Ends a team membership (kept for the record). The study's PI stays. */
export async function removeTeamMember({ actor, input, tx, audit }: ActionContext<z.infer<typeof removeTeamMemberSchema>>) {
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
}
