import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { criterionKind, eligibilityCriteria } from "@/db/schema";
import type { Db } from "@/db/client";
import type { ActionContext } from "@/lib/actions/define-action";
import { fieldError } from "@/lib/actions/errors";
import { amendmentFields, idField } from "@/lib/studies/fields";
import { loadStudyForChange } from "@/lib/studies/load";
import { loadCurrentVersion, protocolAudit, versionForChange } from "@/lib/studies/protocol-version";
import { column, rowText, zipRows } from "@/lib/studies/rows";

export const setCriteriaSchema = z.strictObject({
  studyId: idField,
  kind: column(z.enum(criterionKind.enumValues, { message: "validation.required" }), 60),
  textZh: column(rowText, 60),
  textEn: column(rowText, 60),
  ...amendmentFields,
});

/**
 * Replaces the ordered eligibility criteria. Codes follow the order within each kind (I1, I2 …,
 * E1 …): they are the coded screen-failure reasons.
 */
export async function setCriteria({ actor, input, tx, audit }: ActionContext<z.infer<typeof setCriteriaSchema>>) {
  const study = await loadStudyForChange(tx, actor, input.studyId);
  const rows = zipRows({ kind: input.kind, textZh: input.textZh, textEn: input.textEn });
  if (rows.length === 0) throw fieldError("_form", "studies.errors.noCriteria");
  const seq = { inclusion: 0, exclusion: 0 };
  const after = rows.map((r, i) => {
    const kind = r.kind;
    seq[kind] += 1;
    return { ordinal: i + 1, kind, code: `${kind === "inclusion" ? "I" : "E"}${seq[kind]}`, textZh: r.textZh, textEn: r.textEn };
  });
  const current = await loadCurrentVersion(tx, study);
  const before = await criteriaOf(tx, current.id);
  const v = await versionForChange(tx, actor, study, input, { criteria: { before: before.length, after: after.length } });
  await tx.delete(eligibilityCriteria).where(eq(eligibilityCriteria.protocolVersionId, v.version.id));
  await tx.insert(eligibilityCriteria).values(after.map((c) => ({ ...c, protocolVersionId: v.version.id })));
  audit(protocolAudit(study, v, "criteria", before, after));
  return { id: study.id, code: study.code, version: v.version.version };
}

async function criteriaOf(tx: Db, pvId: number) {
  return tx
    .select({ ordinal: eligibilityCriteria.ordinal, kind: eligibilityCriteria.kind, code: eligibilityCriteria.code, textZh: eligibilityCriteria.textZh, textEn: eligibilityCriteria.textEn })
    .from(eligibilityCriteria)
    .where(eq(eligibilityCriteria.protocolVersionId, pvId))
    .orderBy(asc(eligibilityCriteria.ordinal));
}
