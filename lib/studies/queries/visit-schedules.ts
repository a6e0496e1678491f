import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { studyScope } from "@/lib/studies/scope";

export type ScheduleVersion = { version: number; effectiveDate: string; visits: { code: string; nameZh: string; nameEn: string; targetDay: number; windowDays: number }[] };

/** The visit schedule of every protocol version of a study the actor may see (newest first). */
export const studySchedules = defineQuery({
  permission: "study.read",
  run: async (actor: ReadActor, studyId: number): Promise<ScheduleVersion[]> => {
    const db = await getDb();
    const rows = await queryRows<{ version: number; effectiveDate: string; code: string | null; nameZh: string; nameEn: string; targetDay: number; windowDays: number }>(
      db,
      sql`select pv.version, pv.effective_date::text as "effectiveDate", d.code, d.name_zh as "nameZh", d.name_en as "nameEn",
            d.target_day as "targetDay", d.window_days as "windowDays"
          from protocol_versions pv left join visit_definitions d on d.protocol_version_id = pv.id
          where pv.study_id = ${studyId} and ${studyScope(actor, sql`pv.study_id`)}
          order by pv.version desc, d.ordinal`,
    );
    const out: ScheduleVersion[] = [];
    for (const r of rows) {
      let v = out.find((x) => x.version === r.version);
      if (!v) out.push((v = { version: r.version, effectiveDate: r.effectiveDate, visits: [] }));
      if (r.code) v.visits.push({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, targetDay: r.targetDay, windowDays: r.windowDays });
    }
    return out;
  },
  otherwise: () => [],
});
