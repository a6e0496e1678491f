import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { setupTestDb } from "@/lib/testing/db";
import { insertTestParticipants } from "@/lib/testing/participants";
import { runCommand } from "@/lib/testing/run-command";
import { aliquotCommand } from "@/lib/biobank/commands/aliquot";
import { changeStatusCommand } from "@/lib/biobank/commands/change-status";
import { createTransferCommand } from "@/lib/biobank/commands/create-transfer";
import { receiveTransferCommand } from "@/lib/biobank/commands/receive-transfer";
import { registerSpecimenCommand } from "@/lib/biobank/commands/register-specimen";
import { shipTransferCommand } from "@/lib/biobank/commands/ship-transfer";

const h = await setupTestDb();
const TABLES = ["specimens", "specimen_transfers", "custody_events", "audit_events"];
const STAFF = "staff.gh1@ncrc.demo";
const BANK = "biobank@ncrc.demo";
const codes = ["0001", "0002", "0003"].map((n) => `BC-160-R01G1-${n}`);
let fx: Awaited<ReturnType<typeof seedBase>>;
function ok<T>(r: { ok: true; data: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(`expected success, got: ${r.message}`);
  return r.data;
}
const specimen = async (barcode: string) =>
  (await queryRows<{ status: string; holder: string }>(h.db, sql`select s.status::text as status, o.code as holder from specimens s join organisations o on o.id = s.holder_centre_id where s.barcode = ${barcode}`))[0];
const setStatus = (input: Record<string, unknown>) => runCommand(BANK, changeStatusCommand, input);
async function refusedNothingWritten(call: () => Promise<{ ok: boolean; fieldErrors?: Record<string, string[]> }>, field?: string) {
  const before = await countRows(h.db, TABLES);
  const r = await call();
  expect(r.ok).toBe(false);
  if (field) expect(Object.keys(r.fieldErrors ?? {})).toContain(field);
  expect(await countRows(h.db, TABLES)).toEqual(before);
}

let damaged = "";
let fine = "";
let second = "";
beforeAll(async () => {
  fx = await seedBase(h.db);
  await insertTestParticipants(h.db, codes);
  const barcodes: string[] = [];
  for (const code of codes) barcodes.push(ok(await runCommand(STAFF, registerSpecimenCommand, { type: "whole_blood", ownerKind: "subject", subjectCode: code, collectedAt: "2026-01-05T08:30", quantity: 2 })).barcode);
  [damaged, fine, second] = barcodes;
  const t = ok(await runCommand(STAFF, createTransferCommand, { toCentreId: fx.org("TJ01").id, barcodes: barcodes.join(" ") }));
  ok(await runCommand(STAFF, shipTransferCommand, { transferId: t.id }));
  const items = await queryRows<{ id: number; barcode: string }>(h.db, sql`select i.id, s.barcode from specimen_transfer_items i join specimens s on s.id = i.specimen_id where i.transfer_id = ${t.id}`);
  const results = items.map((i) => `${i.id}:${i.barcode === fine ? "received" : "damaged"}`);
  ok(await runCommand(BANK, receiveTransferCommand, { transferId: t.id, results, note: "tube cracked, half leaked" }));
});

describe("a tube damaged on receipt", () => {
  it("is quarantined at the destination, not destroyed, and the custody chain says what happened", async () => {
    expect(await specimen(damaged)).toEqual({ status: "quarantined", holder: "TJ01" });
    expect(await specimen(fine)).toEqual({ status: "available", holder: "TJ01" });
    const [c] = await queryRows<{ event: string; detail: string | null }>(
      h.db,
      sql`select event::text, detail from custody_events where specimen_id = (select id from specimens where barcode = ${damaged}) order by id desc limit 1`,
    );
    expect(c).toEqual({ event: "damaged", detail: "tube cracked, half leaked" });
  });

  it("cannot be aliquoted, shipped on or released while in quarantine", async () => {
    await refusedNothingWritten(() => runCommand(BANK, aliquotCommand, { barcode: damaged, childType: "plasma", quantities: [1] }));
    await refusedNothingWritten(() => runCommand(BANK, createTransferCommand, { toCentreId: fx.org("R01").id, barcodes: damaged }), "barcodes");
  });

  it("is destroyed only by its own explicit step: a reason and a ticked confirmation", async () => {
    await refusedNothingWritten(() => setStatus({ barcode: damaged, status: "destroyed", reason: "tube cracked" }), "confirm");
    await refusedNothingWritten(() => setStatus({ barcode: damaged, status: "destroyed", confirm: "on" }), "reason");
    await refusedNothingWritten(() => setStatus({ barcode: damaged, status: "", reason: "tube cracked", confirm: "on" }), "status");
    expect(await specimen(damaged)).toMatchObject({ status: "quarantined" });
    ok(await setStatus({ barcode: damaged, status: "destroyed", reason: "tube cracked, not usable", confirm: "on" }));
    expect(await specimen(damaged)).toMatchObject({ status: "destroyed" });
  });

  it("may be found fit after review and become available (with a reason, no confirmation needed)", async () => {
    ok(await setStatus({ barcode: second, status: "available", reason: "cap loose only, sample intact" }));
    expect(await specimen(second)).toMatchObject({ status: "available" });
  });

  it("a status with no way back is never set without the confirmation, from any status", async () => {
    await refusedNothingWritten(() => setStatus({ barcode: fine, status: "depleted", reason: "used up" }), "confirm");
    await refusedNothingWritten(() => setStatus({ barcode: fine, status: "destroyed", reason: "dropped", confirm: "" }), "confirm");
    expect(await specimen(fine)).toMatchObject({ status: "available" });
  });
});
