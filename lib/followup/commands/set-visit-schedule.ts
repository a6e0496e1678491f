import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { visitDefinitions } from "@/db/schema";
import type { ActionContext } from "@/lib/actions/define-action";
import { fieldError } from "@/lib/actions/errors";
import { amendmentFields, idField } from "@/lib/studies/fields";
import { loadStudyForChange } from "@/lib/studies/load";
import { loadCurrentVersion, protocolAudit, versionForChange } from "@/lib/studies/protocol-version";
import { column, firstDuplicate, rowCode, rowText, zipRows } from "@/lib/studies/rows";

const dayNumber = (max: number) => z.coerce.number({ message: "validation.required" }).int({ message: "validation.invalid" }).min(0).max(max);

export const setVisitScheduleSchema = z.strictObject({
  studyId: idField,
  code: column(rowCode, 40),
  nameZh: column(rowText, 40),
  nameEn: column(rowText, 40),
  targetDay: column(dayNumber(3650), 40),
  windowDays: column(dayNumber(365), 40),
  ...amendmentFields,
});

/**
 * Replaces the visit schedule of the study's protocol (a protocol amendment once recruiting has
 * started). Participants keep the visits generated from the version in force at their enrolment.
 */
export async function setVisitSchedule({ actor, input, tx, audit }: ActionContext<z.infer<typeof setVisitScheduleSchema>>) {
  const study = await loadStudyForChange(tx, actor, input.studyId);
  const rows = zipRows({ code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, targetDay: input.targetDay, windowDays: input.windowDays });
  if (rows.length === 0) throw fieldError("_form", "followup.errors.scheduleEmpty");
  const dup = firstDuplicate(rows.map((r) => r.code));
  if (dup >= 0) throw fieldError(`code.${dup}`, "studies.errors.duplicateCode");
  const dupDay = firstDuplicate(rows.map((r) => String(r.targetDay)));
  if (dupDay >= 0) throw fieldError(`targetDay.${dupDay}`, "followup.errors.duplicateDay");

  const current = await loadCurrentVersion(tx, study);
  const before = await scheduleRows(tx, current.id);
  const after = [...rows].sort((a, b) => a.targetDay - b.targetDay).map((r, i) => ({ ordinal: i + 1, ...r }));
  const v = await versionForChange(tx, actor, study, input, { visitSchedule: { before, after } });
  await tx.delete(visitDefinitions).where(eq(visitDefinitions.protocolVersionId, v.version.id));
  await tx.insert(visitDefinitions).values(after.map((d) => ({ ...d, protocolVersionId: v.version.id })));
  audit(protocolAudit(study, v, "visitSchedule", before, after));
  return { id: study.id, code: study.code, version: v.version.version };
}

async function scheduleRows(tx: ActionContext<unknown>["tx"], pvId: number) {
  return tx
    .select({ ordinal: visitDefinitions.ordinal, code: visitDefinitions.code, nameZh: visitDefinitions.nameZh, nameEn: visitDefinitions.nameEn, targetDay: visitDefinitions.targetDay, windowDays: visitDefinitions.windowDays })
    .from(visitDefinitions)
    .where(eq(visitDefinitions.protocolVersionId, pvId))
    .orderBy(asc(visitDefinitions.ordinal));
}
