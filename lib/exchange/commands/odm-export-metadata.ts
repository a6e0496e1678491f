import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { studies } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { notFound } from "@/lib/actions/errors";
import { crfReadScope } from "@/lib/crf/scope";
import { idField } from "@/lib/validation/fields";

/**
 * The audit event of an ODM metadata export (form definitions, no participant data), appended
 * before the file is written by lib/exchange/queries/odm-metadata.ts: who and which study.
 */
export const odmExportMetadataCommand = defineCommand({
  name: "exchange.odm.exportMetadata",
  schema: z.strictObject({ studyId: idField }),
  permission: "crf.read",
  handler: async ({ actor, input, tx, audit }) => {
    const [study] = await tx.select({ id: studies.id, code: studies.code, leadCentreId: studies.leadCentreId, protocolVersion: studies.currentProtocolVersion }).from(studies).where(and(eq(studies.id, input.studyId), crfReadScope(actor)));
    if (!study) throw notFound();
    audit({
      action: "exchange.odm.exported",
      entityType: "study",
      entityId: study.id,
      centreId: study.leadCentreId,
      studyId: study.id,
      after: { format: "ODM 1.3.2 metadata", protocolVersion: study.protocolVersion },
    });
    return { studyCode: study.code };
  },
});
