import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { visitDefinitions } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { amendmentFields } from "@/lib/studies/fields";
import { loadStudyForChange } from "@/lib/studies/load";
import { loadCurrentVersion, protocolAudit, versionForChange } from "@/lib/studies/protocol-version";
import { firstDuplicate, rowCode, rowText, zipRows } from "@/lib/studies/rows";
import { idField, intField, listOf } from "@/lib/validation/fields";

const MAX_VISITS = 40;

/**
 * Replaces the visit schedule of the study's protocol (a protocol amendment once recruiting has
 * started). Participants keep the visits generated from the version in force at their enrolment.
 */
export const setVisitScheduleCommand = defineCommand({
  name: "studies.visitSchedule.set",
  schema: z.strictObject({
    studyId: idField,
    code: listOf(rowCode, MAX_VISITS),
    nameZh: listOf(rowText, MAX_VISITS),
    nameEn: listOf(rowText, MAX_VISITS),
    targetDay: listOf(intField({ min: 0, max: 3650 }), MAX_VISITS),
    windowDays: listOf(intField({ min: 0, max: 365 }), MAX_VISITS),
    ...amendmentFields,
  }),
  permission: "study.manage",
  handler: async ({ actor, input, tx, audit }) => {
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
  },
});

/** A version's visit schedule as the audit event compares it (before → after). */
async function scheduleRows(tx: Db, pvId: number) {
  return tx
    .select({ ordinal: visitDefinitions.ordinal, code: visitDefinitions.code, nameZh: visitDefinitions.nameZh, nameEn: visitDefinitions.nameEn, targetDay: visitDefinitions.targetDay, windowDays: visitDefinitions.windowDays })
    .from(visitDefinitions)
    .where(eq(visitDefinitions.protocolVersionId, pvId))
    .orderBy(asc(visitDefinitions.ordinal));
}
