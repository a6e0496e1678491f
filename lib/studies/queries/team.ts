import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { organisations, studyTeam, users } from "@/db/schema";
import { defineQuery } from "@/lib/reads/define-query";
import { studyScope } from "@/lib/studies/scope";

/** Active team members of a study in scope. */
export const listStudyTeam = defineQuery({
  permission: "study.read",
  run: async (actor, studyId: number) => {
    const db = await getDb();
    return db
      .select({
        id: studyTeam.id,
        studyRole: studyTeam.studyRole,
        userId: users.id,
        name: users.name,
        email: users.email,
        centreCode: organisations.code,
      })
      .from(studyTeam)
      .innerJoin(users, eq(users.id, studyTeam.userId))
      .leftJoin(organisations, eq(organisations.id, studyTeam.centreId))
      .where(and(eq(studyTeam.studyId, studyId), isNull(studyTeam.removedAt), studyScope(actor, studyTeam.studyId)))
      .orderBy(asc(studyTeam.studyRole), asc(users.name));
  },
  otherwise: (_studyId: number) => [],
});
