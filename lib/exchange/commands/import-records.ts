import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError, notFound } from "@/lib/actions/errors";
import { writeFormSaves } from "@/lib/crf/save-instance";
import { importRecordsSchema } from "@/lib/exchange/records-import/input";
import { planRecordsImport } from "@/lib/exchange/records-import/plan";

/**
 * Imports one form's records from its tidy CSV (lib/exchange/tidy-shape.ts) and its repeating
 * groups' files: all or nothing. The whole dry run (lib/exchange/records-import/check.ts, also
 * behind lib/exchange/queries/records-import.ts) runs again here with the participants and
 * instances locked; any problem and nothing is written. Soft-limit breaches need the
 * confirmation (each then raises a query, as on the form page); changing a saved value needs
 * the one reason of the import. Every changed instance is saved through the form page's own
 * save (lib/crf/save-instance.ts): its version bump, record_versions row and audit event.
 * Same entry scope as the form page: site staff for their centre's participants, the study's PI.
 */
export const importRecordsCommand = defineCommand({
  name: "exchange.records.import",
  schema: importRecordsSchema,
  permission: "crf.enter",
  requestKey: (input) => input.requestKey,
  handler: async ({ actor, input, tx, audit }) => {
    const now = new Date();
    const plan = await planRecordsImport(tx, actor, input, { lock: true, now });
    if (!plan) throw notFound();
    if (plan.problems.length) throw new ActionError("recordsImport.errors.refused", { count: plan.problems.length, row: plan.problems[0].row });
    if (plan.warnings.length && !input.confirmSoft) throw fieldError("confirmSoft", "recordsImport.errors.confirmSoft", { count: plan.warnings.length });
    if (plan.needsReason && !input.reason) throw fieldError("reason", "crf.entry.errors.reasonRequired");

    const { study } = plan;
    const writes = plan.saves.map((s) => ({
      target: {
        participant: { id: s.participant.id, centreId: s.participant.centreId, subjectCode: s.participant.subjectCode },
        study: { id: study.id, code: study.code, piUserId: study.piUserId },
        event: { id: s.event.id, name: s.event.name, visitDate: s.event.visitDate },
        form: s.form,
        formVersionId: s.formVersionId,
        repeat: s.repeat,
        instance: s.instance,
      },
      ruled: s.ruled,
      diff: s.diff,
      complete: s.complete,
      reason: input.reason,
    }));
    const written = await writeFormSaves(tx, actor, audit, writes, now);
    const created = plan.saves.filter((s) => !s.instance).length;
    const changed = plan.saves.length - created;
    const raisedQueries = written.reduce((n, w) => n + w.raisedQueries, 0);
    const summary = { created, changed, unchanged: plan.unchanged, raisedQueries };
    audit({
      action: "exchange.records.imported",
      entityType: "study",
      entityId: study.id,
      centreId: study.leadCentreId,
      studyId: study.id,
      after: { form: plan.form.name, rows: plan.rows, instancesCreated: created, instancesChanged: changed, instancesUnchanged: plan.unchanged, raisedQueries, groupFiles: input.groups.map((g) => g.group) },
      reason: plan.needsReason ? input.reason : null,
    });
    return summary;
  },
});
