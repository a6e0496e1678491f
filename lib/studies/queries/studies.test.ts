import { beforeAll, describe, expect, it } from "vitest";
import { seedStudies } from "@/seed/studies";
import { DEMO_STUDIES } from "@/seed/studies-data";
import { loadActorBySession } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/authz/actor";
import { setupTestDb } from "@/lib/testing/db";
import { seedBase } from "@/lib/testing/fixtures";
import { signInAs } from "@/lib/testing/session";
import { listStudyHistory } from "@/lib/history/queries/study-history";
import { parseStudyFilters } from "@/lib/studies/filters";
import { listStudySites } from "@/lib/studies/queries/sites";
import { getStudyPage, listStudies } from "@/lib/studies/queries/studies";

const h = await setupTestDb();
let fx: Awaited<ReturnType<typeof seedBase>>;

async function actor(email: string): Promise<Actor> {
  const { sessionId } = await signInAs(h.db, email);
  const a = await loadActorBySession(h.db, sessionId);
  if (!a) throw new Error("no actor");
  return a;
}

async function visibleCodes(a: Actor): Promise<string[]> {
  const page = await listStudies(a, parseStudyFilters({}, 1), 100);
  return page.rows.map((r) => r.code).sort();
}

const all = DEMO_STUDIES.map((s) => s.code).sort();
const led = (email: string) => DEMO_STUDIES.filter((s) => s.pi === email || s.team?.some((t) => t[0] === email)).map((s) => s.code);
const withSite = (pred: (centre: string) => boolean) => DEMO_STUDIES.filter((s) => s.sites.some(([c]) => pred(c))).map((s) => s.code);
const uniq = (xs: string[]) => [...new Set(xs)].sort();

beforeAll(async () => {
  fx = await seedBase(h.db);
  await seedStudies(h.db);
});

describe("who sees which study", () => {
  it("network admins and viewers see every study", async () => {
    expect(await visibleCodes(await actor("admin@ncrc.demo"))).toEqual(all);
    expect(await visibleCodes(await actor("viewer@ncrc.demo"))).toEqual(all);
    expect(all.length).toBe(12);
  });

  it("a PI sees the studies they lead or are on the team of, and nothing else", async () => {
    const codes = await visibleCodes(await actor("pi@ncrc.demo"));
    expect(codes).toEqual(uniq(led("pi@ncrc.demo")));
    expect(codes).not.toContain("BC-HR-101");
    expect(await getStudyPage(await actor("pi@ncrc.demo"), "BC-HR-101")).toBeNull();
  });

  it("the monitor sees the studies whose team they are on", async () => {
    const codes = await visibleCodes(await actor("monitor@ncrc.demo"));
    expect(codes).toEqual(uniq(led("monitor@ncrc.demo")));
    expect(codes.length).toBeGreaterThanOrEqual(2);
  });

  it("site staff see the studies in which their own centre takes part", async () => {
    expect(await visibleCodes(await actor("staff.rc1@ncrc.demo"))).toEqual(uniq(withSite((c) => c === "R01")));
    expect(await visibleCodes(await actor("staff.gh1@ncrc.demo"))).toEqual(uniq(withSite((c) => c === "R01G1")));
    const rc20 = await actor("staff.rc20@ncrc.demo");
    expect(await visibleCodes(rc20)).toEqual(uniq(withSite((c) => c === "R20")));
    expect(await getStudyPage(rc20, "EC-SCR-02")).toBeNull();
    expect(await getStudyPage(rc20, "LC-203")).not.toBeNull();
  });

  it("coordinators see studies with a site in their subtree", async () => {
    expect(await visibleCodes(await actor("coord.rc1@ncrc.demo"))).toEqual(uniq(withSite((c) => c === "R01" || c.startsWith("R01G"))));
    const sc1 = uniq(withSite((c) => c === "SC01" || /^R(0[1-9]|10)(G\d+)?$/.test(c)));
    expect(await visibleCodes(await actor("coord.sc1@ncrc.demo"))).toEqual(sc1);
  });

  it("a biobank manager outside every study team sees none", async () => {
    expect(await visibleCodes(await actor("biobank@ncrc.demo"))).toEqual([]);
  });

  it("reads of sites and history are scoped too (a crafted study id returns nothing)", async () => {
    const admin = await actor("admin@ncrc.demo");
    const ec = await getStudyPage(admin, "EC-SCR-02");
    expect(ec).not.toBeNull();
    const rc20 = await actor("staff.rc20@ncrc.demo");
    expect(await listStudySites(rc20, ec!.id)).toEqual([]);
    expect((await listStudyHistory(rc20, ec!.id, 1)).rows).toEqual([]);
    expect((await listStudySites(admin, ec!.id)).length).toBe(5);
    expect((await listStudyHistory(admin, ec!.id, 1)).rows.map((r) => r.action)).toEqual(["study.status.changed", "study.created"]);
  });

  it("filters by status, area and search text on the server", async () => {
    const admin = await actor("admin@ncrc.demo");
    const rec = await listStudies(admin, parseStudyFilters({ status: "recruiting" }, 1), 100);
    expect(rec.rows.map((r) => r.code).sort()).toEqual(DEMO_STUDIES.filter((s) => s.status === "recruiting").map((s) => s.code).sort());
    const q = await listStudies(admin, parseStudyFilters({ q: "gastric" }, 1), 100);
    expect(q.rows.map((r) => r.code)).toEqual(["GC-IO-301"]);
    const paged = await listStudies(admin, parseStudyFilters({}, 2), 5);
    expect([paged.total, paged.pages, paged.rows.length]).toEqual([12, 3, 5]);
    expect(fx.org("R01").code).toBe("R01");
  });
});
