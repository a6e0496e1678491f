import { sql } from "drizzle-orm";
import Papa from "papaparse";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { VARIANT_ORIGINS } from "@/db/enums";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { hgrRefusal } from "@/lib/molecular/export-gate";
import { germlineVisible, orderReadScope } from "@/lib/molecular/scope";
import { checkboxField, choiceField, idField, optionalIdField, optionalTextField, reasonField } from "@/lib/validation/fields";

/** An export is for analysis of one study, not a dump of the network: past this many rows it is refused. */
export const MAX_EXPORT_ROWS = 50_000;

export const exportResultsSchema = z.strictObject({
  studyId: idField,
  /** One site of the study (its participants' current centre), or every site in the actor's scope. */
  centreId: optionalIdField,
  origin: choiceField(VARIANT_ORIGINS),
  /** The data go to a recipient outside mainland China. */
  abroad: checkboxField,
  hgrApprovalNo: optionalTextField({ max: 60 }),
  purpose: reasonField,
});

export const EXPORT_COLUMNS = [
  "record", "order_id", "subject_code", "study_code", "centre_code", "test_kind", "origin", "reported_on", "turnaround_days",
  "gene", "partner_gene", "transcript", "hgvs_c", "hgvs_p", "variant_type", "vaf", "depth", "classification", "biomarker", "value",
] as const;

type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

/** A spreadsheet runs a cell starting with = + - @ as a formula: such text is quoted (CSV injection). */
const cell = (v: string | number | null) => (v === null ? "" : typeof v === "number" ? v : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/**
 * The reported results of a study (or one of its sites) as CSV, pseudonymous (subject codes,
 * never names): the rows the actor may read (lib/molecular/scope.ts; germline rows only where
 * germline results show to the actor). Germline results, and any export abroad, need a valid
 * HGR approval number (lib/molecular/export-gate.ts). The export itself is the audit event:
 * who, which study, how many rows, the approval number and the purpose.
 */
export const exportResultsCommand = defineCommand({
  name: "molecular.results.export",
  schema: exportResultsSchema,
  permission: "molecular.export",
  handler: async ({ actor, input, tx, audit }): Promise<{ studyCode: string; rows: number; csv: string }> => {
    if (hgrRefusal(input.origin, input.abroad, input.hgrApprovalNo)) throw fieldError("hgrApprovalNo", "molecular.errors.hgrMissing");
    const site = input.centreId === null ? sql`true` : sql`p.centre_id = ${input.centreId}`;
    const inScope = sql`mo.study_id = ${input.studyId} and mo.status = 'reported' and mo.origin = ${input.origin} and ${site} and ${orderReadScope(actor)} and ${germlineVisible(actor)}`;
    const rows = await queryRows<ExportRow>(
      tx,
      sql`select * from (
            select 'variant' as record, mo.id as order_id, p.subject_code, st.code as study_code, c.code as centre_code, mo.test_kind::text as test_kind,
              mo.origin::text as origin, mo.reported_on::text as reported_on, mo.turnaround_days, v.gene, v.partner_gene, v.transcript, v.hgvs_c, v.hgvs_p,
              v.variant_type::text as variant_type, v.vaf::text as vaf, v.depth, coalesce(v.somatic_tier::text, v.germline_class::text) as classification,
              null::text as biomarker, null::text as value, v.line as k
            from molecular_orders mo join participants p on p.id = mo.participant_id left join donors d on d.id = mo.donor_id join studies st on st.id = mo.study_id
            join organisations c on c.id = p.centre_id join molecular_variants v on v.order_id = mo.id
            where ${inScope}
            union all
            select 'biomarker', mo.id, p.subject_code, st.code, c.code, mo.test_kind::text, mo.origin::text, mo.reported_on::text, mo.turnaround_days,
              null, null, null, null, null, null, null, null, null, b.kind::text, coalesce(b.category, b.value::text), 100000 + b.id
            from molecular_orders mo join participants p on p.id = mo.participant_id left join donors d on d.id = mo.donor_id join studies st on st.id = mo.study_id
            join organisations c on c.id = p.centre_id join molecular_biomarkers b on b.order_id = mo.id
            where ${inScope}
          ) x order by order_id, k
          limit ${MAX_EXPORT_ROWS + 1}`,
    );
    if (rows.length > MAX_EXPORT_ROWS) throw new ActionError("molecular.errors.exportTooLarge", { max: MAX_EXPORT_ROWS });
    // A study outside the scope simply has no rows: the same answer as a study without results.
    if (rows.length === 0) throw new ActionError("molecular.errors.nothingToExport");
    const studyCode = String(rows[0].study_code);
    const csv = "\uFEFF" + Papa.unparse({ fields: [...EXPORT_COLUMNS], data: rows.map((r) => EXPORT_COLUMNS.map((c) => cell(r[c]))) }, { newline: "\r\n" });
    audit({
      action: "molecular.results.exported",
      entityType: "study",
      entityId: input.studyId,
      centreId: input.centreId ?? actor.centreId,
      studyId: input.studyId,
      after: { origin: input.origin, rows: rows.length, abroad: input.abroad, hgr: input.hgrApprovalNo, purpose: input.purpose },
    });
    return { studyCode, rows: rows.length, csv };
  },
});
