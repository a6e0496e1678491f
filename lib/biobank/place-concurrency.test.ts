import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { seedBase } from "@/lib/testing/fixtures";
import { setupTestDb } from "@/lib/testing/db";
import { insertTestParticipants } from "@/lib/testing/participants";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";

const codes = Array.from({ length: 10 }, (_, i) => `BC-500-TJ01-${String(i + 1).padStart(4, "0")}`);
import { placeSpecimenCommand } from "@/lib/biobank/commands/place-specimen";
import { registerSpecimenCommand } from "@/lib/biobank/commands/register-specimen";
import { createBoxCommand } from "@/lib/biobank/commands/create-box";
import { createFreezerCommand } from "@/lib/biobank/commands/create-freezer";
import { createRackCommand } from "@/lib/biobank/commands/create-rack";

// PGlite runs one transaction at a time, so a race for one position only exists on PostgreSQL.
describe.skipIf(!process.env.DATABASE_URL)("parallel placements into one position (PostgreSQL)", () => {
  let h: Awaited<ReturnType<typeof setupTestDb>>;
  beforeAll(async () => {
    h = await setupTestDb();
    await seedBase(h.db);
    await insertTestParticipants(h.db, codes);
  });
  it("exactly one of ten parallel callers gets the position; the others are refused", async () => {
    const bank = await signInAs(h.db, "biobank@ncrc.demo");
    const ok = <T,>(r: { ok: true; data: T } | { ok: false; message: string }) => {
      if (!r.ok) throw new Error(r.message);
      return r.data;
    };
    const f = ok(await runCommand(bank, createFreezerCommand, { code: "P1", name: "Race", temperatureC: -80 }));
    const r = ok(await runCommand(bank, createRackCommand, { freezerId: f.id, code: "R1" }));
    const b = ok(await runCommand(bank, createBoxCommand, { rackId: r.id, code: "B1", rows: 1, cols: 1 }));
    const barcodes: string[] = [];
    for (let i = 0; i < 10; i++) {
      barcodes.push(ok(await runCommand(bank, registerSpecimenCommand, { type: "serum", ownerKind: "subject", subjectCode: codes[i], collectedAt: "2025-02-01T09:00", quantity: 1 })).barcode);
    }
    const results = await Promise.all(barcodes.map((barcode) => runCommand(bank, placeSpecimenCommand, { barcode, boxId: b.id, row: 1, col: 1 })));
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    const [n] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from specimens where box_id = ${b.id}`);
    expect(n.n).toBe(1);
  });
});
