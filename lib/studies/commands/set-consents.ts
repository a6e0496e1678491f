import { eq } from "drizzle-orm";
import { z } from "zod";
import { consentVersions } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { amendmentFields } from "@/lib/studies/fields";
import { loadStudyForChange } from "@/lib/studies/load";
import { consentsOf } from "@/lib/studies/protocol-parts";
import { loadCurrentVersion, protocolAudit, versionForChange } from "@/lib/studies/protocol-version";
import { firstDuplicate, zipRows } from "@/lib/studies/rows";
import { dayField, idField, listOf, PLANNING_DAY, textField } from "@/lib/validation/fields";

export const setConsentsSchema = z.strictObject({
  studyId: idField,
  label: listOf(textField({ max: 40 }), 20),
  effectiveDate: listOf(dayField(PLANNING_DAY), 20),
  ...amendmentFields,
});

/** Replaces the consent form versions (label, effective date) in force. */
export const setConsentsCommand = defineCommand({
  name: "studies.consents.set",
  schema: setConsentsSchema,
  permission: "study.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const study = await loadStudyForChange(tx, actor, input.studyId);
    const rows = zipRows({ label: input.label, effectiveDate: input.effectiveDate });
    if (rows.length === 0) throw fieldError("_form", "studies.errors.noConsent");
    const dup = firstDuplicate(rows.map((r) => r.label));
    if (dup >= 0) throw fieldError(`label.${dup}`, "studies.errors.duplicateCode");
    const current = await loadCurrentVersion(tx, study);
    const before = await consentsOf(tx, current.id);
    const after = rows.map((r) => ({ label: r.label, effectiveDate: r.effectiveDate }));
    const v = await versionForChange(tx, actor, study, input, { consents: { before, after } });
    await tx.delete(consentVersions).where(eq(consentVersions.protocolVersionId, v.version.id));
    await tx.insert(consentVersions).values(after.map((c) => ({ ...c, protocolVersionId: v.version.id })));
    audit(protocolAudit(study, v, "consents", before, after));
    return { id: study.id, code: study.code, version: v.version.version };
  },
});
