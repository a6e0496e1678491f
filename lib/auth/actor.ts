import { cache } from "react";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { loadActorBySession } from "@/lib/auth/sessions";
import { getSessionId } from "@/lib/auth/session-token";

/** The signed-in actor, loaded from the database once per request; null when signed out. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const sid = await getSessionId();
  if (!sid) return null;
  return loadActorBySession(await getDb(), sid);
});
