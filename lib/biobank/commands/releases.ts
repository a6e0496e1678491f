import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { releaseRequestItems, releaseRequests } from "@/db/schema";
import type { ActionContext } from "@/lib/actions/define-action";
import { ActionError, fieldError, notFound } from "@/lib/actions/errors";
import { parseBarcodeList } from "@/lib/biobank/barcodes";
import { recordCustody } from "@/lib/biobank/custody";
import { lockSpecimens } from "@/lib/biobank/load";
import { consentRefusal, isHgrApprovalNo } from "@/lib/biobank/release-gate";
import { canMove } from "@/lib/biobank/status";
import { idField } from "@/lib/validation/fields";

const bool = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const createReleaseSchema = z.strictObject({
  studyCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, "validation.invalid"),
  purpose: z.string().trim().min(5).max(1000),
  criteria: z.string().trim().max(1000).optional(),
  geneticUse: bool,
  hgrApprovalNo: z.string().trim().max(60).optional(),
  barcodes: z.string().trim().min(1).max(20000),
});

export const decideReleaseSchema = z.strictObject({
  requestId: idField,
  decision: z.enum(["approve", "reject"]),
  reason: z.string().trim().max(1000).optional(),
});

/**
 * A request for specimens held by the actor's bank: they are reserved while it is pending.
 * Consent and HGR are checked when a manager decides, so nothing leaves on a request alone.
 */
export async function createRelease({ actor, input, tx, audit }: ActionContext<z.infer<typeof createReleaseSchema>>) {
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
      criteria: input.criteria || null,
      geneticUse: input.geneticUse,
      hgrApprovalNo: input.hgrApprovalNo || null,
      requestedBy: actor.id,
    })
    .returning();
  await tx.insert(releaseRequestItems).values(list.map((s) => ({ requestId: r.id, specimenId: s.id })));
  await tx.execute(sql`update specimens set status = 'reserved', updated_at = now() where id in (${sql.join(list.map((s) => sql`${s.id}`), sql`, `)})`);
  await recordCustody(tx, list.map((s) => ({ specimenId: s.id, event: "reserved" as const, centreId, userId: actor.id, detail: r.code })));
  audit({ action: "release.requested", entityType: "release_request", entityId: r.id, centreId, studyId: study.id, after: { ...r, barcodes: list.map((s) => s.barcode) } });
  return { id: r.id, code: r.code };
}

/**
 * The bank's manager approves or rejects. Approval needs a valid HGR approval number and the
 * consent of every specimen for this use; if either fails the approval is refused with the
 * reasons and nothing is released. Rejection returns the specimens to available.
 */
export async function decideRelease({ actor, input, tx, audit }: ActionContext<z.infer<typeof decideReleaseSchema>>) {
  const [r] = await queryRows<{ id: number; code: string; status: string; centreId: number; geneticUse: boolean; hgrApprovalNo: string | null; studyId: number | null }>(
    tx,
    sql`select id, code, status, centre_id as "centreId", genetic_use as "geneticUse", hgr_approval_no as "hgrApprovalNo", study_id as "studyId"
        from release_requests where id = ${input.requestId} and centre_id = ${actor.centreId} for update`,
  );
  if (!r) throw notFound();
  if (r.status !== "pending") throw new ActionError("biobank.errors.releaseDecided");
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
  if (!isHgrApprovalNo(r.hgrApprovalNo)) throw new ActionError("biobank.errors.hgrMissing");
  const refused = list.map((s) => ({ s, why: consentRefusal(s.futureConsent, r.geneticUse) })).filter((x) => x.why);
  if (refused.length) {
    throw new ActionError("biobank.errors.consentRefused", { list: refused.map((x) => `${x.s.barcode} (${x.why === "consentNo" ? "no" : "limited"})`).join(", ") });
  }
  const notReserved = list.filter((s) => !canMove(s.status, "distributed"));
  if (notReserved.length) throw new ActionError("biobank.errors.notReservable", { barcodes: notReserved.map((s) => s.barcode).join(", ") });
  await tx.execute(sql`update specimens set status = 'distributed', box_id = null, pos_row = null, pos_col = null, updated_at = now()
    where id in (${sql.join(list.map((s) => sql`${s.id}`), sql`, `)})`);
  await tx.execute(sql`update release_requests set status = 'approved', decided_by = ${actor.id}, decided_at = now(), decision_reason = ${input.reason || null}, updated_at = now() where id = ${r.id}`);
  await recordCustody(tx, list.map((s) => ({ specimenId: s.id, event: "released" as const, centreId: r.centreId, userId: actor.id, detail: r.code })));
  audit({ action: "release.approved", entityType: "release_request", entityId: r.id, centreId: r.centreId, studyId: r.studyId, before: { status: r.status }, after: { status: "approved", released: list.map((s) => s.barcode), hgr: r.hgrApprovalNo }, reason: input.reason || null });
  return { id: r.id, status: "approved" as const };
}
