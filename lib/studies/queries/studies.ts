import "server-only";
import { and, asc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { organisations, studies, users, type ResearchArea, type StudyPhase, type StudyStatus } from "@/db/schema";
import { defineQuery } from "@/lib/reads/define-query";
import { paged, type Paged } from "@/lib/reads/paging";
import { STUDY_PAGE_SIZE, type StudyFilters } from "@/lib/studies/filters";
import { recruitingGatesFor } from "@/lib/studies/recruiting-gates";
import { getStudyForActor, studyScope } from "@/lib/studies/scope";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export type StudyListRow = {
  id: number;
  code: string;
  titleZh: string;
  titleEn: string;
  status: StudyStatus;
  area: ResearchArea;
  phase: StudyPhase;
  design: string;
  targetEnrolment: number;
  enrolled: number;
  siteCount: number;
  piName: string;
};

/** Studies in the actor's scope, filtered and searched, one page; progress summed in SQL. */
export const listStudies = defineQuery({
  permission: "study.read",
  run: async (actor, f: StudyFilters, pageSize: number = STUDY_PAGE_SIZE): Promise<Paged<StudyListRow>> => {
    const db = await getDb();
    const conds: SQL[] = [studyScope(actor)];
    if (f.status) conds.push(eq(studies.status, f.status));
    if (f.area) conds.push(eq(studies.area, f.area));
    if (f.phase) conds.push(eq(studies.phase, f.phase));
    if (f.q) {
      const like = `%${escapeLike(f.q)}%`;
      conds.push(or(ilike(studies.code, like), ilike(studies.titleZh, like), ilike(studies.titleEn, like), ilike(studies.registryNo, like)) as SQL);
    }
    const where = and(...conds);
    const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(studies).where(where);
    const rows = await db
      .select({
        id: studies.id,
        code: studies.code,
        titleZh: studies.titleZh,
        titleEn: studies.titleEn,
        status: studies.status,
        area: studies.area,
        phase: studies.phase,
        design: studies.design,
        targetEnrolment: studies.targetEnrolment,
        enrolled: sql<number>`coalesce((select sum(ss.enrolled_count)::int from study_sites ss where ss.study_id = ${studies.id}), 0)`,
        siteCount: sql<number>`(select count(*)::int from study_sites ss where ss.study_id = ${studies.id})`,
        piName: users.name,
      })
      .from(studies)
      .innerJoin(users, eq(users.id, studies.piUserId))
      .where(where)
      .orderBy(asc(studies.code))
      .limit(pageSize)
      .offset((f.page - 1) * pageSize);
    return paged(rows, Number(total), f.page, pageSize);
  },
  otherwise: (f: StudyFilters, pageSize: number = STUDY_PAGE_SIZE): Paged<StudyListRow> => paged([], 0, f.page, pageSize),
});

/** A study page's header data, or null (404) outside the actor's scope. */
export const getStudyPage = defineQuery({
  permission: "study.read",
  run: async (actor, code: string) => {
    const db = await getDb();
    const study = await getStudyForActor(db, actor, code);
    if (!study) return null;
    const [extra] = await db
      .select({
        leadCode: organisations.code,
        leadNameZh: organisations.nameZh,
        leadNameEn: organisations.nameEn,
        piName: users.name,
        piEmail: users.email,
      })
      .from(studies)
      .innerJoin(organisations, eq(organisations.id, studies.leadCentreId))
      .innerJoin(users, eq(users.id, studies.piUserId))
      .where(and(eq(studies.id, study.id), studyScope(actor)));
    return { ...study, ...extra };
  },
  otherwise: (_code: string) => null,
});

export type StudyPage = NonNullable<Awaited<ReturnType<typeof getStudyPage>>>;

/** Unmet recruiting gates of a study in scope (shown before the PI tries to start it). */
export const studyRecruitingGates = defineQuery({
  permission: "study.read",
  run: async (actor, code: string): Promise<string[]> => {
    const db = await getDb();
    const study = await getStudyForActor(db, actor, code);
    return study ? recruitingGatesFor(db, study) : [];
  },
  otherwise: (_code: string): string[] => [],
});

/** PI accounts a network admin may name as a study's PI (a PI creating a study is its PI: none to choose). */
export const piOptions = defineQuery({
  permission: "study.create",
  run: async (actor) => {
    if (actor.role !== "network_admin") return [];
    const db = await getDb();
    return db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.role, "pi"), eq(users.disabled, false)))
      .orderBy(asc(users.name));
  },
  otherwise: () => [],
});
