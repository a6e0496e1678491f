import { describe, expect, it } from "vitest";
import { seedBase } from "@/lib/testing/fixtures";
import { setupTestDb } from "@/lib/testing/db";
import { insertTestParticipants } from "@/lib/testing/participants";
import { signInAs, signOutTestSession } from "@/lib/testing/session";
import { GET } from "@/app/api/biobank/owners/route";

const h = await setupTestDb();
await seedBase(h.db);
await insertTestParticipants(h.db, ["BC-310-R01G1-0001"], true);
await insertTestParticipants(h.db, ["BC-310-R01G1-0002"], false);
const get = (qs: string) => GET(new Request(`http://localhost/api/biobank/owners?${qs}`));

describe("GET /api/biobank/owners", () => {
  it("answers the consent the participant's record holds, for the caller's own centre only", async () => {
    await signInAs(h.db, "staff.gh1@ncrc.demo");
    expect(await (await get("kind=subject&code=BC-310-R01G1-0001")).json()).toMatchObject({ source: "participant", futureConsent: "yes" });
    expect(await (await get("kind=subject&code=bc-310-r01g1-0002")).json()).toMatchObject({ futureConsent: "no" });
    expect((await get("kind=subject&code=BC-310-R01G1-0999")).status).toBe(404);
    await signInAs(h.db, "staff.rc20@ncrc.demo");
    expect((await get("kind=subject&code=BC-310-R01G1-0001")).status).toBe(404);
  });
  it("refuses bad parameters and the signed-out; roles that do not register learn nothing", async () => {
    await signInAs(h.db, "staff.gh1@ncrc.demo");
    expect((await get("kind=patient&code=BC-310-R01G1-0001")).status).toBe(400);
    expect((await get("kind=subject&code=%00")).status).toBe(400);
    await signInAs(h.db, "viewer@ncrc.demo");
    expect((await get("kind=subject&code=BC-310-R01G1-0001")).status).toBe(404);
    signOutTestSession();
    expect((await get("kind=subject&code=BC-310-R01G1-0001")).status).toBe(401);
  });
});
