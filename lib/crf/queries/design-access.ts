import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { studies } from "@/db/schema";
import { crfDesignScope } from "@/lib/crf/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

/** Whether the actor designs the study's forms (its PI or a data manager on its team): the pages show editing controls only then. */
export const designsStudyForms = defineQuery({
  permission: "crf.design",
  run: async (actor: ReadActor, studyId: number): Promise<boolean> => {
    const db = await getDb();
    const [row] = await db.select({ id: studies.id }).from(studies).where(and(eq(studies.id, studyId), crfDesignScope(actor)));
    return Boolean(row);
  },
  otherwise: (): boolean => false,
});
