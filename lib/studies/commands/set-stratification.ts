import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { stratFactors, stratLevels } from "@/db/schema";
import type { Db } from "@/db/client";
import type { ActionContext } from "@/lib/actions/define-action";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { amendmentFields, idField } from "@/lib/studies/fields";
import { parseLevelList, type LevelEntry } from "@/lib/studies/level-list";
import { loadStudyForChange } from "@/lib/studies/load";
import { loadCurrentVersion, protocolAudit, versionForChange } from "@/lib/studies/protocol-version";
import { column, firstDuplicate, rowCode, rowText, zipRows } from "@/lib/studies/rows";

export const setStratificationSchema = z.strictObject({
  studyId: idField,
  code: column(rowCode, 8),
  nameZh: column(rowText, 8),
  nameEn: column(rowText, 8),
  /** "M:男:Male; F:女:Female" per factor. */
  levels: column(rowText, 8),
  ...amendmentFields,
});

type FactorSpec = { ordinal: number; code: string; nameZh: string; nameEn: string; levels: LevelEntry[] };

/** Replaces the stratification factors and their levels of a randomized study (zero factors allowed). */
export async function setStratification({ actor, input, tx, audit }: ActionContext<z.infer<typeof setStratificationSchema>>) {
  const study = await loadStudyForChange(tx, actor, input.studyId);
  if (study.design !== "randomized") throw new ActionError("studies.errors.notRandomized");
  const rows = zipRows({ code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, levels: input.levels });
  const dup = firstDuplicate(rows.map((r) => r.code));
  if (dup >= 0) throw fieldError(`code.${dup}`, "studies.errors.duplicateCode");
  const after: FactorSpec[] = rows.map((r, i) => {
    const levels = parseLevelList(r.levels);
    if (!levels) throw fieldError(`levels.${i}`, "studies.validation.levels");
    return { ordinal: i + 1, code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, levels };
  });
  const current = await loadCurrentVersion(tx, study);
  const before = await factorsOf(tx, current.id);
  const v = await versionForChange(tx, actor, study, input, { stratification: { before: before.map((f) => f.code), after: after.map((f) => f.code) } });

  const old = await tx.select({ id: stratFactors.id }).from(stratFactors).where(eq(stratFactors.protocolVersionId, v.version.id));
  if (old.length) {
    await tx.delete(stratLevels).where(inArray(stratLevels.factorId, old.map((f) => f.id)));
    await tx.delete(stratFactors).where(eq(stratFactors.protocolVersionId, v.version.id));
  }
  for (const f of after) {
    const [factor] = await tx
      .insert(stratFactors)
      .values({ protocolVersionId: v.version.id, ordinal: f.ordinal, code: f.code, nameZh: f.nameZh, nameEn: f.nameEn })
      .returning({ id: stratFactors.id });
    await tx.insert(stratLevels).values(f.levels.map((l, i) => ({ factorId: factor.id, ordinal: i + 1, ...l })));
  }
  audit(protocolAudit(study, v, "stratification", before, after));
  return { id: study.id, code: study.code, version: v.version.version };
}

/** Factors of a protocol version with their levels, in order. */
export async function factorsOf(tx: Db, pvId: number): Promise<FactorSpec[]> {
  const factors = await tx.select().from(stratFactors).where(eq(stratFactors.protocolVersionId, pvId)).orderBy(asc(stratFactors.ordinal));
  if (!factors.length) return [];
  const levels = await tx
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
