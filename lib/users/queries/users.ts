import "server-only";
import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { networkRole, organisations, users, type NetworkRole, type OrgLevel } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { centreScope } from "@/lib/authz/scope";
import { paged, type Paged } from "@/lib/reads/paging";

type ScopeActor = Pick<Actor, "role" | "centreId" | "centrePath">;

export type UserFilters = { q: string; role: NetworkRole | ""; centre: string; page: number };

export function parseUserFilters(sp: { q?: string; role?: string; centre?: string; page?: number }): UserFilters {
  const role = (networkRole.enumValues as readonly string[]).includes(sp.role ?? "") ? (sp.role as NetworkRole) : "";
  const centre = /^[A-Z0-9]{2,8}$/.test(sp.centre ?? "") ? sp.centre! : "";
  return { q: (sp.q ?? "").slice(0, 100), role, centre, page: sp.page ?? 1 };
}

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabled: users.disabled,
  createdAt: users.createdAt,
  centreId: users.centreId,
  centreCode: organisations.code,
  centreNameZh: organisations.nameZh,
  centreNameEn: organisations.nameEn,
  centreLevel: organisations.level,
};

export type UserRow = {
  id: number;
  email: string;
  name: string;
  role: NetworkRole;
  disabled: boolean;
  createdAt: Date;
  centreId: number;
  centreCode: string;
  centreNameZh: string;
  centreNameEn: string;
  centreLevel: OrgLevel;
};

export const USER_PAGE_SIZE = 20;

/** Users whose home centre is in the actor's reach, filtered and paged on the server. */
export async function listUsers(actor: ScopeActor, f: UserFilters, pageSize = USER_PAGE_SIZE): Promise<Paged<UserRow>> {
  const db = await getDb();
  const conds: SQL[] = [centreScope(actor, users.centreId)];
  if (f.role) conds.push(eq(users.role, f.role));
  if (f.centre) {
    // The centre and everything below it.
    conds.push(sql`${organisations.path} like (select o2.path from organisations o2 where o2.code = ${f.centre}) || '%'`);
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(users.email, like), ilike(users.name, like)) as SQL);
  }
  const where = and(...conds);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.centreId))
    .where(where);
  const rows = await db
    .select(userColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.centreId))
    .where(where)
    .orderBy(asc(users.disabled), asc(organisations.code), asc(users.email))
    .limit(pageSize)
    .offset((f.page - 1) * pageSize);
  return paged(rows, total, f.page, pageSize);
}

/** One user, only if their home centre is in the actor's reach. */
export async function getUser(actor: ScopeActor, id: number): Promise<UserRow | null> {
  const db = await getDb();
  const [row] = await db
    .select(userColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.centreId))
    .where(and(eq(users.id, id), centreScope(actor, users.centreId)));
  return row ?? null;
}

/** The people whose home is exactly this centre (within reach), newest first, at most `limit`. */
export async function usersAtCentre(actor: ScopeActor, centreId: number, limit = 50): Promise<{ rows: UserRow[]; total: number }> {
  const db = await getDb();
  const where = and(eq(users.centreId, centreId), centreScope(actor, users.centreId));
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(users).where(where);
  const rows = await db
    .select(userColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.centreId))
    .where(where)
    .orderBy(asc(users.disabled), desc(users.createdAt))
    .limit(limit);
  return { rows, total };
}

/** Active centres an actor may choose as a user's home. */
export async function homeCentreOptions(actor: ScopeActor) {
  const db = await getDb();
  return db
    .select({ id: organisations.id, code: organisations.code, nameZh: organisations.nameZh, nameEn: organisations.nameEn, level: organisations.level })
    .from(organisations)
    .where(and(eq(organisations.active, true), centreScope(actor, organisations.id)))
    .orderBy(asc(organisations.depth), asc(organisations.code));
}
