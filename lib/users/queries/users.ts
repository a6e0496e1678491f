import "server-only";
import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { organisations, passwordResets, users } from "@/db/schema";
import type { NetworkRole, OrgLevel } from "@/lib/enums";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { paged, type Paged } from "@/lib/reads/paging";
import type { UserFilters } from "@/lib/users/filters";
import { usableReset } from "@/lib/users/password-reset";
import { choosableHomeCentres, visibleUsers } from "@/lib/users/scope";

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabled: users.disabled,
  mustChangePassword: users.passwordChangeRequired,
  createdAt: users.createdAt,
  centreId: users.centreId,
  centrePath: organisations.path,
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
  /** Signed in with a temporary password only: the person has not chosen their own yet. */
  mustChangePassword: boolean;
  createdAt: Date;
  centreId: number;
  centrePath: string;
  centreCode: string;
  centreNameZh: string;
  centreNameEn: string;
  centreLevel: OrgLevel;
};

export const USER_PAGE_SIZE = 20;

const noUsers = (f: UserFilters, pageSize = USER_PAGE_SIZE): Paged<UserRow> => paged([], 0, f.page, pageSize);

/** Users whose home centre is in the actor's reach, filtered and paged on the server. */
export const listUsers = defineQuery({
  permission: "user.read",
  run: async (actor: ReadActor, f: UserFilters, pageSize = USER_PAGE_SIZE): Promise<Paged<UserRow>> => {
    const db = await getDb();
    const conds: SQL[] = [visibleUsers(actor)];
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
  },
  otherwise: noUsers,
});

/** One user, only if their home centre is in the actor's reach. */
export const getUser = defineQuery({
  permission: "user.read",
  run: async (actor: ReadActor, id: number): Promise<UserRow | null> => {
    const db = await getDb();
    const [row] = await db
      .select(userColumns)
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.centreId))
      .where(and(eq(users.id, id), visibleUsers(actor)));
    return row ?? null;
  },
  otherwise: (): UserRow | null => null,
});

export type CentrePeople = { rows: UserRow[]; total: number };

/**
 * The people whose home is exactly this centre (within reach), newest first, at most `limit`;
 * null for an actor who may not read users (the page then shows no list at all).
 */
export const usersAtCentre = defineQuery<ReadActor, [centreId: number, limit?: number], CentrePeople | null>({
  permission: "user.read",
  run: async (actor, centreId, limit = 50) => {
    const db = await getDb();
    const where = and(eq(users.centreId, centreId), visibleUsers(actor));
    const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(users).where(where);
    const rows = await db
      .select(userColumns)
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.centreId))
      .where(where)
      .orderBy(asc(users.disabled), desc(users.createdAt))
      .limit(limit);
    return { rows, total };
  },
  otherwise: () => null,
});

export type HomeCentreOption = { id: number; code: string; nameZh: string; nameEn: string; level: OrgLevel };

/** Active centres an actor may choose as a user's home (and filter the user list by). */
export const homeCentreOptions = defineQuery({
  permission: ["user.read", "user.manage"],
  run: async (actor: ReadActor): Promise<HomeCentreOption[]> => {
    const db = await getDb();
    return db
      .select({ id: organisations.id, code: organisations.code, nameZh: organisations.nameZh, nameEn: organisations.nameEn, level: organisations.level })
      .from(organisations)
      .where(choosableHomeCentres(actor))
      .orderBy(asc(organisations.depth), asc(organisations.code));
  },
  otherwise: (): HomeCentreOption[] => [],
});

export type OpenResetLink = { issuedAt: Date; expiresAt: Date; issuedByName: string };

/**
 * The reset link of a user that could still be used (at most one), for the user's page; null
 * when there is none or the user is out of the actor's reach. The token itself is never stored.
 */
export const openResetLink = defineQuery({
  permission: "user.manage",
  run: async (actor: ReadActor, userId: number): Promise<OpenResetLink | null> => {
    const db = await getDb();
    const issuer = alias(users, "issuer");
    const [row] = await db
      .select({ issuedAt: passwordResets.createdAt, expiresAt: passwordResets.expiresAt, issuedByName: issuer.name })
      .from(passwordResets)
      .innerJoin(users, eq(users.id, passwordResets.userId))
      .innerJoin(issuer, eq(issuer.id, passwordResets.issuedBy))
      .where(and(eq(passwordResets.userId, userId), visibleUsers(actor), usableReset(new Date())));
    return row ?? null;
  },
  otherwise: (): OpenResetLink | null => null,
});
