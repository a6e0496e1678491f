import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { organisations, studySites, users } from "@/db/schema";
import { inTreeOrder } from "@/lib/network/centre-order";
import { defineQuery } from "@/lib/reads/define-query";
import { studyScope } from "@/lib/studies/scope";

/** The sites of a study in scope with their centres and site PIs. */
export const listStudySites = defineQuery({
  permission: "study.read",
  run: async (actor, studyId: number) => {
    const db = await getDb();
    const rows = await db
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
        centreParentId: organisations.parentId,
      })
      .from(studySites)
      .innerJoin(organisations, eq(organisations.id, studySites.centreId))
      .leftJoin(users, eq(users.id, studySites.sitePiUserId))
      .where(and(eq(studySites.studyId, studyId), studyScope(actor, studySites.studyId)));
    // In the network tree's order (a hospital under its regional centre), not by path text.
    const placed = inTreeOrder(rows.map((r) => ({ id: r.centreId, code: r.centreCode, level: r.level, parentId: r.centreParentId, row: r })));
    return placed.map((p) => p.row);
  },
  otherwise: (_studyId: number) => [],
});

export type StudySiteRow = Awaited<ReturnType<typeof listStudySites>>[number];

const NO_SITES = { sites: 0, active: 0, targetSum: 0, enrolled: 0 };

/** Site totals of a study in scope: count, active, sum of targets, enrolled. */
export const studySiteSummary = defineQuery({
  permission: "study.read",
  run: async (actor, studyId: number) => {
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
  },
  otherwise: (_studyId: number) => NO_SITES,
});

/** Active centres a study manager may add as sites or name as lead (any level, the whole network), in the tree's order. */
export const siteCentreOptions = defineQuery({
  permission: "study.manage",
  run: async () => {
    const db = await getDb();
    return inTreeOrder(
      await db
        .select({ id: organisations.id, code: organisations.code, nameZh: organisations.nameZh, nameEn: organisations.nameEn, level: organisations.level, parentId: organisations.parentId })
        .from(organisations)
        .where(eq(organisations.active, true)),
    );
  },
  otherwise: () => [],
});
