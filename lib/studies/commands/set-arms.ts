import { eq } from "drizzle-orm";
import { z } from "zod";
import { studyArms } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { amendmentFields } from "@/lib/studies/fields";
import { loadStudyForChange } from "@/lib/studies/load";
import { armsOf } from "@/lib/studies/protocol-parts";
import { loadCurrentVersion, protocolAudit, versionForChange } from "@/lib/studies/protocol-version";
import { firstDuplicate, rowCode, rowText, zipRows } from "@/lib/studies/rows";
import { idField, intField, listOf } from "@/lib/validation/fields";

export const setArmsSchema = z.strictObject({
  studyId: idField,
  code: listOf(rowCode, 10),
  nameZh: listOf(rowText, 10),
  nameEn: listOf(rowText, 10),
  ratio: listOf(intField({ min: 1, max: 20 }), 10),
  ...amendmentFields,
});

/** Replaces the arms (codes, names, allocation ratio) of a randomized study's protocol. */
export const setArmsCommand = defineCommand({
  name: "studies.arms.set",
  schema: setArmsSchema,
  permission: "study.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const study = await loadStudyForChange(tx, actor, input.studyId);
    if (study.design !== "randomized") throw new ActionError("studies.errors.notRandomized");
    const rows = zipRows({ code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, ratio: input.ratio });
    if (rows.length < 2) throw fieldError("_form", "studies.errors.twoArms");
    const dup = firstDuplicate(rows.map((r) => r.code));
    if (dup >= 0) throw fieldError(`code.${dup}`, "studies.errors.duplicateCode");

    const current = await loadCurrentVersion(tx, study);
    const before = await armsOf(tx, current.id);
    const after = rows.map((r, i) => ({ ordinal: i + 1, code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, ratio: r.ratio }));
    const v = await versionForChange(tx, actor, study, input, { arms: { before, after } });
    await tx.delete(studyArms).where(eq(studyArms.protocolVersionId, v.version.id));
    await tx.insert(studyArms).values(after.map((a) => ({ ...a, protocolVersionId: v.version.id })));
    audit(protocolAudit(study, v, "arms", before, after));
    return { id: study.id, code: study.code, version: v.version.version };
  },
});
