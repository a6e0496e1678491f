import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { allocationEntries, type Study, type StudySite } from "@/db/schema";
import type { ArmRatio } from "@/lib/randomization/arms";
import { minimize, countsFromRows, type MinimizationFactor } from "@/lib/randomization/minimization";
import { entriesToGenerate, extendAllocationList } from "@/lib/randomization/permuted-blocks";
import { cryptoRng } from "@/lib/randomization/rng";
import type { ProtocolInForce } from "@/lib/enrolment/protocol";
import { stratumKey as keyOf } from "@/lib/randomization/strata";
import { minimizationLevels, SITE_FACTOR } from "@/lib/enrolment/strata";

export type Allocation = { entryId: number; armId: number; armCode: string; stratumKey: string };

/**
 * Assigns the participant an arm inside the enrolment transaction (the caller holds the study
 * row lock, so lists are generated and taken one enrolment at a time). Permuted blocks take the
 * next unused entry of the stratum's stored list, generating whole blocks with the CSPRNG when
 * the stratum is first needed or runs out; minimization decides from the assigned entries and
 * stores its decision as an entry. Every entry is used at most once (unique participant_id).
 */
export async function allocate(
  tx: Db,
  study: Pick<Study, "id" | "randomizationMethod" | "siteIsStratum" | "targetEnrolment">,
  site: Pick<StudySite, "id" | "target">,
  protocol: Pick<ProtocolInForce, "arms" | "factors">,
  strata: Record<string, string>,
  participantId: number,
): Promise<Allocation> {
  const arms: ArmRatio[] = protocol.arms.map((a) => ({ code: a.code, ratio: a.ratio }));
  const armId = new Map(protocol.arms.map((a) => [a.code, a.id]));
  const stratumKey = keyOf({ factorCodes: protocol.factors.map((f) => f.code), levels: strata, site: study.siteIsStratum ? site.id : null });
  const now = new Date();

  if (study.randomizationMethod === "minimization") {
    const levels = minimizationLevels(strata, site.id, study.siteIsStratum);
    const factors: MinimizationFactor[] = Object.keys(levels).map((code) => ({ code }));
    const rows = await minimizationCounts(tx, study.id, Object.keys(levels));
    const decision = minimize({ arms, factors, counts: countsFromRows(rows), levels }, cryptoRng);
    const [pos] = await queryRows<{ next: number }>(tx, sql`select coalesce(max(position), 0) + 1 as next from allocation_entries where study_id = ${study.id} and stratum_key = ${stratumKey}`);
    const [row] = await tx
      .insert(allocationEntries)
      .values({ studyId: study.id, stratumKey, position: Number(pos.next), blockNo: 0, blockSize: 0, armId: armId.get(decision.arm)!, participantId, assignedAt: now })
      .returning();
    return { entryId: row.id, armId: row.armId, armCode: decision.arm, stratumKey };
  }

  let entry = await nextFreeEntry(tx, study.id, stratumKey);
  if (!entry) {
    const [tail] = await queryRows<{ last_seq: number | null; last_block: number | null }>(
      tx,
      sql`select max(position) as last_seq, max(block_no) as last_block from allocation_entries where study_id = ${study.id} and stratum_key = ${stratumKey}`,
    );
    const expected = Math.min(study.siteIsStratum ? site.target : study.targetEnrolment, 60);
    const fresh = extendAllocationList(
      tail.last_seq == null ? null : { lastSeq: Number(tail.last_seq), lastBlock: Number(tail.last_block) },
      { arms },
      entriesToGenerate({ arms }, expected),
      cryptoRng,
    );
    await tx.insert(allocationEntries).values(
      fresh.map((e) => ({ studyId: study.id, stratumKey, position: e.seq, blockNo: e.block, blockSize: e.blockSize, armId: armId.get(e.arm)! })),
    );
    entry = await nextFreeEntry(tx, study.id, stratumKey);
    if (!entry) throw new Error("allocation list generation produced no entry");
  }
  await tx.update(allocationEntries).set({ participantId, assignedAt: now, updatedAt: now }).where(eq(allocationEntries.id, entry.id));
  const code = protocol.arms.find((a) => a.id === entry.armId)?.code ?? (await armCodeOf(tx, entry.armId));
  return { entryId: entry.id, armId: entry.armId, armCode: code, stratumKey };
}

/** The lowest unused entry of a stratum's list (only ever read here, under the study lock). */
async function nextFreeEntry(tx: Db, studyId: number, stratumKey: string) {
  const [row] = await tx
    .select({ id: allocationEntries.id, armId: allocationEntries.armId })
    .from(allocationEntries)
    .where(and(eq(allocationEntries.studyId, studyId), eq(allocationEntries.stratumKey, stratumKey), isNull(allocationEntries.participantId)))
    .orderBy(asc(allocationEntries.position))
    .limit(1)
    .for("update");
  return row ?? null;
}

async function armCodeOf(tx: Db, armId: number): Promise<string> {
  const [r] = await queryRows<{ code: string }>(tx, sql`select code from study_arms where id = ${armId}`);
  return r.code;
}

/** Assigned participants by factor level and arm code; SITE_FACTOR is the enrolling site. */
async function minimizationCounts(tx: Db, studyId: number, factorCodes: string[]) {
  if (factorCodes.length === 0) return [];
  const rows = await queryRows<{ factor: string; level: string; arm: string; n: number }>(
    tx,
    sql`select f.factor, case when f.factor = ${SITE_FACTOR} then p.enrol_site_id::text else p.strata ->> f.factor end as level,
               a.code as arm, count(*)::int as n
        from allocation_entries e
        join participants p on p.id = e.participant_id
        join study_arms a on a.id = e.arm_id
        cross join unnest(array[${sql.join(
          factorCodes.map((c) => sql`${c}`),
          sql`, `,
        )}]::text[]) as f(factor)
        where e.study_id = ${studyId} and e.participant_id is not null
        group by 1, 2, 3`,
  );
  return rows.filter((r) => r.level != null).map((r) => ({ ...r, n: Number(r.n) }));
}
