import { beforeAll, describe, expect, it } from "vitest";
import { buildHandNetwork } from "@/lib/testing/hand-network";
import type { DashboardData } from "@/lib/metrics/dashboard-data";
import { setupTestDb } from "@/lib/testing/db";
import { signInAs, signOutTestSession } from "@/lib/testing/session";
import { GET } from "@/app/api/dashboard/route";

let h: Awaited<ReturnType<typeof setupTestDb>>;

beforeAll(async () => {
  h = await setupTestDb();
  await buildHandNetwork(h.db);
});

const get = (query: string) => GET(new Request(`http://localhost/api/dashboard${query}`));
const root = (d: DashboardData) => d.nodes.find((n) => n.id === d.rootId)!;

describe("GET /api/dashboard is scoped exactly like the page", () => {
  it("answers 401 to nobody", async () => {
    signOutTestSession();
    expect((await get("")).status).toBe(401);
  });

  it("gives a coordinator their subtree and 404 outside it", async () => {
    await signInAs(h.db, "coordS1@hand.test");
    const res = await get("?from=2025-07-01&to=2025-12-31");
    expect(res.status).toBe(200);
    const d = (await res.json()) as DashboardData;
    expect(root(d).code).toBe("S1");
    expect(root(d).enrolled).toBe(4);
    expect(d.nodes.map((n) => n.code)).not.toContain("S2");
    expect((await get("?centre=S2&to=2025-12-31")).status).toBe(404);
    expect((await get("?centre=HQ&to=2025-12-31")).status).toBe(404);
  });

  it("gives site staff their own site and 404 for the hospital below it", async () => {
    await signInAs(h.db, "staffR1@hand.test");
    const d = (await (await get("?from=2025-07-01&to=2025-12-31")).json()) as DashboardData;
    expect(d.nodes.map((n) => n.code)).toEqual(["R1"]);
    expect(root(d).enrolled).toBe(2);
    expect((await get("?centre=G1")).status).toBe(404);
  });

  it("gives a PI 404 for another PI's study", async () => {
    await signInAs(h.db, "piA@hand.test");
    expect((await get("?study=HAND-A&to=2025-12-31")).status).toBe(200);
    expect((await get("?study=HAND-B&to=2025-12-31")).status).toBe(404);
  });

  it("gives a viewer the network's aggregates and no participant-level row", async () => {
    await signInAs(h.db, "viewer@hand.test");
    const res = await get("?study=HAND-A&from=2025-07-01&to=2025-12-31");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const text = await res.text();
    expect(root(JSON.parse(text) as DashboardData).enrolled).toBe(3);
    expect(text).not.toMatch(/HAND-[AB]-[A-Z0-9]+-\d{4}/);
    expect(text).not.toMatch(/subject|national|yearOfBirth/i);
  });
});
