import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { consentVersions } from "@/db/schema";
import type { ActionContext } from "@/lib/actions/define-action";
import { fieldError } from "@/lib/actions/errors";
import { amendmentFields, dayField, idField } from "@/lib/studies/fields";
import { loadStudyForChange } from "@/lib/studies/load";
import { loadCurrentVersion, protocolAudit, versionForChange } from "@/lib/studies/protocol-version";
import { column, firstDuplicate, zipRows } from "@/lib/studies/rows";

const labelField = z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }).max(40);

export const setConsentsSchema = z.strictObject({
  studyId: idField,
  label: column(labelField, 20),
  effectiveDate: column(dayField, 20),
  ...amendmentFields,
});

/** Replaces the consent form versions (label, effective date) in force. */
export async function setConsents({ actor, input, tx, audit }: ActionContext<z.infer<typeof setConsentsSchema>>) {
  const study = await loadStudyForChange(tx, actor, input.studyId);
  const rows = zipRows({ label: input.label, effectiveDate: input.effectiveDate });
  if (rows.length === 0) throw fieldError("_form", "studies.errors.noConsent");
  const dup = firstDuplicate(rows.map((r) => r.label));
  if (dup >= 0) throw fieldError(`label.${dup}`, "studies.errors.duplicateCode");
  const current = await loadCurrentVersion(tx, study);
  const before = await tx
    .select({ label: consentVersions.label, effectiveDate: consentVersions.effectiveDate })
    .from(consentVersions)
    .where(eq(consentVersions.protocolVersionId, current.id))
    .orderBy(asc(consentVersions.effectiveDate));
  const after = rows.map((r) => ({ label: r.label, effectiveDate: r.effectiveDate }));
  const v = await versionForChange(tx, actor, study, input, { consents: { before, after } });
  await tx.delete(consentVersions).where(eq(consentVersions.protocolVersionId, v.version.id));
  await tx.insert(consentVersions).values(after.map((c) => ({ ...c, protocolVersionId: v.version.id })));
  audit(protocolAudit(study, v, "consents", before, after));
  return { id: study.id, code: study.code, version: v.version.version };
}
