import "server-only";
import { and, asc, eq, inArray, ne, not, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { organisations } from "@/db/schema";
import type { OrgLevel } from "@/lib/enums";
import { subtreePattern } from "@/lib/authz/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { compareCentreCodes, inTreeOrder } from "@/lib/network/centre-order";
import { parentLevel } from "@/lib/network/levels";
import { listableCentres, manageScope, mayOpenCentre } from "@/lib/network/scope";

const centreColumns = {
  id: organisations.id,
  code: organisations.code,
  nameZh: organisations.nameZh,
  nameEn: organisations.nameEn,
  level: organisations.level,
  parentId: organisations.parentId,
  path: organisations.path,
  depth: organisations.depth,
  province: organisations.province,
  city: organisations.city,
  active: organisations.active,
  userCount: sql<number>`(select count(*)::int from users u where u.centre_id = ${organisations.id} and not u.disabled)`,
};

export type CentreRow = {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  level: OrgLevel;
  parentId: number | null;
  path: string;
  depth: number;
  province: string;
  city: string;
  active: boolean;
  userCount: number;
};

/** Every centre in the actor's reach, shallowest first, with its count of active users. */
export const listCentres = defineQuery({
  permission: "centre.read",
  run: async (actor: ReadActor): Promise<CentreRow[]> => {
    const db = await getDb();
    return inTreeOrder(await db.select(centreColumns).from(organisations).where(listableCentres(actor)));
  },
  otherwise: (): CentreRow[] => [],
});

export type LevelCount = { level: OrgLevel; total: number; active: number };

/** Centres per level in the actor's reach (SQL aggregate). */
export const centreLevelCounts = defineQuery({
  permission: "centre.read",
  run: async (actor: ReadActor): Promise<LevelCount[]> => {
    const db = await getDb();
    return db
      .select({
        level: organisations.level,
        total: sql<number>`count(*)::int`,
        active: sql<number>`(count(*) filter (where ${organisations.active}))::int`,
      })
      .from(organisations)
      .where(listableCentres(actor))
      .groupBy(organisations.level);
  },
  otherwise: (): LevelCount[] => [],
});

export type Crumb = { code: string; nameZh: string; nameEn: string; linkable: boolean };

export type CentreDetail = { centre: CentreRow; crumbs: Crumb[]; parent: Crumb | null; children: CentreRow[] };

/**
 * One centre by code, only if the actor may list it (null otherwise: the page answers 404),
 * with its ancestors' names as a breadcrumb and its children within reach.
 */
export const getCentre = defineQuery({
  permission: "centre.read",
  run: async (actor: ReadActor, code: string): Promise<CentreDetail | null> => {
    const db = await getDb();
    const [centre] = await db
      .select(centreColumns)
      .from(organisations)
      .where(and(eq(organisations.code, code), listableCentres(actor)));
    if (!centre) return null;
    // The ancestors of a centre in reach: their names make the breadcrumb, linked where the actor may open them.
    const ancestorIds = centre.path.split("/").filter(Boolean).map(Number).filter((id) => id !== centre.id);
    const ancestors = ancestorIds.length
      ? await db
          .select({ id: organisations.id, code: organisations.code, nameZh: organisations.nameZh, nameEn: organisations.nameEn, path: organisations.path, depth: organisations.depth })
          .from(organisations)
          .where(inArray(organisations.id, ancestorIds))
          .orderBy(asc(organisations.depth))
      : [];
    const crumbs: Crumb[] = ancestors.map((a) => ({ code: a.code, nameZh: a.nameZh, nameEn: a.nameEn, linkable: mayOpenCentre(actor, a) }));
    const children = await db
      .select(centreColumns)
      .from(organisations)
      .where(and(eq(organisations.parentId, centre.id), listableCentres(actor)));
    return { centre, crumbs, parent: crumbs.at(-1) ?? null, children: children.sort((a, b) => compareCentreCodes(a.code, b.code)) };
  },
  otherwise: (): CentreDetail | null => null,
});

export type CentreOption = { id: number; code: string; nameZh: string; nameEn: string; level: OrgLevel };

/** Where a centre could be moved: active centres of the level above, in reach, outside its own subtree. */
export const moveTargets = defineQuery({
  permission: "centre.manage",
  run: async (actor: ReadActor, centre: Pick<CentreRow, "id" | "level" | "path" | "parentId">): Promise<CentreOption[]> => {
    const level = parentLevel(centre.level);
    if (!level) return [];
    const db = await getDb();
    const conds = [
      manageScope(actor, true),
      eq(organisations.level, level),
      eq(organisations.active, true),
      not(sql`${organisations.path} like ${subtreePattern(centre.path)}`),
    ];
    if (centre.parentId !== null) conds.push(ne(organisations.id, centre.parentId));
    const rows = await db
      .select({ id: organisations.id, code: organisations.code, nameZh: organisations.nameZh, nameEn: organisations.nameEn, level: organisations.level })
      .from(organisations)
      .where(and(...conds));
    return rows.sort((a, b) => compareCentreCodes(a.code, b.code));
  },
  otherwise: (): CentreOption[] => [],
});
