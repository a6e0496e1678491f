import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { releaseRequestItems, releaseRequests } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { parseBarcodeList } from "@/lib/biobank/barcodes";
import { recordCustody } from "@/lib/biobank/custody";
import { barcodeListField, checkboxField, studyCodeField } from "@/lib/biobank/fields";
import { lockSpecimens } from "@/lib/biobank/load";
import { canMove } from "@/lib/biobank/status";
import { optionalTextField, textField } from "@/lib/validation/fields";

export const requestReleaseSchema = z.strictObject({
  studyCode: studyCodeField,
  purpose: textField({ max: 1000, min: 5 }),
  criteria: optionalTextField({ max: 1000, multiline: true }),
  geneticUse: checkboxField,
  hgrApprovalNo: optionalTextField({ max: 60 }),
  barcodes: barcodeListField,
});

/**
 * A request for specimens held by the actor's bank: they are reserved while it is pending.
 * Consent and HGR are checked when a manager decides, so nothing leaves on a request alone.
 */
export const requestReleaseCommand = defineCommand({
  name: "biobank.release.request",
  schema: requestReleaseSchema,
  permission: "biobank.release.request",
  handler: async ({ actor, input, tx, audit }) => {
    const barcodes = parseBarcodeList(input.barcodes);
    if (!barcodes.ok) throw fieldError("barcodes", "biobank.errors.barcodeList");
    const list = await lockSpecimens(tx, actor, { barcodes: barcodes.list });
    const bad = list.filter((s) => !canMove(s.status, "reserved") || s.holderCentreId !== list[0].holderCentreId);
    if (bad.length) throw fieldError("barcodes", "biobank.errors.notReservable", { barcodes: bad.map((s) => s.barcode).join(", ") });
    const centreId = list[0].holderCentreId;
    const [study] = await queryRows<{ id: number }>(tx, sql`select id from studies where code = ${input.studyCode}`);
    if (!study) throw fieldError("studyCode", "biobank.errors.studyUnknown");
    const [r] = await tx
      .insert(releaseRequests)
      .values({
        code: `RL-${Date.now().toString(36).toUpperCase()}`,
        centreId,
        studyId: study.id,
        studyCode: input.studyCode,
        purpose: input.purpose,
        criteria: input.criteria,
        geneticUse: input.geneticUse,
        hgrApprovalNo: input.hgrApprovalNo,
        requestedBy: actor.id,
      })
      .returning();
    await tx.insert(releaseRequestItems).values(list.map((s) => ({ requestId: r.id, specimenId: s.id })));
    await tx.execute(sql`update specimens set status = 'reserved', updated_at = now() where id in (${sql.join(list.map((s) => sql`${s.id}`), sql`, `)})`);
    await recordCustody(tx, list.map((s) => ({ specimenId: s.id, event: "reserved" as const, centreId, userId: actor.id, detail: r.code })));
    audit({ action: "release.requested", entityType: "release_request", entityId: r.id, centreId, studyId: study.id, after: { ...r, barcodes: list.map((s) => s.barcode) } });
    return { id: r.id, code: r.code };
  },
});
