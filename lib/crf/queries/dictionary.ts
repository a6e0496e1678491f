import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { studies } from "@/db/schema";
import { dictionaryToCsv } from "@/lib/crf/dictionary/csv";
import { formsToRows } from "@/lib/crf/dictionary/to-rows";
import { crfDesignScope } from "@/lib/crf/scope";
import { formsInForce, loadFormDefs } from "@/lib/crf/store";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

/**
 * The study's forms in force as a REDCap data dictionary CSV, for its designers (the study's PI
 * or a data manager on its team); null for any other study.
 */
export const exportDictionary = defineQuery({
  permission: "crf.design",
  run: async (actor: ReadActor, studyId: number): Promise<{ studyCode: string; csv: string } | null> => {
    const db = await getDb();
    const [study] = await db.select().from(studies).where(and(eq(studies.id, studyId), crfDesignScope(actor)));
    if (!study) return null;
    const forms = await loadFormDefs(db, await formsInForce(db, study));
    return { studyCode: study.code, csv: dictionaryToCsv(formsToRows(forms)) };
  },
  otherwise: () => null,
});
