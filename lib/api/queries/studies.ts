import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { organisations, studies, users } from "@/db/schema";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { studyScope } from "@/lib/studies/scope";

export type ApiStudy = {
  id: number;
  code: string;
  titleZh: string;
  titleEn: string;
  registryNo: string | null;
  status: string;
  phase: string;
  design: string;
  area: string;
  blinding: string | null;
  targetEnrolment: number;
  enrolled: number;
  leadCentreCode: string;
  piName: string;
};

/** `ids`: the studies a token is limited to (null: no limit). Only narrows the actor's scope. */
function where(actor: ReadActor, ids: number[] | null, extra?: SQL): SQL | undefined {
  const conds: SQL[] = [studyScope(actor)];
  if (ids) conds.push(ids.length ? inArray(studies.id, ids) : sql`false`);
  if (extra) conds.push(extra);
  return and(...conds);
}

const select = {
  id: studies.id,
  code: studies.code,
  titleZh: studies.titleZh,
  titleEn: studies.titleEn,
  registryNo: studies.registryNo,
  status: studies.status,
  phase: studies.phase,
  design: studies.design,
  area: studies.area,
  blinding: studies.blinding,
  targetEnrolment: studies.targetEnrolment,
  enrolled: sql<number>`coalesce((select sum(ss.enrolled_count)::int from study_sites ss where ss.study_id = ${studies.id}), 0)`,
  leadCentreCode: organisations.code,
  piName: users.name,
};

/** Every study in the actor's scope (and the token's), by code; at most 500. */
export const apiStudies = defineQuery({
  permission: "study.read",
  run: async (actor: ReadActor, ids: number[] | null): Promise<ApiStudy[]> => {
    const db = await getDb();
    const rows = await db
      .select(select)
      .from(studies)
      .innerJoin(organisations, eq(organisations.id, studies.leadCentreId))
      .innerJoin(users, eq(users.id, studies.piUserId))
      .where(where(actor, ids))
      .orderBy(asc(studies.code))
      .limit(500);
    return rows.map((r) => ({ ...r, enrolled: Number(r.enrolled) }));
  },
  otherwise: (): ApiStudy[] => [],
});

/** One study by code in the actor's scope (and the token's), or null. */
export const apiStudy = defineQuery({
  permission: "study.read",
  run: async (actor: ReadActor, code: string, ids: number[] | null): Promise<ApiStudy | null> => {
    const db = await getDb();
    const [row] = await db
      .select(select)
      .from(studies)
      .innerJoin(organisations, eq(organisations.id, studies.leadCentreId))
      .innerJoin(users, eq(users.id, studies.piUserId))
      .where(where(actor, ids, eq(studies.code, code.toUpperCase())))
      .limit(1);
    return row ? { ...row, enrolled: Number(row.enrolled) } : null;
  },
  otherwise: (): ApiStudy | null => null,
});
