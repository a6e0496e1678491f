import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { studies } from "@/db/schema";
import { csvLine, headerOf, DICTIONARY_KEYS, type DictionaryKey, type DictionaryProblem } from "@/lib/crf/dictionary/columns";
import { dictionaryToCsv } from "@/lib/crf/dictionary/csv";
import { planDictionaryImport, planSummary } from "@/lib/crf/dictionary/plan";
import { dictionaryRowsField } from "@/lib/crf/dictionary/row-schema";
import { formsToRows } from "@/lib/crf/dictionary/to-rows";
import { crfDesignScope } from "@/lib/crf/scope";
import { formsInForce, loadFormDefs } from "@/lib/crf/store";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

async function designableStudy(actor: ReadActor, studyId: number) {
  const db = await getDb();
  const [study] = await db.select().from(studies).where(and(eq(studies.id, studyId), crfDesignScope(actor)));
  return study ? { db, study } : null;
}

/**
 * The study's forms in force as a REDCap data dictionary CSV, for its designers (the study's PI
 * or a data manager on its team); null for any other study.
 */
export const exportDictionary = defineQuery({
  permission: "crf.design",
  run: async (actor: ReadActor, studyId: number): Promise<{ studyCode: string; csv: string } | null> => {
    const found = await designableStudy(actor, studyId);
    if (!found) return null;
    const forms = await loadFormDefs(found.db, await formsInForce(found.db, found.study));
    return { studyCode: found.study.code, csv: dictionaryToCsv(formsToRows(forms)) };
  },
  otherwise: () => null,
});

export type DictionaryCheck = { problems: DictionaryProblem[]; forms: { name: string; items: number }[] };

/**
 * The dry run of an import: every problem of the rows (as sent by the browser, so every cell is
 * validated again here) by row and column, and the forms it would create. Reads only.
 */
export const checkDictionary = defineQuery({
  permission: "crf.design",
  run: async (actor: ReadActor, studyId: number, rows: unknown): Promise<DictionaryCheck | null> => {
    const found = await designableStudy(actor, studyId);
    if (!found) return null;
    const parsed = dictionaryRowsField.safeParse(rows);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue): DictionaryProblem => {
        const [index, key] = issue.path;
        const column = typeof key === "string" && (DICTIONARY_KEYS as readonly string[]).includes(key) ? headerOf(key as DictionaryKey) : "";
        const params = "params" in issue ? (issue.params as Record<string, string | number> | undefined) : undefined;
        return { row: typeof index === "number" ? csvLine(index) : 1, column, key: issue.message, ...(params ? { params } : {}) };
      });
      return { problems, forms: [] };
    }
    const plan = await planDictionaryImport(found.db, found.study, parsed.data);
    return { problems: plan.problems, forms: planSummary(plan.forms) };
  },
  otherwise: () => null,
});
