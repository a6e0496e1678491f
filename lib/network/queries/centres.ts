import "server-only";
import { and, asc, eq, inArray, ne, not, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { organisations, type OrgLevel } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { centreReach, isWithin, subtreePattern } from "@/lib/authz/scope";
import { parentLevel } from "@/lib/network/levels";
import { manageScope } from "@/lib/network/scope";

type ScopeActor = Pick<Actor, "role" | "centreId" | "centrePath">;

/**
 * Centres an actor may list: everything for network-wide roles, the subtree for coordinators,
 * only their own centre for everyone else.
 */
export function listableCentres(actor: ScopeActor): SQL {
  switch (centreReach(actor)) {
    case "network":
      return sql`true`;
    case "subtree":
      return sql`${organisations.path} like ${subtreePattern(actor.centrePath)}`;
    case "own":
      return eq(organisations.id, actor.centreId);
  }
}

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
export async function listCentres(actor: ScopeActor): Promise<CentreRow[]> {
  const db = await getDb();
  return db.select(centreColumns).from(organisations).where(listableCentres(actor)).orderBy(asc(organisations.depth), asc(organisations.code));
}

export type LevelCount = { level: OrgLevel; total: number; active: number };

/** Centres per level in the actor's reach (SQL aggregate). */
export async function centreLevelCounts(actor: ScopeActor): Promise<LevelCount[]> {
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
}

export type Crumb = { code: string; nameZh: string; nameEn: string; linkable: boolean };

/**
 * One centre by code, only if the actor may list it (null otherwise: the page answers 404),
 * with its ancestors' names as a breadcrumb and its children within reach.
 */
export async function getCentre(actor: ScopeActor, code: string) {
  const db = await getDb();
  const [centre] = await db
    .select(centreColumns)
    .from(organisations)
    .where(and(eq(organisations.code, code), listableCentres(actor)));
  if (!centre) return null;
  const ancestorIds = centre.path.split("/").filter(Boolean).map(Number).filter((id) => id !== centre.id);
  const ancestors = ancestorIds.length
    ? await db
        .select({ id: organisations.id, code: organisations.code, nameZh: organisations.nameZh, nameEn: organisations.nameEn, path: organisations.path, depth: organisations.depth })
        .from(organisations)
        .where(inArray(organisations.id, ancestorIds))
        .orderBy(asc(organisations.depth))
    : [];
  const reach = centreReach(actor);
  const crumbs: Crumb[] = ancestors.map((a) => ({
    code: a.code,
    nameZh: a.nameZh,
    nameEn: a.nameEn,
    linkable: reach === "network" || (reach === "subtree" && isWithin(a.path, actor.centrePath)),
  }));
  const children = await db
    .select(centreColumns)
    .from(organisations)
    .where(and(eq(organisations.parentId, centre.id), listableCentres(actor)))
    .orderBy(asc(organisations.code));
  const parent = ancestors.at(-1) ?? null;
  return { centre, crumbs, parent: parent ? crumbs.at(-1)! : null, children };
}

export type CentreOption = { id: number; code: string; nameZh: string; nameEn: string; level: OrgLevel };

/** Where a centre could be moved: active centres of the level above, in reach, outside its own subtree. */
export async function moveTargets(actor: ScopeActor, centre: Pick<CentreRow, "id" | "level" | "path" | "parentId">): Promise<CentreOption[]> {
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
  return db
    .select({ id: organisations.id, code: organisations.code, nameZh: organisations.nameZh, nameEn: organisations.nameEn, level: organisations.level })
    .from(organisations)
    .where(and(...conds))
    .orderBy(asc(organisations.code));
}
