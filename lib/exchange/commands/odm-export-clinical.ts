import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { studies } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { notFound } from "@/lib/actions/errors";
import { crfParticipantScope, crfReadScope } from "@/lib/crf/scope";
import { idField, optionalIdField } from "@/lib/validation/fields";

/**
 * The audit event of an ODM clinical data export, appended before the file streams (the file
 * itself is read by lib/exchange/queries/odm-clinical.ts with the same scope): who, which
 * study, which site filter, how many subjects. A study outside the actor's scope is "not found";
 * viewers hold no export permission at all.
 */
export const odmExportClinicalCommand = defineCommand({
  name: "exchange.odm.exportClinical",
  schema: z.strictObject({ studyId: idField, centreId: optionalIdField }),
  permission: "exchange.export",
  handler: async ({ actor, input, tx, audit }) => {
    const [study] = await tx.select({ id: studies.id, code: studies.code }).from(studies).where(and(eq(studies.id, input.studyId), crfReadScope(actor)));
    if (!study) throw notFound();
    const site = input.centreId === null ? sql`true` : sql`p.centre_id = ${input.centreId}`;
    const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from participants p where p.study_id = ${study.id} and ${crfParticipantScope(actor)} and ${site}`);
    audit({
      action: "exchange.odm.exported",
      entityType: "study",
      entityId: study.id,
      centreId: input.centreId ?? actor.centreId,
      studyId: study.id,
      after: { format: "ODM 1.3.2 clinical data", centreId: input.centreId, participants: Number(n) },
    });
    return { studyCode: study.code, subjects: Number(n) };
  },
});
