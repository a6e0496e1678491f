import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { studyTeam, studyTeamRole, users } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { emailField } from "@/lib/studies/fields";
import { loadStudyForChange } from "@/lib/studies/load";
import { choiceField, idField } from "@/lib/validation/fields";

export const addTeamMemberSchema = z.strictObject({
  studyId: idField,
  email: emailField,
  studyRole: choiceField(studyTeamRole.enumValues),
});

/**
 * Puts a person on the study team in a study-level role. The study's PI is set on the study
 * itself, so "pi" cannot be granted here; a removed member is re-added by clearing removed_at.
 */
export const addTeamMemberCommand = defineCommand({
  name: "studies.team.add",
  schema: addTeamMemberSchema,
  permission: "study.manage",
  handler: async ({ actor, input, tx, audit }) => {
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
  },
});
