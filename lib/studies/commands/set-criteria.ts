import { eq } from "drizzle-orm";
import { z } from "zod";
import { criterionKind, eligibilityCriteria } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { amendmentFields } from "@/lib/studies/fields";
import { loadStudyForChange } from "@/lib/studies/load";
import { criteriaOf } from "@/lib/studies/protocol-parts";
import { loadCurrentVersion, protocolAudit, versionForChange } from "@/lib/studies/protocol-version";
import { rowText, zipRows } from "@/lib/studies/rows";
import { choiceField, idField, listOf } from "@/lib/validation/fields";

export const setCriteriaSchema = z.strictObject({
  studyId: idField,
  kind: listOf(choiceField(criterionKind.enumValues), 60),
  textZh: listOf(rowText, 60),
  textEn: listOf(rowText, 60),
  ...amendmentFields,
});

/**
 * Replaces the ordered eligibility criteria. Codes follow the order within each kind (I1, I2 …,
 * E1 …): they are the coded screen-failure reasons.
 */
export const setCriteriaCommand = defineCommand({
  name: "studies.criteria.set",
  schema: setCriteriaSchema,
  permission: "study.manage",
  handler: async ({ actor, input, tx, audit }) => {
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
  },
});
