import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { stratFactors, stratLevels } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { amendmentFields } from "@/lib/studies/fields";
import { parseLevelList } from "@/lib/studies/level-list";
import { loadStudyForChange } from "@/lib/studies/load";
import { factorsOf, type FactorSpec } from "@/lib/studies/protocol-parts";
import { loadCurrentVersion, protocolAudit, versionForChange } from "@/lib/studies/protocol-version";
import { firstDuplicate, rowCode, rowText, zipRows } from "@/lib/studies/rows";
import { idField, listOf } from "@/lib/validation/fields";

export const setStratificationSchema = z.strictObject({
  studyId: idField,
  code: listOf(rowCode, 8),
  nameZh: listOf(rowText, 8),
  nameEn: listOf(rowText, 8),
  /** "M:男:Male; F:女:Female" per factor. */
  levels: listOf(rowText, 8),
  ...amendmentFields,
});

/** Replaces the stratification factors and their levels of a randomized study (zero factors allowed). */
export const setStratificationCommand = defineCommand({
  name: "studies.stratification.set",
  schema: setStratificationSchema,
  permission: "study.manage",
  handler: async ({ actor, input, tx, audit }) => {
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
  },
});
