import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { studies } from "@/db/schema";
import type { FormDef } from "@/lib/crf/design";
import { crfReadScope } from "@/lib/crf/scope";
import { formsInForce, loadFormDefs } from "@/lib/crf/store";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

export type StudyForm = FormDef & { formId: number; formVersion: number };

/** The forms of a study in force under its current protocol version, with their design (no participant data). */
export const studyForms = defineQuery({
  permission: "crf.read",
  run: async (actor: ReadActor, studyId: number): Promise<StudyForm[]> => {
    const db = await getDb();
    const [study] = await db.select().from(studies).where(and(eq(studies.id, studyId), crfReadScope(actor)));
    if (!study) return [];
    const forms = await formsInForce(db, study);
    const defs = await loadFormDefs(db, forms);
    return defs.map((d, i) => ({ ...d, formId: forms[i].formId, formVersion: forms[i].version }));
  },
  otherwise: () => [],
});
