import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { executeCommand } from "@/lib/actions/define-action";
import type { Command, TokenCommand } from "@/lib/actions/define-command";
import type { ActionResult } from "@/lib/actions/result";
import { createSession, loadActorBySession } from "@/lib/auth/sessions";
import type { z } from "zod";

const g = globalThis as { __testSessionId?: string | null };
const sessions = new Map<string, string>();

/** Who runs a command in a test: a demo e-mail, a session from signInAs, or nobody (null: signed out). */
export type TestActor = string | { sessionId: string } | null;

/**
 * Runs a command through the same pipeline as the pages (actor from the database, strict
 * schema, permission, one transaction with its audit events), as the given user. No test
 * imports app/: this is the binding tests use.
 */
export async function runCommand<S extends z.ZodType, R>(actor: TestActor, command: Command<S, R> | TokenCommand<S, R>, input: unknown): Promise<ActionResult<R>> {
  g.__testSessionId = actor === null ? null : typeof actor === "string" ? await sessionFor(actor) : actor.sessionId;
  return executeCommand(command, input);
}

async function sessionFor(email: string): Promise<string> {
  const db = await getDb();
  const [u] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!u) throw new Error(`no test user ${email}`);
  // One session per user and database state; a bumped session version needs a new one.
  const key = `${email}:${u.id}:${u.sessionVersion}`;
  const known = sessions.get(key);
  if (known) {
    if (await loadActorBySession(db, known)) return known;
  }
  const sid = await createSession(db, u.id, u.sessionVersion);
  sessions.set(key, sid);
  return sid;
}
