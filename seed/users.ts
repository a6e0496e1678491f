import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organisations, users, type NetworkRole } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/seed/network-data";

export async function seedUsers(db: Db): Promise<void> {
  const codes = [...new Set(DEMO_ACCOUNTS.map((a) => a[2]))];
  const orgs = await db.select({ id: organisations.id, code: organisations.code }).from(organisations).where(inArray(organisations.code, codes));
  const idOf = new Map(orgs.map((o) => [o.code, o.id]));
  const rows = [];
  for (const [email, role, code, name] of DEMO_ACCOUNTS) {
    rows.push({ email, role: role as NetworkRole, centreId: idOf.get(code)!, name, passwordHash: await hashPassword(DEMO_PASSWORD) });
  }
  await db.insert(users).values(rows);
}
