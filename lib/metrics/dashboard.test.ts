import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { buildHandNetwork, handActor, type HandNetwork } from "@/lib/testing/hand-network";
import { COUNT_KEYS, type NodeFigures } from "@/lib/metrics/types";
import { setupTestDb } from "@/lib/testing/db";
import type { DashboardData } from "@/lib/metrics/dashboard-data";
import { getDashboard } from "@/lib/metrics/queries/dashboard";
import { openQueriesBySite } from "@/lib/followup/queries/followup-lists";
import { messages } from "@/messages";

let h: Awaited<ReturnType<typeof setupTestDb>>;
let net: HandNetwork;
const PERIOD = { from: "2025-07-01", to: "2025-12-31" };

beforeAll(async () => {
  h = await setupTestDb();
  net = await buildHandNetwork(h.db);
});

const admin = () => handActor(net, "admin", "network_admin", "HQ");

async function view(actor = admin(), extra: { centre?: string; study?: string; from?: string; to?: string } = {}): Promise<DashboardData> {
  const d = await getDashboard(actor, { ...PERIOD, ...extra }, h.db);
  if (!d) throw new Error("view refused");
  return d;
}

function node(d: DashboardData, code: string): NodeFigures {
  const n = d.nodes.find((x) => x.code === code);
  if (!n) throw new Error(`no node ${code} in view`);
  return n;
}

/** [figure, HQ, S1, R1, G1, G2, R2, S2, R3] over 2025-07-01..2025-12-31, worked out by hand. */
const KNOWN: [keyof NodeFigures, ...number[]][] = [
  ["enrolled", 5, 4, 4, 2, 0, 0, 1, 0],
  ["enrolledToDate", 7, 5, 5, 2, 0, 0, 2, 1],
  ["enrolledLast3m", 3, 3, 3, 2, 0, 0, 0, 0],
  ["withdrawn", 2, 1, 1, 0, 0, 0, 1, 0],
  ["screened", 7, 6, 6, 3, 0, 0, 1, 0],
  ["screenFailed", 2, 2, 2, 1, 0, 0, 0, 0],
  ["sites", 6, 4, 4, 2, 1, 0, 2, 1],
  ["activeSites", 5, 3, 3, 2, 0, 0, 2, 1],
  ["target", 30, 19, 19, 9, 4, 0, 11, 6],
  ["dormantSites", 3, 1, 1, 1, 0, 0, 2, 1],
  ["laggingSites", 3, 1, 1, 1, 0, 0, 2, 1],
  ["specimens", 3, 2, 2, 1, 0, 0, 1, 0],
  ["participantSpecimens", 2, 2, 2, 1, 0, 0, 0, 0],
  ["aes", 3, 3, 3, 1, 0, 0, 0, 0],
  ["saes", 2, 2, 2, 1, 0, 0, 0, 0],
  ["lateSaes", 1, 1, 1, 0, 0, 0, 0, 0],
  ["unclosedQueries", 3, 2, 2, 1, 0, 0, 1, 0],
  ["openQueries", 2, 2, 2, 1, 0, 0, 0, 0],
  ["answeredQueries", 1, 0, 0, 0, 0, 0, 1, 0],
];
const CODES = ["HQ", "S1", "R1", "G1", "G2", "R2", "S2", "R3"];

describe("every figure on a hand-made network, at each level", () => {
  it("gives the known answers at the hub, sub-centres, regional centres and hospitals", async () => {
    const hub = await view();
    const s1 = await view(admin(), { centre: "S1" }); // the grass-roots level only appears two levels down
    for (const [key, ...want] of KNOWN) {
      const got = CODES.map((c) => (["G1", "G2"].includes(c) ? node(s1, c) : node(hub, c))[key]);
      expect({ key, got }).toEqual({ key, got: want });
    }
  });

  it("rolls up medians over the subtree's rows, the last enrolment as the latest, and specimens by type", async () => {
    const hub = await view();
    const s1 = await view(admin(), { centre: "S1" });
    expect(node(hub, "HQ").medianDaysToEnrol).toBe(9); // 2, 4, 9, 14, 20
    expect(node(hub, "R1").medianDaysToEnrol).toBe(6.5); // 2, 4, 9, 20
    expect(node(s1, "G1").medianDaysToEnrol).toBe(5.5);
    expect(node(hub, "S2").medianDaysToEnrol).toBe(14);
    expect(node(hub, "R3").medianDaysToEnrol).toBeNull(); // nobody enrolled there in the period
    expect(node(hub, "HQ").lastEnrolledOn).toBe("2025-12-10");
    expect(node(hub, "S2").lastEnrolledOn).toBe("2025-09-15");
    expect(node(hub, "R3").lastEnrolledOn).toBe("2025-02-04");
    // Unclosed = open or answered, as the query list counts them: S2's answered query is 30 days old.
    expect(node(hub, "HQ").oldestUnclosedQueryDays).toBe(30);
    expect(node(hub, "R1").oldestUnclosedQueryDays).toBe(10);
    expect(node(s1, "G1").oldestUnclosedQueryDays).toBe(3);
    expect(node(hub, "S2").oldestUnclosedQueryDays).toBe(30);
    expect(node(hub, "R3").oldestUnclosedQueryDays).toBeNull();
    expect(node(hub, "HQ").specimensByType).toEqual({ plasma: 2, serum: 1 });
    expect(node(hub, "R1").specimensByType).toEqual({ plasma: 1, serum: 1 });
    // Study A's plan is half gone (364 of 729 days); study B's is over.
    expect(node(hub, "HQ").expected).toBeCloseTo(16 * (364 / 729) + 10, 6);
  });

  it("counts everything before the end when the period has no start", async () => {
    const d = await view(admin(), { from: undefined });
    expect(node(d, "HQ").enrolled).toBe(7);
    expect(node(d, "HQ").screened).toBe(10);
    expect(node(d, "HQ").specimens).toBe(4);
    expect(node(d, "HQ").aes).toBe(4);
  });

  it("names the top screen-failure reasons with the criterion text", async () => {
    const d = await view();
    expect(d.reasons.map((r) => [r.studyCode, r.code, r.n, r.textEn])).toEqual([
      ["HAND-A", "I1", 2, "Aged 18-75"],
      ["HAND-A", "E1", 1, "Prior chemotherapy"],
    ]);
  });

  it("lists dormant and lagging sites", async () => {
    const d = await view();
    const flags = d.flagged.rows.map((r) => `${r.studyCode}@${r.centreCode}:${r.dormant ? "D" : ""}${r.lagging ? "L" : ""}`).sort();
    expect(flags).toEqual(["HAND-A@G1:D", "HAND-A@R3:DL", "HAND-B@G1:L", "HAND-B@S2:DL"]);
    expect(d.flagged.total).toBe(4);
  });
});

describe("rollup equality", () => {
  it("each node's figure is its own centre's row plus its children's rows, and the own row is what its site staff see", async () => {
    for (const code of ["HQ", "S1", "R1", "S2"]) {
      for (const extra of [{}, { study: "HAND-A" }, { from: undefined }]) {
        const d = await view(admin(), { centre: code, ...extra });
        const parent = node(d, code);
        const own = d.own;
        if (!own) throw new Error(`no own row for ${code}`);
        expect(own.code).toBe(code);
        // Site staff see a study only where their own centre has a site of it: compare without one.
        const staff = extra.study ? null : node(await view(handActor(net, "x", "site_staff", code), extra), code);
        const children = d.nodes.filter((n) => n.parentId === parent.id);
        for (const key of COUNT_KEYS) {
          const sum = children.reduce((a, c) => a + c[key], own[key]);
          expect({ code, key, value: parent[key] }).toEqual({ code, key, value: key === "expected" ? expect.closeTo(sum, 6) : sum });
          if (staff) expect({ code, key, own: own[key] }).toEqual({ code, key, own: key === "expected" ? expect.closeTo(staff[key], 6) : staff[key] });
        }
      }
    }
  });

  it("gives R1 itself the enrolments of its own sites only", async () => {
    const d = await view(admin(), { centre: "R1" });
    expect(d.own?.enrolled).toBe(2);
    expect(node(d, "R1").enrolled).toBe(4);
    expect(node(d, "G1").enrolled + node(d, "G2").enrolled).toBe(2);
    // A hospital without children has no own row (nothing to reconcile).
    expect((await view(admin(), { centre: "G1" })).own).toBeNull();
  });
});

describe("scope", () => {
  it("gives a coordinator their subtree and nothing outside it", async () => {
    const coord = handActor(net, "coordS1", "centre_coordinator", "S1");
    const d = await view(coord);
    expect(d.crumbs.map((c) => c.code)).toEqual(["S1"]);
    expect(d.nodes.map((n) => n.code).sort()).toEqual(["G1", "G2", "R1", "R2", "S1"]);
    expect(node(d, "S1").enrolled).toBe(4);
    expect(await getDashboard(coord, { ...PERIOD, centre: "S2" }, h.db)).toBeNull();
    expect(await getDashboard(coord, { ...PERIOD, centre: "HQ" }, h.db)).toBeNull();
    expect(node(await view(coord, { centre: "R1" }), "R1").enrolled).toBe(4);
  });

  it("gives site staff their own site only, not the hospitals below it", async () => {
    const staff = handActor(net, "staffR1", "site_staff", "R1");
    const d = await view(staff);
    expect(d.nodes.map((n) => n.code)).toEqual(["R1"]);
    expect(node(d, "R1").enrolled).toBe(2);
    expect(node(d, "R1").enrolledToDate).toBe(3);
    expect(await getDashboard(staff, { ...PERIOD, centre: "G1" }, h.db)).toBeNull();
  });

  it("gives a PI their studies across the network, and a monitor theirs", async () => {
    const pi = handActor(net, "piA", "pi", "HQ");
    const d = await view(pi);
    expect(node(d, "HQ").enrolled).toBe(3);
    expect(node(d, "HQ").sites).toBe(4);
    expect(node(d, "S2").enrolled).toBe(0);
    expect(d.studies.rows.map((s) => s.code)).toEqual(["HAND-A"]);
    expect(await getDashboard(pi, { ...PERIOD, study: "HAND-B" }, h.db)).toBeNull();
    const monitor = handActor(net, "monitorB", "monitor", "HQ");
    expect(node(await view(monitor), "HQ").enrolled).toBe(2);
  });

  it("narrows to one study and draws its accrual", async () => {
    const d = await view(admin(), { study: "HAND-A" });
    expect(node(d, "HQ").enrolled).toBe(3);
    expect(d.accrual?.plan).toEqual({ start: "2025-01-01", end: "2026-12-31", target: 20 });
    const pts = d.accrual!.points;
    expect(pts[0]).toEqual({ month: "2025-01", enrolled: 0, cumulative: 0 });
    expect(pts.at(-1)).toEqual({ month: "2025-12", enrolled: 0, cumulative: 5 });
    expect(pts.find((p) => p.month === "2025-08")).toEqual({ month: "2025-08", enrolled: 1, cumulative: 3 });
  });

  it("gives nothing to an actor whose role may not read dashboards (an unknown role fails closed)", async () => {
    const stranger = handActor(net, "stranger", "intruder" as Actor["role"], "HQ");
    expect(await getDashboard(stranger, PERIOD, h.db)).toBeNull();
    expect(await getDashboard(stranger, { ...PERIOD, centre: "HQ", study: "HAND-A" }, h.db)).toBeNull();
  });

  it("gives viewers the same aggregates and no participant-level row", async () => {
    const viewer = handActor(net, "viewer", "viewer", "HQ");
    const d = await view(viewer, { study: "HAND-A" });
    expect(node(d, "HQ").enrolled).toBe(3);
    const json = JSON.stringify(d);
    expect(json).not.toMatch(/HAND-[AB]-[A-Z0-9]+-\d{4}/); // no subject code
    expect(json).not.toMatch(/subject|national|yearOfBirth/i);
  });
});

describe("unclosed queries: the dashboard's count and word are the query list's", () => {
  it("counts open and answered queries, as the query list's per-site counts do, and the same oldest age", async () => {
    const d = await view(admin(), { from: undefined });
    const bySite = await openQueriesBySite(admin(), "");
    const hub = node(d, "HQ");
    expect(hub.unclosedQueries).toBe(bySite.reduce((a, r) => a + r.count, 0));
    expect(hub.unclosedQueries).toBe(hub.openQueries + hub.answeredQueries);
    expect(hub.oldestUnclosedQueryDays).toBe(Math.max(...bySite.map((r) => r.oldestDays)));
    // Per site: the centre's own row (its own participants), as the list counts them.
    for (const r of bySite) {
      const own = (await view(admin(), { from: undefined, centre: r.centreCode })).own ?? node(await view(admin(), { from: undefined, centre: r.centreCode }), r.centreCode);
      expect({ code: r.centreCode, n: own.unclosedQueries }).toEqual({ code: r.centreCode, n: r.count });
    }
  });

  it("names the figure with the query list's word in both languages, and its parts with the query statuses", () => {
    for (const [locale, word] of [["en", "Unclosed"], ["zh-CN", "未关闭"]] as const) {
      const m = messages[locale] as unknown as {
        dashboard: { figures: Record<string, string> };
        followup: { queries: Record<string, string>; queryStatus: Record<string, string> };
      };
      expect(m.followup.queries.openBySite).toContain(word);
      expect(m.dashboard.figures.unclosedQueries).toContain(word);
      expect(m.dashboard.figures.oldestUnclosedQueryDays.toLowerCase()).toContain(word.toLowerCase());
      expect(m.dashboard.figures.openQueries).toContain(m.followup.queryStatus.open);
      expect(m.dashboard.figures.answeredQueries).toContain(m.followup.queryStatus.answered);
      expect(m.dashboard.figures.unclosedBreakdown.toLowerCase()).toContain(m.followup.queryStatus.open.toLowerCase());
    }
  });
});

