import "server-only";
import { and, asc, desc, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  auditEvents,
  consentVersions,
  eligibilityCriteria,
  organisations,
  protocolVersions,
  studies,
  studyArms,
  studySites,
  studyStatus,
  studyTeam,
  researchArea,
  studyPhase,
  users,
  type ResearchArea,
  type StudyPhase,
  type StudyStatus,
} from "@/db/schema";
import { recruitingGatesFor } from "@/lib/studies/commands/change-status";
import { getStudyForActor, studyScope, type StudyActor } from "@/lib/studies/scope";
import { factorsOf } from "@/lib/studies/commands/set-stratification";
import { paged, type Paged } from "@/lib/reads/paging";

export type StudyFilters = { q: string; status: StudyStatus | ""; area: ResearchArea | ""; phase: StudyPhase | ""; page: number };

function oneOf<T extends string>(values: readonly T[], v: string | undefined): T | "" {
  return v && (values as readonly string[]).includes(v) ? (v as T) : "";
}

export function parseStudyFilters(sp: Record<string, string | undefined>, page: number): StudyFilters {
  return {
    q: (sp.q ?? "").trim().slice(0, 100),
    status: oneOf(studyStatus.enumValues, sp.status),
    area: oneOf(researchArea.enumValues, sp.area),
    phase: oneOf(studyPhase.enumValues, sp.phase),
    page,
  };
}

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

export const STUDY_PAGE_SIZE = 20;

/** Studies in the actor's scope, filtered and searched, one page; progress summed in SQL. */
export async function listStudies(actor: StudyActor, f: StudyFilters, pageSize = STUDY_PAGE_SIZE): Promise<Paged<StudyListRow>> {
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
}

/** A study page's header data, or null (404) outside the actor's scope. */
export async function getStudyPage(actor: StudyActor, code: string) {
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
}

export type StudyPage = NonNullable<Awaited<ReturnType<typeof getStudyPage>>>;

/** Site totals of a study: count, active, sum of targets, enrolled. */
export async function studySiteSummary(actor: StudyActor, studyId: number) {
  const db = await getDb();
  const [row] = await db
    .select({
      sites: sql<number>`count(${studySites.id})::int`,
      active: sql<number>`count(${studySites.id}) filter (where ${studySites.status} = 'active')::int`,
      targetSum: sql<number>`coalesce(sum(${studySites.target}), 0)::int`,
      enrolled: sql<number>`coalesce(sum(${studySites.enrolledCount}), 0)::int`,
    })
    .from(studySites)
    .where(and(eq(studySites.studyId, studyId), studyScope(actor, studySites.studyId)));
  return { sites: Number(row.sites), active: Number(row.active), targetSum: Number(row.targetSum), enrolled: Number(row.enrolled) };
}

/** Unmet recruiting gates of a study in scope (shown before the PI tries to start it). */
export async function studyRecruitingGates(actor: StudyActor, code: string): Promise<string[]> {
  const db = await getDb();
  const study = await getStudyForActor(db, actor, code);
  return study ? recruitingGatesFor(db, study) : [];
}

/** Every protocol version of a study in scope, newest first. */
export async function listProtocolVersions(actor: StudyActor, studyId: number) {
  const db = await getDb();
  return db
    .select({
      id: protocolVersions.id,
      version: protocolVersions.version,
      effectiveDate: protocolVersions.effectiveDate,
      reason: protocolVersions.reason,
      targetEnrolment: protocolVersions.targetEnrolment,
      createdByName: users.name,
      createdAt: protocolVersions.createdAt,
    })
    .from(protocolVersions)
    .innerJoin(users, eq(users.id, protocolVersions.createdBy))
    .where(and(eq(protocolVersions.studyId, studyId), studyScope(actor, protocolVersions.studyId)))
    .orderBy(desc(protocolVersions.version));
}

/** Arms, stratification, criteria and consent versions of one protocol version of a study in scope. */
export async function getProtocol(actor: StudyActor, studyId: number, version: number) {
  const db = await getDb();
  const [pv] = await db
    .select()
    .from(protocolVersions)
    .where(and(eq(protocolVersions.studyId, studyId), eq(protocolVersions.version, version), studyScope(actor, protocolVersions.studyId)));
  if (!pv) return null;
  const [arms, criteria, consents, factors] = await Promise.all([
    db.select().from(studyArms).where(eq(studyArms.protocolVersionId, pv.id)).orderBy(asc(studyArms.ordinal)),
    db.select().from(eligibilityCriteria).where(eq(eligibilityCriteria.protocolVersionId, pv.id)).orderBy(asc(eligibilityCriteria.ordinal)),
    db.select().from(consentVersions).where(eq(consentVersions.protocolVersionId, pv.id)).orderBy(asc(consentVersions.effectiveDate)),
    factorsOf(db, pv.id),
  ]);
  return { version: pv, arms, criteria, consents, factors };
}

export type Protocol = NonNullable<Awaited<ReturnType<typeof getProtocol>>>;

/** The sites of a study in scope with their centres and site PIs. */
export async function listStudySites(actor: StudyActor, studyId: number) {
  const db = await getDb();
  return db
    .select({
      id: studySites.id,
      centreId: studySites.centreId,
      centreCode: organisations.code,
      centreNameZh: organisations.nameZh,
      centreNameEn: organisations.nameEn,
      level: organisations.level,
      target: studySites.target,
      enrolled: studySites.enrolledCount,
      status: studySites.status,
      ethicsApprovalDate: studySites.ethicsApprovalDate,
      allowOverEnrolment: studySites.allowOverEnrolment,
      sitePiName: users.name,
      sitePiEmail: users.email,
    })
    .from(studySites)
    .innerJoin(organisations, eq(organisations.id, studySites.centreId))
    .leftJoin(users, eq(users.id, studySites.sitePiUserId))
    .where(and(eq(studySites.studyId, studyId), studyScope(actor, studySites.studyId)))
    .orderBy(asc(organisations.depth), asc(organisations.code));
}

export type StudySiteRow = Awaited<ReturnType<typeof listStudySites>>[number];

/** Active team members of a study in scope. */
export async function listStudyTeam(actor: StudyActor, studyId: number) {
  const db = await getDb();
  return db
    .select({
      id: studyTeam.id,
      studyRole: studyTeam.studyRole,
      userId: users.id,
      name: users.name,
      email: users.email,
      centreCode: organisations.code,
    })
    .from(studyTeam)
    .innerJoin(users, eq(users.id, studyTeam.userId))
    .leftJoin(organisations, eq(organisations.id, studyTeam.centreId))
    .where(and(eq(studyTeam.studyId, studyId), isNull(studyTeam.removedAt), studyScope(actor, studyTeam.studyId)))
    .orderBy(asc(studyTeam.studyRole), asc(users.name));
}

export const HISTORY_PAGE_SIZE = 25;

/** This study's audit events (study_id = the study), newest first, one page. */
export async function listStudyHistory(actor: StudyActor, studyId: number, page: number, pageSize = HISTORY_PAGE_SIZE) {
  const db = await getDb();
  const where = and(eq(auditEvents.studyId, studyId), studyScope(actor, auditEvents.studyId));
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(auditEvents).where(where);
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      actorName: users.name,
      before: auditEvents.before,
      after: auditEvents.after,
      reason: auditEvents.reason,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(where)
    .orderBy(desc(auditEvents.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return paged(rows, Number(total), page, pageSize);
}

/** Active centres a study manager may add as sites (any level, the whole network). */
export async function siteCentreOptions(actor: StudyActor) {
  if (actor.role !== "network_admin" && actor.role !== "pi") return [];
  const db = await getDb();
  return db
    .select({ id: organisations.id, code: organisations.code, nameZh: organisations.nameZh, nameEn: organisations.nameEn, level: organisations.level })
    .from(organisations)
    .where(eq(organisations.active, true))
    .orderBy(asc(organisations.depth), asc(organisations.code));
}

/** PI accounts a network admin may name as a study's PI. */
export async function piOptions(actor: StudyActor) {
  if (actor.role !== "network_admin") return [];
  const db = await getDb();
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.role, "pi"), eq(users.disabled, false)))
    .orderBy(asc(users.name));
}
