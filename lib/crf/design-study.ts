import type { Db } from "@/db/client";
import type { Study } from "@/db/schema";
import { ActionError, notFound } from "@/lib/actions/errors";
import type { Actor } from "@/lib/authz/actor";
import { lockDesignableStudy } from "@/lib/crf/scope";
import { studyIsClosed } from "@/lib/studies/lifecycle";

/**
 * The study whose forms or events a design command changes, locked for the change: "not found"
 * when the actor does not design its forms, refused when the study is closed.
 */
export async function lockOpenDesignStudy(tx: Db, actor: Pick<Actor, "id" | "role">, studyId: number): Promise<Study> {
  const study = await lockDesignableStudy(tx, actor, studyId);
  if (!study) throw notFound();
  if (studyIsClosed(study.status)) throw new ActionError("studies.errors.closed");
  return study;
}
