import "server-only";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { getStudyForActor } from "@/lib/studies/scope";

/** The study behind the screening / participants / CONSORT pages, within the actor's study scope. */
export async function studyForEnrolmentPages(actor: Pick<Actor, "id" | "role" | "centreId" | "centrePath">, code: string) {
  if (!/^[A-Za-z][A-Za-z0-9-]{0,19}$/.test(code)) return null;
  const study = await getStudyForActor(await getDb(), actor, code);
  if (!study) return null;
  return {
    id: study.id,
    code: study.code,
    titleZh: study.titleZh,
    titleEn: study.titleEn,
    status: study.status,
    design: study.design,
    blinding: study.blinding,
    piUserId: study.piUserId,
    currentProtocolVersion: study.currentProtocolVersion,
    targetEnrolment: study.targetEnrolment,
    enrolledCount: study.enrolledCount,
  };
}

export type EnrolmentStudy = NonNullable<Awaited<ReturnType<typeof studyForEnrolmentPages>>>;
