import { eq } from "drizzle-orm";
import { z } from "zod";
import { molecularBiomarkers, molecularOrders, molecularVariants } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { biomarkersOf, MSI_STATUSES, HER2_SCORES } from "@/lib/molecular/biomarkers";
import { raisesHereditaryRisk } from "@/lib/molecular/hereditary";
import { lockLabOrder } from "@/lib/molecular/load";
import type { LineProblem, ParsedVariant } from "@/lib/molecular/result-lines";
import { parseTable } from "@/lib/molecular/table-results";
import { parseVcf } from "@/lib/molecular/vcf-results";
import { checkboxField, choiceField, decimalField, idField, intField, listOf, optionalChoiceField, optionalTextField } from "@/lib/validation/fields";

/** A 500-gene panel VCF has a few thousand lines; one line of an annotated VCF stays under 10,000 characters. */
export const MAX_RESULT_LINES = 20_000;

export const importResultsSchema = z.strictObject({
  orderId: idField,
  format: choiceField(["vcf", "table"]),
  /** The file's lines in order (a blank line is null): problems are reported by line number. */
  lines: listOf(optionalTextField({ max: 10_000, multiline: true }), MAX_RESULT_LINES),
  tmb: decimalField({ min: 0, max: 1000, decimals: 2 }).optional(),
  msiStatus: optionalChoiceField(MSI_STATUSES),
  pdl1Tps: intField({ min: 0, max: 100 }).optional(),
  pdl1Cps: intField({ min: 0, max: 100 }).optional(),
  her2Ihc: optionalChoiceField(HER2_SCORES),
  dryRun: checkboxField,
});

export type ImportOutcome = { dryRun: boolean; problems: LineProblem[]; variants: ParsedVariant[]; biomarkers: number; hereditaryRisk: boolean };

/**
 * The lab imports the results of a test in analysis: a VCF or a tabular report, and biomarker
 * values. A dry run answers every problem by line and writes no result (only its audit event);
 * a real import writes nothing at all if any line is refused. Results are imported once per order.
 */
export const importResultsCommand = defineCommand({
  name: "molecular.results.import",
  schema: importResultsSchema,
  permission: "molecular.lab",
  handler: async ({ actor, input, tx, audit }): Promise<ImportOutcome> => {
    const o = await lockLabOrder(tx, actor, input.orderId);
    if (o.status !== "in_analysis") throw new ActionError("molecular.errors.wrongStatus");
    if (o.resultsAt) throw new ActionError("molecular.errors.alreadyImported");
    const hasLines = input.lines.some((l) => l !== null);
    const parsed = !hasLines ? { variants: [], problems: [] } : input.format === "vcf" ? parseVcf(input.lines, o.origin) : parseTable(input.lines, o.origin);
    const biomarkers = biomarkersOf(input);
    if (!parsed.variants.length && !parsed.problems.length && !biomarkers.length) throw new ActionError("molecular.errors.nothingToImport");
    const hereditaryRisk = parsed.variants.some((v) => raisesHereditaryRisk({ ...v, origin: o.origin }));
    const outcome = { dryRun: input.dryRun, problems: parsed.problems, variants: parsed.variants, biomarkers: biomarkers.length, hereditaryRisk };
    if (input.dryRun) {
      // Nothing of the results is written; the check itself is on the trail (who checked which file).
      audit({
        action: "molecular.results.checked",
        entityType: "molecular_order",
        entityId: o.id,
        centreId: o.ownerCentreId,
        studyId: o.studyId,
        after: { format: input.format, variants: parsed.variants.length, problems: parsed.problems.length },
      });
      return outcome;
    }
    if (parsed.problems.length) throw new ActionError("molecular.errors.linesRefused", { count: parsed.problems.length });
    if (parsed.variants.length) {
      await tx.insert(molecularVariants).values(
        parsed.variants.map((v) => ({ ...v, orderId: o.id, origin: o.origin, vaf: v.vaf === null ? null : v.vaf.toFixed(4) })),
      );
    }
    if (biomarkers.length) await tx.insert(molecularBiomarkers).values(biomarkers.map((b) => ({ ...b, orderId: o.id, value: b.value === null ? null : b.value.toFixed(2) })));
    await tx.update(molecularOrders).set({ resultsAt: new Date(), hereditaryRisk, updatedAt: new Date() }).where(eq(molecularOrders.id, o.id));
    // The event counts what came in; which genes (germline above all) stays in the scoped result rows.
    audit({
      action: "molecular.results.imported",
      entityType: "molecular_order",
      entityId: o.id,
      centreId: o.ownerCentreId,
      studyId: o.studyId,
      after: { format: input.format, variants: parsed.variants.length, biomarkers: biomarkers.length },
    });
    return outcome;
  },
});
