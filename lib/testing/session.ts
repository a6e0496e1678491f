import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { createSession } from "@/lib/auth/sessions";

const g = globalThis as { __testSessionId?: string | null };

/** Signs a user in for the following action calls (a real session row, checked like any other). */
export async function signInAs(db: Db, email: string): Promise<{ userId: number; sessionId: string }> {
  const u = (await db.select().from(users).where(eq(users.email, email)).limit(1))[0];
  if (!u) throw new Error(`no test user ${email}`);
  const sessionId = await createSession(db, u.id, u.sessionVersion);
  g.__testSessionId = sessionId;
  return { userId: u.id, sessionId };
}

export function signOutTestSession(): void {
  g.__testSessionId = null;
}
