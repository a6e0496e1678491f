import { describe, expect, it } from "vitest";
import { seedBase } from "@/lib/testing/fixtures";
import { setupTestDb } from "@/lib/testing/db";
import { insertTestParticipants } from "@/lib/testing/participants";
import { signInAs, signOutTestSession } from "@/lib/testing/session";
import { runCommand } from "@/lib/testing/run-command";
import { registerSpecimenCommand } from "@/lib/biobank/commands/register-specimen";
import { GET } from "@/app/api/biobank/specimens/route";

const h = await setupTestDb();
await seedBase(h.db);
await insertTestParticipants(h.db, ["BC-300-R01G1-0001"]);
const reg = await runCommand("staff.gh1@ncrc.demo", registerSpecimenCommand, { type: "serum", ownerKind: "subject", subjectCode: "BC-300-R01G1-0001", collectedAt: "2025-03-01T10:00", quantity: 2 });
if (!reg.ok) throw new Error(reg.message);
const barcode = reg.data.barcode;
const get = (qs: string) => GET(new Request(`http://localhost/api/biobank/specimens?${qs}`));

describe("GET /api/biobank/specimens", () => {
  it("answers rows and counts within the caller's scope", async () => {
    await signInAs(h.db, "staff.gh1@ncrc.demo");
    const body = await (await get(`barcode=${barcode}`)).json();
    expect(body.rows.map((r: { barcode: string }) => r.barcode)).toEqual([barcode]);
    expect(body.counts.total).toBe(1);
    await signInAs(h.db, "staff.rc20@ncrc.demo");
    const other = await (await get(`barcode=${barcode}`)).json();
    expect(other.rows).toEqual([]);
    expect(other.counts.total).toBe(0);
  });
  it("gives viewers counts only, never rows, and ignores barcode and code filters for them", async () => {
    await signInAs(h.db, "viewer@ncrc.demo");
    const body = await (await get("barcode=NB999999999&type=serum")).json();
    expect(body.rows).toBeNull();
    expect(body.counts.total).toBe(1);
  });
  it("refuses bad filters, other roles and the signed-out", async () => {
    await signInAs(h.db, "staff.gh1@ncrc.demo");
    expect((await get("type=nonsense")).status).toBe(400);
    await signInAs(h.db, "monitor@ncrc.demo");
    expect((await get("")).status).toBe(403);
    signOutTestSession();
    expect((await get("")).status).toBe(401);
  });
});
