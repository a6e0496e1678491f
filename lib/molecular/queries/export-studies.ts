import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import { orderReadScope } from "@/lib/molecular/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

export type ExportableStudy = { id: number; code: string; titleZh: string; titleEn: string; reported: number };
export type ExportableSite = { id: number; code: string; nameZh: string; nameEn: string };

/** Studies with reported results the actor may read, and the sites those results are at: what an export may choose. */
export const exportChoices = defineQuery({
  permission: "molecular.export",
  run: async (actor: ReadActor, db?: Db): Promise<{ studies: ExportableStudy[]; sites: ExportableSite[] }> => {
    const d = db ?? (await getDb());
    const studies = await queryRows<ExportableStudy>(
      d,
      sql`select st.id, st.code, st.title_zh as "titleZh", st.title_en as "titleEn", count(*)::int as reported
          from molecular_orders mo join participants p on p.id = mo.participant_id left join donors d on d.id = mo.donor_id join studies st on st.id = mo.study_id
          where mo.status = 'reported' and ${orderReadScope(actor)}
          group by st.id order by st.code limit 200`,
    );
    const sites = await queryRows<ExportableSite>(
      d,
      sql`select c.id, c.code, c.name_zh as "nameZh", c.name_en as "nameEn" from organisations c
          where c.id in (select p.centre_id from molecular_orders mo join participants p on p.id = mo.participant_id left join donors d on d.id = mo.donor_id
                         where mo.status = 'reported' and ${orderReadScope(actor)})
          order by c.code limit 500`,
    );
    return { studies, sites };
  },
  otherwise: (_db?: Db) => ({ studies: [] as ExportableStudy[], sites: [] as ExportableSite[] }),
});
