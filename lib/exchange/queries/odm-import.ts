import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { studies } from "@/db/schema";
import { crfDesignScope } from "@/lib/crf/scope";
import { odmLinesField, odmText } from "@/lib/exchange/odm/fields";
import { odmPlanSummary, planOdmImport } from "@/lib/exchange/odm/import-plan";
import type { OdmProblem } from "@/lib/exchange/odm/read-metadata";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

export type OdmCheck = { problems: OdmProblem[]; forms: { name: string; items: number; groups: number }[] };

/**
 * The dry run of an ODM import: every problem of the file by line and element, and the forms it
 * would create, for the study's designers (its PI or a data manager on its team); null for any
 * other study. Reads only.
 */
export const checkOdmImport = defineQuery({
  permission: "crf.design",
  run: async (actor: ReadActor, studyId: number, lines: unknown): Promise<OdmCheck | null> => {
    const db = await getDb();
    const [study] = await db.select().from(studies).where(and(eq(studies.id, studyId), crfDesignScope(actor)));
    if (!study) return null;
    const parsed = odmLinesField.safeParse(lines);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i): OdmProblem => {
        const params = "params" in i && i.params ? (i.params as Record<string, string | number>) : undefined;
        return { line: typeof i.path[0] === "number" ? i.path[0] + 1 : 1, element: "", key: i.message, ...(params ? { params } : {}) };
      });
      return { problems, forms: [] };
    }
    const plan = await planOdmImport(db, study, odmText(parsed.data));
    return { problems: plan.problems, forms: odmPlanSummary(plan.forms) };
  },
  otherwise: () => null,
});
