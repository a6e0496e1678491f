import "server-only";
import { getDb } from "@/db/client";
import { checkRecordsSchema } from "@/lib/exchange/records-import/input";
import type { ImportProblem } from "@/lib/exchange/records-import/parse";
import { planRecordsImport } from "@/lib/exchange/records-import/plan";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

/** Problems listed at most (the count is always whole). */
export const MAX_LISTED_PROBLEMS = 1000;

export type RecordsCheck = {
  problems: ImportProblem[];
  warnings: ImportProblem[];
  problemCount: number;
  warningCount: number;
  rows: number;
  create: number;
  change: number;
  unchanged: number;
  needsReason: boolean;
};

/**
 * The dry run of a records import: the files as sent (every field validated again here),
 * checked exactly as the import checks them, by file, row and column, and what it would do.
 * Reads only: no row, no audit event. Participants outside the actor's entry scope read as
 * unknown. Null when the study or form is not the actor's, or for an actor who does not enter data.
 */
export const checkRecordsImport = defineQuery({
  permission: "crf.enter",
  run: async (actor: ReadActor, input: unknown): Promise<RecordsCheck | { invalid: Record<string, string[]> } | null> => {
    const parsed = checkRecordsSchema.safeParse(input);
    if (!parsed.success) {
      const invalid: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (invalid[issue.path.join(".") || "input"] ??= []).push(issue.message);
      return { invalid };
    }
    const db = await getDb();
    const plan = await planRecordsImport(db, actor, parsed.data, { lock: false, now: new Date() });
    if (!plan) return null;
    return {
      problems: plan.problems.slice(0, MAX_LISTED_PROBLEMS),
      warnings: plan.warnings.slice(0, MAX_LISTED_PROBLEMS),
      problemCount: plan.problems.length,
      warningCount: plan.warnings.length,
      rows: plan.rows,
      create: plan.saves.filter((s) => !s.instance).length,
      change: plan.saves.filter((s) => s.instance).length,
      unchanged: plan.unchanged,
      needsReason: plan.needsReason,
    };
  },
  otherwise: () => null,
});
