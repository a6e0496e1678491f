import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { consentVersions, eligibilityCriteria, protocolVersions, studyArms, users } from "@/db/schema";
import { defineQuery } from "@/lib/reads/define-query";
import { factorsOf } from "@/lib/studies/protocol-parts";
import { studyScope } from "@/lib/studies/scope";

/** Every protocol version of a study in scope, newest first. */
export const listProtocolVersions = defineQuery({
  permission: "study.read",
  run: async (actor, studyId: number) => {
    const db = await getDb();
    return db
      .select({
        id: protocolVersions.id,
        version: protocolVersions.version,
        effectiveDate: protocolVersions.effectiveDate,
        reason: protocolVersions.reason,
        targetEnrolment: protocolVersions.targetEnrolment,
        createdByName: users.name,
        createdAt: protocolVersions.createdAt,
      })
      .from(protocolVersions)
      .innerJoin(users, eq(users.id, protocolVersions.createdBy))
      .where(and(eq(protocolVersions.studyId, studyId), studyScope(actor, protocolVersions.studyId)))
      .orderBy(desc(protocolVersions.version));
  },
  otherwise: (_studyId: number) => [],
});

/** Arms, stratification, criteria and consent versions of one protocol version of a study in scope. */
export const getProtocol = defineQuery({
  permission: "study.read",
  run: async (actor, studyId: number, version: number) => {
    const db = await getDb();
    const [pv] = await db
      .select()
      .from(protocolVersions)
      .where(and(eq(protocolVersions.studyId, studyId), eq(protocolVersions.version, version), studyScope(actor, protocolVersions.studyId)));
    if (!pv) return null;
    // The version was found within the actor's scope: its parts belong to it.
    const [arms, criteria, consents, factors] = await Promise.all([
      db.select().from(studyArms).where(eq(studyArms.protocolVersionId, pv.id)).orderBy(asc(studyArms.ordinal)),
      db.select().from(eligibilityCriteria).where(eq(eligibilityCriteria.protocolVersionId, pv.id)).orderBy(asc(eligibilityCriteria.ordinal)),
      db.select().from(consentVersions).where(eq(consentVersions.protocolVersionId, pv.id)).orderBy(asc(consentVersions.effectiveDate)),
      factorsOf(db, pv.id),
    ]);
    return { version: pv, arms, criteria, consents, factors };
  },
  otherwise: (_studyId: number, _version: number) => null,
});

export type Protocol = NonNullable<Awaited<ReturnType<typeof getProtocol>>>;
