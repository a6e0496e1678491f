import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { loadActorBySession } from "@/lib/auth/sessions";
import { seedBase } from "@/lib/testing/fixtures";
import { setupTestDb } from "@/lib/testing/db";
import { insertTestParticipants } from "@/lib/testing/participants";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { aliquotCommand } from "@/lib/biobank/commands/aliquot";
import { createBoxCommand } from "@/lib/biobank/commands/create-box";
import { createFreezerCommand } from "@/lib/biobank/commands/create-freezer";
import { createRackCommand } from "@/lib/biobank/commands/create-rack";
import { placeSpecimenCommand } from "@/lib/biobank/commands/place-specimen";
import { registerSpecimenCommand } from "@/lib/biobank/commands/register-specimen";
import { specimenByBarcode } from "@/lib/biobank/queries/specimens";
import { seedBiobankMovements } from "@/seed/biobank-movements";
import { seedClock } from "@/seed/clock";

function ok<T>(r: { ok: true; data: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message);
  return r.data;
}

describe("the demo seed's chain of custody", () => {
  it("writes each stored specimen's location as every page shows it, and aliquots from their parent", async () => {
    const h = await setupTestDb();
    const fx = await seedBase(h.db);
    await insertTestParticipants(h.db, ["BC-600-TJ01-0001"]);
    const bank = "biobank@ncrc.demo";
    const f = ok(await runCommand(bank, createFreezerCommand, { code: "F01", name: "ULT", temperatureC: -80 }));
    const r = ok(await runCommand(bank, createRackCommand, { freezerId: f.id, code: "R1" }));
    const b = ok(await runCommand(bank, createBoxCommand, { rackId: r.id, code: "B0001", rows: 9, cols: 9 }));
    const parent = ok(await runCommand(bank, registerSpecimenCommand, { type: "whole_blood", ownerKind: "subject", subjectCode: "BC-600-TJ01-0001", collectedAt: "2026-01-05T08:30", quantity: 4 }));
    ok(await runCommand(bank, placeSpecimenCommand, { barcode: parent.barcode, boxId: b.id, row: 3, col: 4 }));
    const [child] = ok(await runCommand(bank, aliquotCommand, { barcode: parent.barcode, childType: "plasma", quantities: [1] })).children;
    ok(await runCommand(bank, placeSpecimenCommand, { barcode: child, boxId: b.id, row: 9, col: 9 }));
    // The seed writes the chain itself (INSERT … SELECT): start from none.
    await h.db.execute(sql`delete from custody_events`);
    await seedBiobankMovements(h.db, fx.org("TJ01").id, seedClock(new Date("2026-11-15T04:00:00Z")));

    const actor = await loadActorBySession(h.db, (await signInAs(h.db, bank)).sessionId);
    const chain = async (barcode: string) =>
      queryRows<{ event: string; detail: string | null }>(h.db, sql`select c.event::text, c.detail from custody_events c join specimens s on s.id = c.specimen_id where s.barcode = ${barcode} order by c.at, c.id`);
    const shown = async (barcode: string) => (await specimenByBarcode(actor!, barcode, h.db))?.location;
    expect(await shown(parent.barcode)).toBe("TJ01 / F01 / R1 / B0001 / C4");
    expect(await chain(parent.barcode)).toEqual([
      { event: "collected", detail: null },
      { event: "stored", detail: await shown(parent.barcode) },
    ]);
    expect(await chain(child)).toEqual([
      { event: "aliquoted", detail: parent.barcode },
      { event: "stored", detail: "TJ01 / F01 / R1 / B0001 / I9" },
    ]);
  });
});
