import { beforeAll, describe, expect, it } from "vitest";
import { getDashboard } from "@/lib/metrics/queries/dashboard";
import { setupTestDb } from "@/lib/testing/db";
import { buildHandNetwork, handActor, type HandNetwork } from "@/lib/testing/hand-network";

// The studies table of a centre's dashboard lists every study with a site there; its links
// (/dashboard?study=…) answered 404 for roles outside the study team (issue 12, item 14).
let h: Awaited<ReturnType<typeof setupTestDb>>;
let net: HandNetwork;
const PERIOD = { from: "2025-07-01", to: "2025-12-31" };

beforeAll(async () => {
  h = await setupTestDb();
  net = await buildHandNetwork(h.db);
});

describe("a study listed on a centre's dashboard opens from there", () => {
  it("opens for a biobank manager and site staff at a centre where the study has a site", async () => {
    for (const role of ["biobank_manager", "site_staff"] as const) {
      const d = await getDashboard(handActor(net, "someone", role, "G1"), { ...PERIOD, study: "HAND-B" }, h.db);
      expect(d?.study?.code, role).toBe("HAND-B");
    }
  });

  it("stays closed where the study has no site in the actor's reach", async () => {
    // HAND-B has sites at G1 and S2 only: R3 staff and a coordinator of R3 see no way in.
    expect(await getDashboard(handActor(net, "someone", "site_staff", "R3"), { ...PERIOD, study: "HAND-B" }, h.db)).toBeNull();
    expect(await getDashboard(handActor(net, "someone", "centre_coordinator", "R3"), { ...PERIOD, study: "HAND-B" }, h.db)).toBeNull();
  });
});
