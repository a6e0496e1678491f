import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError, notFound } from "@/lib/actions/errors";
import { exportOptionsSchema, type ExportOptions } from "@/lib/exchange/export/options";
import { exportStudyScope, idList } from "@/lib/exchange/scope";

/**
 * Records an analysis export before its download starts: an export only reads, but who took
 * which study's data, and under which filter, is audited. Refused (nothing written) when the
 * actor may not export the study (lib/exchange/scope.ts: viewers never, a monitor outside the
 * study never) or names a form, event or site that is not the study's. Each download is one
 * export, so pressing twice records two: no request key.
 */
export const recordExportCommand = defineCommand({
  name: "exchange.analysis.export",
  schema: exportOptionsSchema,
  permission: "exchange.export",
  handler: async ({ actor, input, tx, audit }): Promise<{ studyId: number; studyCode: string; options: ExportOptions }> => {
    const [study] = await queryRows<{ id: number; code: string }>(tx, sql`select s.id, s.code from studies s where s.id = ${input.studyId} and ${exportStudyScope(actor, sql`s.id`)}`);
    if (!study) throw notFound();
    const names = async (table: "crf_forms" | "crf_events", ids: number[]) =>
      ids.length ? queryRows<{ id: number; name: string }>(tx, sql`select id, name from ${sql.raw(table)} where study_id = ${study.id} and id in ${idList(ids)} order by id`) : [];
    const uniq = (ids: number[]) => [...new Set(ids)];
    const forms = await names("crf_forms", uniq(input.forms));
    if (forms.length !== uniq(input.forms).length) throw fieldError("forms", "exchange.errors.unknownForm");
    const events = await names("crf_events", uniq(input.events));
    if (events.length !== uniq(input.events).length) throw fieldError("events", "exchange.errors.unknownEvent");
    const sites = input.sites.length
      ? await queryRows<{ id: number; code: string }>(
          tx,
          sql`select o.id, o.code from study_sites ss join organisations o on o.id = ss.centre_id where ss.study_id = ${study.id} and o.id in ${idList(uniq(input.sites))} order by o.id`,
        )
      : [];
    if (sites.length !== uniq(input.sites).length) throw fieldError("sites", "exchange.errors.unknownSite");
    audit({
      action: "exchange.analysis.exported",
      entityType: "study",
      entityId: study.id,
      studyId: study.id,
      centreId: actor.centreId,
      after: {
        format: "csv",
        forms: forms.map((f) => f.name),
        events: events.map((e) => e.name),
        sites: sites.map((s) => s.code),
        removeIdentifiers: input.removeIdentifiers,
        removeFreeText: input.removeFreeText,
        shiftDates: input.shiftDates,
        labelLanguage: input.labels,
      },
    });
    return { studyId: Number(study.id), studyCode: study.code, options: input };
  },
});
