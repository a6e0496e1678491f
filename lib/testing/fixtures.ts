import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { organisations, users } from "@/db/schema";
import { seedNetwork } from "@/seed/network";
import { seedUsers } from "@/seed/users";

/** The demo network and demo accounts (no studies or specimens): the base of most tests. */
export async function seedBase(db: Db) {
  await seedNetwork(db);
  await seedUsers(db);
  return lookups(db);
}

export async function lookups(db: Db) {
  const orgs = await db.select().from(organisations);
  const people = await db.select().from(users);
  const org = (code: string) => {
    const o = orgs.find((x) => x.code === code);
    if (!o) throw new Error(`no org ${code}`);
    return o;
  };
  const user = (email: string) => {
    const u = people.find((x) => x.email === email);
    if (!u) throw new Error(`no user ${email}`);
    return u;
  };
  return { org, user, orgs, users: people };
}

/** Row counts of tables, to assert that a refused action wrote nothing. */
export async function countRows(db: Db, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    if (!/^[a-z_]+$/.test(t)) throw new Error(`bad table name ${t}`);
    const [row] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${t}`));
    out[t] = Number(row.n);
  }
  return out;
}
