import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { studyArms } from "@/db/schema";
import type { ActionContext } from "@/lib/actions/define-action";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { amendmentFields, idField } from "@/lib/studies/fields";
import { loadStudyForChange } from "@/lib/studies/load";
import { loadCurrentVersion, protocolAudit, versionForChange } from "@/lib/studies/protocol-version";
import { column, firstDuplicate, rowCode, rowText, zipRows } from "@/lib/studies/rows";

export const setArmsSchema = z.strictObject({
  studyId: idField,
  code: column(rowCode, 10),
  nameZh: column(rowText, 10),
  nameEn: column(rowText, 10),
  ratio: column(z.coerce.number({ message: "validation.required" }).int({ message: "validation.invalid" }).min(1).max(20), 10),
  ...amendmentFields,
});

/** Replaces the arms (codes, names, allocation ratio) of a randomized study's protocol. */
export async function setArms({ actor, input, tx, audit }: ActionContext<z.infer<typeof setArmsSchema>>) {
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
}

async function armsOf(tx: ActionContext<unknown>["tx"], pvId: number) {
  return tx
    .select({ ordinal: studyArms.ordinal, code: studyArms.code, nameZh: studyArms.nameZh, nameEn: studyArms.nameEn, ratio: studyArms.ratio })
    .from(studyArms)
    .where(eq(studyArms.protocolVersionId, pvId))
    .orderBy(asc(studyArms.ordinal));
}
