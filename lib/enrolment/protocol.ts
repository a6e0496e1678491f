import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { consentVersions, eligibilityCriteria, protocolVersions, stratFactors, stratLevels, studyArms, type Study } from "@/db/schema";

/** What screening and enrolment need from the protocol version in force. */
export async function protocolInForce(tx: Db, study: Pick<Study, "id" | "currentProtocolVersion">) {
  const [pv] = await tx
    .select()
    .from(protocolVersions)
    .where(and(eq(protocolVersions.studyId, study.id), eq(protocolVersions.version, study.currentProtocolVersion)));
  if (!pv) throw new Error(`study ${study.id} has no protocol version ${study.currentProtocolVersion}`);
  // One after another: a transaction is one connection, and pg refuses overlapping queries on one (pg@9).
  const criteria = await tx.select().from(eligibilityCriteria).where(eq(eligibilityCriteria.protocolVersionId, pv.id)).orderBy(asc(eligibilityCriteria.ordinal));
  const consents = await tx.select().from(consentVersions).where(eq(consentVersions.protocolVersionId, pv.id)).orderBy(asc(consentVersions.effectiveDate));
  const arms = await tx.select().from(studyArms).where(eq(studyArms.protocolVersionId, pv.id)).orderBy(asc(studyArms.ordinal));
  const factors = await tx.select().from(stratFactors).where(eq(stratFactors.protocolVersionId, pv.id)).orderBy(asc(stratFactors.ordinal));
  const levels = factors.length
    ? await tx.select().from(stratLevels).where(inArray(stratLevels.factorId, factors.map((f) => f.id))).orderBy(asc(stratLevels.ordinal))
    : [];
  return {
    version: pv,
    criteria,
    consents,
    arms,
    factors: factors.map((f) => ({ ...f, levels: levels.filter((l) => l.factorId === f.id) })),
  };
}

export type ProtocolInForce = Awaited<ReturnType<typeof protocolInForce>>;
