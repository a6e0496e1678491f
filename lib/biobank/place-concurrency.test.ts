import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { defineAction } from "@/lib/actions/define-action";
import { seedBase } from "@/lib/testing/fixtures";
import { setupTestDb } from "@/lib/testing/db";
import { insertTestParticipants } from "@/lib/testing/participants";
import { signInAs } from "@/lib/testing/session";

const codes = Array.from({ length: 10 }, (_, i) => `BC-500-TJ01-${String(i + 1).padStart(4, "0")}`);
import { placeSpecimen, placeSpecimenSchema } from "@/lib/biobank/commands/place";
import { registerSpecimen, registerSpecimenSchema } from "@/lib/biobank/commands/register-specimen";
import { createBox, createBoxSchema, createFreezer, createFreezerSchema, createRack, createRackSchema } from "@/lib/biobank/commands/storage";

// PGlite runs one transaction at a time, so a race for one position only exists on PostgreSQL.
describe.skipIf(!process.env.DATABASE_URL)("parallel placements into one position (PostgreSQL)", () => {
  let h: Awaited<ReturnType<typeof setupTestDb>>;
  beforeAll(async () => {
    h = await setupTestDb();
    await seedBase(h.db);
    await insertTestParticipants(h.db, codes);
  });
  it("exactly one of ten parallel callers gets the position; the others are refused", async () => {
    await signInAs(h.db, "biobank@ncrc.demo");
    const ok = <T,>(r: { ok: true; data: T } | { ok: false; message: string }) => {
      if (!r.ok) throw new Error(r.message);
      return r.data;
    };
    const f = ok(await defineAction({ schema: createFreezerSchema, permission: "biobank.storage.manage", handler: createFreezer })({ code: "P1", name: "Race", temperatureC: -80 }));
    const r = ok(await defineAction({ schema: createRackSchema, permission: "biobank.storage.manage", handler: createRack })({ freezerId: f.id, code: "R1" }));
    const b = ok(await defineAction({ schema: createBoxSchema, permission: "biobank.storage.manage", handler: createBox })({ rackId: r.id, code: "B1", rows: 1, cols: 1 }));
    const register = defineAction({ schema: registerSpecimenSchema, permission: "biobank.specimen.register", handler: registerSpecimen });
    const barcodes: string[] = [];
    for (let i = 0; i < 10; i++) {
      barcodes.push(ok(await register({ type: "serum", ownerKind: "subject", subjectCode: codes[i], futureConsent: "yes", collectedAt: "2025-02-01T09:00", quantity: 1 })).barcode);
    }
    const place = defineAction({ schema: placeSpecimenSchema, permission: "biobank.storage.manage", handler: placeSpecimen });
    const results = await Promise.all(barcodes.map((barcode) => place({ barcode, boxId: b.id, row: 1, col: 1 })));
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    const [n] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from specimens where box_id = ${b.id}`);
    expect(n.n).toBe(1);
  });
});
