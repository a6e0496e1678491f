import { cache } from "react";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { loadActorBySession, type SessionActor } from "@/lib/auth/sessions";
import { getSessionId } from "@/lib/auth/session-token";

const sessionActor = cache(async (): Promise<SessionActor | null> => {
  const sid = await getSessionId();
  if (!sid) return null;
  return loadActorBySession(await getDb(), sid);
});

/**
 * The signed-in actor, loaded from the database once per request; null when signed out. A person
 * who signed in with a temporary password counts as signed out everywhere (pages, reads,
 * commands, route handlers) until they have chosen their own: see getPasswordChangeActor.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const a = await sessionActor();
  return a && !a.mustChangePassword ? a : null;
});

/** The signed-in person who must replace a temporary password before anything else; null for everyone else. */
export const getPasswordChangeActor = cache(async (): Promise<Actor | null> => {
  const a = await sessionActor();
  return a?.mustChangePassword ? a : null;
});
