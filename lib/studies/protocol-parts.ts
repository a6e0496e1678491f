import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { consentVersions, eligibilityCriteria, stratFactors, stratLevels, studyArms } from "@/db/schema";
import type { LevelEntry } from "@/lib/studies/level-list";

/**
 * The parts of one protocol version as the protocol commands compare them (before → after in
 * their audit events) and the protocol page shows them. Callers pass a version already loaded
 * within the actor's scope.
 */
export type FactorSpec = { ordinal: number; code: string; nameZh: string; nameEn: string; levels: LevelEntry[] };

export async function armsOf(db: Db, pvId: number) {
  return db
    .select({ ordinal: studyArms.ordinal, code: studyArms.code, nameZh: studyArms.nameZh, nameEn: studyArms.nameEn, ratio: studyArms.ratio })
    .from(studyArms)
    .where(eq(studyArms.protocolVersionId, pvId))
    .orderBy(asc(studyArms.ordinal));
}

export async function criteriaOf(db: Db, pvId: number) {
  return db
    .select({ ordinal: eligibilityCriteria.ordinal, kind: eligibilityCriteria.kind, code: eligibilityCriteria.code, textZh: eligibilityCriteria.textZh, textEn: eligibilityCriteria.textEn })
    .from(eligibilityCriteria)
    .where(eq(eligibilityCriteria.protocolVersionId, pvId))
    .orderBy(asc(eligibilityCriteria.ordinal));
}

export async function consentsOf(db: Db, pvId: number) {
  return db
    .select({ label: consentVersions.label, effectiveDate: consentVersions.effectiveDate })
    .from(consentVersions)
    .where(eq(consentVersions.protocolVersionId, pvId))
    .orderBy(asc(consentVersions.effectiveDate));
}

/** Factors of a protocol version with their levels, in order. */
export async function factorsOf(db: Db, pvId: number): Promise<FactorSpec[]> {
  const factors = await db.select().from(stratFactors).where(eq(stratFactors.protocolVersionId, pvId)).orderBy(asc(stratFactors.ordinal));
  if (!factors.length) return [];
  const levels = await db
    .select()
    .from(stratLevels)
    .where(inArray(stratLevels.factorId, factors.map((f) => f.id)))
    .orderBy(asc(stratLevels.ordinal));
  return factors.map((f) => ({
    ordinal: f.ordinal,
    code: f.code,
    nameZh: f.nameZh,
    nameEn: f.nameEn,
    levels: levels.filter((l) => l.factorId === f.id).map((l) => ({ code: l.code, nameZh: l.nameZh, nameEn: l.nameEn })),
  }));
}
