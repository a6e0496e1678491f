import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { studies } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { defineQuery } from "@/lib/reads/define-query";
import { studyScope } from "@/lib/studies/scope";

const STUDY_CODE = /^[A-Za-z][A-Za-z0-9-]{0,19}$/;

/** The study behind the screening / participants / CONSORT pages, within the actor's study scope. */
export const studyForEnrolmentPages = defineQuery({
  permission: ["participant.read", "consort.read"],
  run: async (actor: Pick<Actor, "id" | "role" | "centreId" | "centrePath">, code: string) => {
    if (!STUDY_CODE.test(code)) return null;
    const db = await getDb();
    const [study] = await db
      .select({
        id: studies.id,
        code: studies.code,
        titleZh: studies.titleZh,
        titleEn: studies.titleEn,
        status: studies.status,
        design: studies.design,
        blinding: studies.blinding,
        piUserId: studies.piUserId,
        currentProtocolVersion: studies.currentProtocolVersion,
        targetEnrolment: studies.targetEnrolment,
        enrolledCount: studies.enrolledCount,
      })
      .from(studies)
      .where(and(eq(studies.code, code.toUpperCase()), studyScope(actor)))
      .limit(1);
    return study ?? null;
  },
  otherwise: () => null,
});

export type EnrolmentStudy = NonNullable<Awaited<ReturnType<typeof studyForEnrolmentPages>>>;
