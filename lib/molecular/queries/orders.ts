import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import type { BiomarkerKind, MolecularOrderStatus, MolecularTestKind, VariantOrigin } from "@/db/enums";
import { actionableBiomarkersFor, actionableFor, type Actionable, type ActionableBiomarker } from "@/lib/molecular/actionability";
import { isPathogenic } from "@/lib/molecular/classification";
import type { VariantCall } from "@/lib/molecular/variant-call";
import { germlineVisible, orderReadScope, ORDER_OWNER, OWNER_CODE } from "@/lib/molecular/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

export type OrderRow = {
  id: number;
  owner: "participant" | "donor";
  /** The owner's pseudonymous code: a subject code, or a donor code. */
  code: string;
  /** The participant's study; null for a donor's order. */
  studyCode: string | null;
  barcode: string;
  testKind: MolecularTestKind;
  origin: VariantOrigin;
  status: MolecularOrderStatus;
  labCentreCode: string;
  orderedOn: string;
  reportedOn: string | null;
  turnaroundDays: number | null;
};

/** Orders the actor may see, newest first (at most 200: the list pages by status later). */
export const listOrders = defineQuery({
  permission: "molecular.read",
  run: async (actor: ReadActor, db?: Db): Promise<OrderRow[]> =>
    queryRows<OrderRow>(
      db ?? (await getDb()),
      sql`select mo.id, ${OWNER_CODE} as code, case when mo.donor_id is null then 'participant' else 'donor' end as owner, st.code as "studyCode", s.barcode, mo.test_kind as "testKind", mo.origin, mo.status,
            lab.code as "labCentreCode", mo.ordered_on::text as "orderedOn", mo.reported_on::text as "reportedOn", mo.turnaround_days as "turnaroundDays"
          from molecular_orders mo
          ${ORDER_OWNER}
          left join studies st on st.id = mo.study_id
          join specimens s on s.id = mo.specimen_id
          join organisations lab on lab.id = mo.lab_centre_id
          where ${orderReadScope(actor)}
          order by mo.id desc limit 200`,
    ),
  otherwise: (_db?: Db): OrderRow[] => [],
});

export type VariantRow = { id: number; line: number } & VariantCall & { actionable: Actionable[] };

export type OrderReport = OrderRow & {
  failureReason: string | null;
  receivedOn: string | null;
  tumourContentPct: number | null;
  meanDepth: number | null;
  coveragePct: number | null;
  /** False when the actor may not see germline results: then no variant and no flag is shown. */
  resultsVisible: boolean;
  hereditaryRisk: boolean;
  /** Results (variants or biomarker values) have been imported: the lab needs this even where germline rows stay hidden. */
  resultsIn: boolean;
  variants: VariantRow[];
  biomarkers: { kind: BiomarkerKind; value: number | null; category: string | null; actionable: ActionableBiomarker[] }[];
};

const num = (v: string | number | null) => (v === null ? null : Number(v));

/**
 * One order with its results and what they mean (the curated actionability table). Germline
 * variants and the hereditary-risk flag reach only the participant's own site and the
 * ordering investigator: for anyone else the order shows, its results do not.
 */
export const orderReport = defineQuery({
  permission: "molecular.read",
  run: async (actor: ReadActor, orderId: number, db?: Db): Promise<OrderReport | null> => {
    const d = db ?? (await getDb());
    const [o] = await queryRows<
      OrderRow & { failureReason: string | null; receivedOn: string | null; tumourContentPct: string | null; meanDepth: number | null; coveragePct: string | null; resultsVisible: boolean; hereditaryRisk: boolean; resultsIn: boolean }
    >(
      d,
      sql`select mo.id, ${OWNER_CODE} as code, case when mo.donor_id is null then 'participant' else 'donor' end as owner, st.code as "studyCode", s.barcode, mo.test_kind as "testKind", mo.origin, mo.status,
            lab.code as "labCentreCode", mo.ordered_on::text as "orderedOn", mo.received_on::text as "receivedOn", mo.reported_on::text as "reportedOn",
            mo.turnaround_days as "turnaroundDays", mo.failure_reason as "failureReason", mo.tumour_content_pct as "tumourContentPct",
            mo.mean_depth as "meanDepth", mo.coverage_pct as "coveragePct",
            ${germlineVisible(actor)} as "resultsVisible", (mo.hereditary_risk and ${germlineVisible(actor)}) as "hereditaryRisk",
            mo.results_at is not null as "resultsIn"
          from molecular_orders mo
          ${ORDER_OWNER}
          left join studies st on st.id = mo.study_id
          join specimens s on s.id = mo.specimen_id
          join organisations lab on lab.id = mo.lab_centre_id
          where mo.id = ${orderId} and ${orderReadScope(actor)}`,
    );
    if (!o) return null;
    const variants = await queryRows<Omit<VariantRow, "actionable" | "vaf"> & { vaf: string | null }>(
      d,
      sql`select v.id, v.line, v.gene, v.partner_gene as "partnerGene", v.transcript, v.hgvs_c as "hgvsC", v.hgvs_p as "hgvsP", v.variant_type as "variantType",
            v.vaf, v.depth, v.somatic_tier as "somaticTier", v.germline_class as "germlineClass"
          from molecular_variants v
          join molecular_orders mo on mo.id = v.order_id
          ${ORDER_OWNER}
          where v.order_id = ${orderId} and ${orderReadScope(actor)} and ${germlineVisible(actor)}
          order by v.line, v.id`,
    );
    const biomarkers = await queryRows<{ kind: BiomarkerKind; value: string | null; category: string | null }>(
      d,
      sql`select b.kind, b.value, b.category from molecular_biomarkers b
          join molecular_orders mo on mo.id = b.order_id
          ${ORDER_OWNER}
          where b.order_id = ${orderId} and ${orderReadScope(actor)} and ${germlineVisible(actor)}
          order by b.kind`,
    );
    return {
      ...o,
      tumourContentPct: num(o.tumourContentPct),
      coveragePct: num(o.coveragePct),
      variants: variants.map((v) => ({ ...v, vaf: num(v.vaf), actionable: o.origin === "somatic" || isPathogenic(v.germlineClass) ? actionableFor(v) : [] })),
      biomarkers: biomarkers.map((b) => {
        const value = { kind: b.kind, value: num(b.value), category: b.category };
        return { ...value, actionable: actionableBiomarkersFor(value) };
      }),
    };
  },
  otherwise: (_orderId: number, _db?: Db) => null,
});
