import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import type { MolecularOrderStatus, MolecularTestKind, VariantOrigin } from "@/db/enums";
import { orderingScope } from "@/lib/molecular/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

export type OrderableSpecimen = {
  id: number;
  barcode: string;
  type: string;
  owner: "participant" | "donor";
  /** The owner's pseudonymous code: a subject code, or a donor code. */
  code: string;
  /** The participant's study; null for a donor. */
  studyCode: string | null;
  /** Tests already ordered on this specimen, newest first. */
  orders: { id: number; testKind: MolecularTestKind; origin: VariantOrigin; status: MolecularOrderStatus }[];
};

/**
 * A specimen the actor may order a test on, by barcode: a participant's (their own site or the
 * study's PI) or a biobank donor's (the donor's own centre): lib/molecular/scope.ts. Null
 * otherwise (another site's, or none).
 */
export const specimenForOrder = defineQuery({
  permission: "molecular.order",
  run: async (actor: ReadActor, barcode: string, db?: Db): Promise<OrderableSpecimen | null> => {
    const d = db ?? (await getDb());
    const [s] = await queryRows<Omit<OrderableSpecimen, "orders">>(
      d,
      sql`select s.id, s.barcode, s.type::text as type, case when p.id is null then 'donor' else 'participant' end as owner,
            coalesce(p.subject_code, d.donor_code) as code, st.code as "studyCode"
          from specimens s left join participants p on p.id = s.participant_id left join donors d on d.id = s.donor_id
          left join studies st on st.id = p.study_id
          where s.barcode = ${barcode} and (p.id is not null or d.id is not null) and ${orderingScope(actor)}`,
    );
    if (!s) return null;
    const orders = await queryRows<OrderableSpecimen["orders"][number]>(
      d,
      sql`select mo.id, mo.test_kind as "testKind", mo.origin, mo.status from molecular_orders mo
          join specimens s on s.id = mo.specimen_id left join participants p on p.id = s.participant_id left join donors d on d.id = s.donor_id
          where mo.specimen_id = ${s.id} and ${orderingScope(actor)} order by mo.id desc limit 20`,
    );
    return { ...s, orders };
  },
  otherwise: (_barcode: string, _db?: Db): OrderableSpecimen | null => null,
});

export type MolecularLab = { id: number; code: string; nameZh: string; nameEn: string };

/** The centres that run a molecular lab (active lab staff there): where a test may be sent. */
export const molecularLabs = defineQuery({
  permission: "molecular.order",
  run: async (_actor: ReadActor, db?: Db): Promise<MolecularLab[]> =>
    queryRows<MolecularLab>(
      db ?? (await getDb()),
      sql`select o.id, o.code, o.name_zh as "nameZh", o.name_en as "nameEn" from organisations o
          where exists (select 1 from users u where u.centre_id = o.id and u.role = 'molecular_lab' and not u.disabled)
          order by o.code`,
    ),
  otherwise: (_db?: Db): MolecularLab[] => [],
});
