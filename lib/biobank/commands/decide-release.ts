import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError, notFound } from "@/lib/actions/errors";
import { recordCustody } from "@/lib/biobank/custody";
import { lockSpecimens } from "@/lib/biobank/load";
import { consentRefusal, mayDecideRelease } from "@/lib/biobank/release-gate";
import { isHgrApprovalNumber } from "@/lib/validation/hgr-approval";
import { releaseDecideScope } from "@/lib/biobank/scope";
import { canMove } from "@/lib/biobank/status";
import { choiceField, idField, optionalTextField } from "@/lib/validation/fields";

export const decideReleaseSchema = z.strictObject({
  requestId: idField,
  // The select opens on a neutral "choose…": neither decision is pre-selected.
  decision: choiceField(["approve", "reject"]),
  reason: optionalTextField({ max: 1000 }),
});

/**
 * The bank's manager approves or rejects. Approval needs a valid HGR approval number and the
 * consent of every specimen for this use; if either fails the approval is refused with the
 * reasons and nothing is released. Rejection returns the specimens to available. The manager
 * deciding is never the one who requested it (four eyes, lib/biobank/release-gate.ts).
 */
export const decideReleaseCommand = defineCommand({
  name: "biobank.release.decide",
  schema: decideReleaseSchema,
  permission: "biobank.release.decide",
  handler: async ({ actor, input, tx, audit }) => {
    const [r] = await queryRows<{ id: number; code: string; status: string; centreId: number; geneticUse: boolean; hgrApprovalNo: string | null; studyId: number | null; requestedBy: number | null }>(
      tx,
      sql`select r.id, r.code, r.status, r.centre_id as "centreId", r.genetic_use as "geneticUse", r.hgr_approval_no as "hgrApprovalNo", r.study_id as "studyId",
                 r.requested_by as "requestedBy"
          from release_requests r where r.id = ${input.requestId} and ${releaseDecideScope(actor, "r")} for update`,
    );
    if (!r) throw notFound();
    if (r.status !== "pending") throw new ActionError("biobank.errors.releaseDecided");
    // Four eyes: whoever asked for specimens to leave the bank does not also let them go.
    if (!mayDecideRelease(actor, r)) throw new ActionError("biobank.errors.ownRelease");
    const items = await queryRows<{ specimenId: number }>(tx, sql`select specimen_id as "specimenId" from release_request_items where request_id = ${r.id}`);
    const list = await lockSpecimens(tx, actor, { ids: items.map((i) => i.specimenId) });
    if (input.decision === "reject") {
      if (!input.reason || input.reason.length < 3) throw fieldError("reason", "validation.required");
      const back = list.filter((s) => s.status === "reserved");
      if (back.length) await tx.execute(sql`update specimens set status = 'available', updated_at = now() where id in (${sql.join(back.map((s) => sql`${s.id}`), sql`, `)})`);
      await tx.execute(sql`update release_requests set status = 'rejected', decided_by = ${actor.id}, decided_at = now(), decision_reason = ${input.reason}, updated_at = now() where id = ${r.id}`);
      audit({ action: "release.rejected", entityType: "release_request", entityId: r.id, centreId: r.centreId, studyId: r.studyId, before: { status: r.status }, after: { status: "rejected" }, reason: input.reason });
      return { id: r.id, status: "rejected" as const };
    }
    if (!isHgrApprovalNumber(r.hgrApprovalNo)) throw new ActionError("biobank.errors.hgrMissing");
    const refused = list.map((s) => ({ s, why: consentRefusal(s.futureConsent, r.geneticUse) })).filter((x) => x.why);
    if (refused.length) {
      throw new ActionError("biobank.errors.consentRefused", { list: refused.map((x) => `${x.s.barcode} (${x.why === "consentNo" ? "no" : "limited"})`).join(", ") });
    }
    const notReserved = list.filter((s) => !canMove(s.status, "distributed"));
    if (notReserved.length) throw new ActionError("biobank.errors.notReservable", { barcodes: notReserved.map((s) => s.barcode).join(", ") });
    await tx.execute(sql`update specimens set status = 'distributed', box_id = null, pos_row = null, pos_col = null, updated_at = now()
      where id in (${sql.join(list.map((s) => sql`${s.id}`), sql`, `)})`);
    await tx.execute(sql`update release_requests set status = 'approved', decided_by = ${actor.id}, decided_at = now(), decision_reason = ${input.reason}, updated_at = now() where id = ${r.id}`);
    await recordCustody(tx, list.map((s) => ({ specimenId: s.id, event: "released" as const, centreId: r.centreId, userId: actor.id, detail: r.code })));
    audit({ action: "release.approved", entityType: "release_request", entityId: r.id, centreId: r.centreId, studyId: r.studyId, before: { status: r.status }, after: { status: "approved", released: list.map((s) => s.barcode), hgr: r.hgrApprovalNo }, reason: input.reason });
    return { id: r.id, status: "approved" as const };
  },
});
