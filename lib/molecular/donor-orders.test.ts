import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { createDonorCommand } from "@/lib/biobank/commands/create-donor";
import { registerSpecimenCommand } from "@/lib/biobank/commands/register-specimen";
import { donorScope } from "@/lib/biobank/scope";
import { screenCommand } from "@/lib/enrolment/commands/screen";
import { getDashboardMolecular } from "@/lib/metrics/queries/dashboard";
import { inviteToScreeningCommand } from "@/lib/molecular/commands/invite-to-screening";
import { orderTestCommand } from "@/lib/molecular/commands/order-test";
import { setBiomarkerCriteriaCommand } from "@/lib/molecular/commands/set-biomarker-criteria";
import { announceDueStudies } from "@/lib/molecular/match-notices";
import { getInvitation } from "@/lib/molecular/queries/invitations";
import { siteMatches, studyMatches } from "@/lib/molecular/queries/matches";
import { listOrders, orderReport } from "@/lib/molecular/queries/orders";
import { specimenForOrder } from "@/lib/molecular/queries/ordering";
import { donorRowScope } from "@/lib/molecular/scope";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { setupTestDb } from "@/lib/testing/db";
import { refusedNothingWrittenBy, reportedOrder, RESULT_HEAD as HEAD, signedInActor, tsv as T } from "@/lib/testing/molecular";
import { insertTestParticipant } from "@/lib/testing/participants";
import { expectOk } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { createTestStudy } from "@/lib/testing/study-builder";
import { networkToday } from "@/lib/time/network-day";

/*
 * Biobank donors in molecular diagnostics: a test ordered on a donor's specimen, who sees it, the
 * donor matched to recruiting biomarker studies beside participants, invited to screening, the
 * screening recorded from the invitation (and counted by the dashboard's funnel), and the sites
 * told of new matches once.
 */
const h = await setupTestDb();
const TABLES = ["molecular_orders", "screening_invitations", "screenings", "notifications", "biomarker_match_notices", "audit_events"];
const counts = () => countRows(h.db, TABLES);
const refusedNothingWritten = refusedNothingWrittenBy(counts);
const actorOf = (email: string) => signedInActor(h.db, email);

const GH1 = "staff.gh1@ncrc.demo"; // site staff at R01G1 (under R01)
const RC1 = "staff.rc1@ncrc.demo"; // site staff at R01
const RC20 = "staff.rc20@ncrc.demo"; // site staff at R20 (outside R01)
const COORD = "coord.rc1@ncrc.demo";
const ADMIN = "admin@ncrc.demo";
const PI = "pi@ncrc.demo";
const OUTSIDERS = ["viewer@ncrc.demo", "monitor@ncrc.demo", PI, "lab@ncrc.demo"];
const L858R = T("EGFR", "NM_005228.5", "c.2573T>G", "p.L858R", "snv", "0.31", "700", "Tier I");
const BRCA1 = T("BRCA1", "NM_007294.4", "c.68_69del", "p.E23Vfs*17", "deletion", "0.5", "300", "Pathogenic");
const AMEND = { amendmentDate: networkToday(), amendmentReason: "Biomarker cohort" };

const row = (o: Record<string, string>) => ({ gene: "", partnerGene: "", variantTypes: "", hgvsP: "", maxTier: "", minGermlineClass: "", minVafPct: "", minValue: "", her2Rule: "", ...o });
function criteriaInput(studyId: number, rows: Record<string, string>[]) {
  const full = rows.map(row);
  const col = (k: string) => full.map((r) => r[k as keyof typeof r]);
  return { studyId, ...Object.fromEntries(["kind", "gene", "partnerGene", "variantTypes", "hgvsP", "maxTier", "minGermlineClass", "minVafPct", "minValue", "her2Rule"].map((k) => [k, col(k)])), ...AMEND };
}
const EGFR_CRITERIA = [{ kind: "specific_variant", gene: "EGFR", hgvsP: "p.L858R" }];
const BRCA_CRITERIA = [{ kind: "gene_variant", gene: "BRCA1", minGermlineClass: "likely_pathogenic" }];

let labCentreId = 0;
const donor = new Map<string, number>();
const specimen = new Map<string, number>();
const order = new Map<string, number>();
let lung = { id: 0, siteAtGh1: 0 };
let breast = 0;

async function donorWithSpecimen(staff: string, code: string) {
  donor.set(code, expectOk(await runCommand(staff, createDonorCommand, { donorCode: code, futureConsent: "yes", consentDate: "2025-11-01" })).id);
  specimen.set(code, expectOk(await runCommand(staff, registerSpecimenCommand, { type: "ffpe_block", ownerKind: "donor", donorCode: code, collectedAt: "2026-01-05T08:30", quantity: 1 })).id);
}

const notices = (kind = "biomarker_matches") =>
  queryRows<{ email: string; studyCode: string; count: number; codes: string }>(
    h.db,
    sql`select u.email, n.params->>'studyCode' as "studyCode", (n.params->>'count')::int as count, n.params->>'codes' as codes
        from notifications n join users u on u.id = n.user_id where n.kind = ${kind} order by n.id`,
  );

beforeAll(async () => {
  await seedBase(h.db);
  labCentreId = (await queryRows<{ id: number }>(h.db, sql`select id from organisations where code = 'TJ01'`))[0].id;
  await donorWithSpecimen(GH1, "D-GH1-0001");
  await donorWithSpecimen(GH1, "D-GH1-0002");
  await donorWithSpecimen(GH1, "D-GH1-0003");
  await donorWithSpecimen(RC20, "D-R20-0001");
  // The lung trial screens at R01G1 and R01; the breast trial only at R01 (the nearest site for R01G1, same city).
  const l = await createTestStudy(h.db, { code: "DN-401", design: "observational", sites: [["R01G1", 20], ["R01", 20]] });
  const gh1 = (await queryRows<{ id: number }>(h.db, sql`select id from organisations where code = 'R01G1'`))[0].id;
  lung = { id: l.study.id, siteAtGh1: l.sites.find((s) => s.centreId === gh1)!.id };
  breast = (await createTestStudy(h.db, { code: "DN-402", design: "observational", sites: [["R01", 20]] })).study.id;
  const ordered = (code: string, orderer: string, lines: string[], origin: "somatic" | "germline" = "somatic") =>
    reportedOrder({ orderer, specimenId: specimen.get(code)!, labCentreId, origin, lines });
  order.set("D-GH1-0001", await ordered("D-GH1-0001", GH1, [HEAD, L858R]));
  order.set("D-GH1-0002", await ordered("D-GH1-0002", GH1, [HEAD, BRCA1], "germline"));
  order.set("D-R20-0001", await ordered("D-R20-0001", RC20, [HEAD, L858R]));
});

describe("a test on a biobank donor's specimen", () => {
  it("is ordered by the donor's own centre: the order is the donor's, with no study", async () => {
    const [o] = await queryRows<{ participant_id: number | null; donor_id: number; study_id: number | null; status: string }>(
      h.db,
      sql`select participant_id, donor_id, study_id, status from molecular_orders where id = ${order.get("D-GH1-0001")!}`,
    );
    expect(o).toEqual({ participant_id: null, donor_id: donor.get("D-GH1-0001"), study_id: null, status: "reported" });
    const s = await specimenForOrder(await actorOf(GH1), (await queryRows<{ barcode: string }>(h.db, sql`select barcode from specimens where id = ${specimen.get("D-GH1-0003")!}`))[0].barcode, h.db);
    expect(s).toMatchObject({ owner: "donor", code: "D-GH1-0003", studyCode: null });
  });
  it("another centre's staff, the PI, a viewer, a coordinator: refused, nothing written", async () => {
    const input = { specimenId: specimen.get("D-GH1-0003"), labCentreId, testKind: "ngs_panel", origin: "somatic" };
    await refusedNothingWritten(() => runCommand(RC20, orderTestCommand, input), "specimenId");
    await refusedNothingWritten(() => runCommand(PI, orderTestCommand, input), "specimenId");
    for (const who of ["viewer@ncrc.demo", COORD]) await refusedNothingWritten(() => runCommand(who, orderTestCommand, input));
  });
  it("reads: the donor's centre and the coordinators and admins above it; not another site, the viewer, a monitor, a PI; the lab its own orders", async () => {
    const seen = async (email: string) => (await listOrders(await actorOf(email), h.db)).map((r) => `${r.owner}:${r.code}`).sort();
    expect(await seen(GH1)).toEqual(["donor:D-GH1-0001", "donor:D-GH1-0002"]);
    expect(await seen(RC20)).toEqual(["donor:D-R20-0001"]);
    expect(await seen(COORD)).toEqual(["donor:D-GH1-0001", "donor:D-GH1-0002"]);
    expect(await seen(ADMIN)).toEqual(["donor:D-GH1-0001", "donor:D-GH1-0002", "donor:D-R20-0001"]);
    expect(await seen("lab@ncrc.demo")).toEqual(["donor:D-GH1-0001", "donor:D-GH1-0002", "donor:D-R20-0001"]);
    for (const email of ["viewer@ncrc.demo", "monitor@ncrc.demo", PI]) expect({ email, rows: await seen(email) }).toEqual({ email, rows: [] });
    expect(await orderReport(await actorOf(RC20), order.get("D-GH1-0001")!, h.db)).toBeNull();
    expect(await orderReport(await actorOf("monitor@ncrc.demo"), order.get("D-GH1-0001")!, h.db)).toBeNull();
  });
  it("germline results show only to the donor's own site and the ordering investigator", async () => {
    const report = async (email: string) => orderReport(await actorOf(email), order.get("D-GH1-0002")!, h.db);
    const own = await report(GH1);
    expect([own?.resultsVisible, own?.hereditaryRisk, own?.variants.map((v) => v.gene)]).toEqual([true, true, ["BRCA1"]]);
    for (const email of [COORD, ADMIN, "lab@ncrc.demo"]) {
      const r = await report(email);
      expect({ email, visible: r?.resultsVisible, flag: r?.hereditaryRisk, variants: r?.variants.length }).toEqual({ email, visible: false, flag: false, variants: 0 });
    }
  });
  it("whose donors: the biobank's donor scope, for every role that reads orders", async () => {
    const ids = async (cond: ReturnType<typeof sql>) => (await queryRows<{ id: number }>(h.db, sql`select d.id from donors d where ${cond} order by d.id`)).map((r) => r.id);
    for (const email of [ADMIN, COORD, GH1, RC20, "biobank@ncrc.demo"]) {
      const a = await actorOf(email);
      const biobank = await ids(donorScope(a, sql`d.centre_id`));
      expect({ email, ids: await ids(donorRowScope(a)) }).toEqual({ email, ids: biobank });
    }
    for (const email of OUTSIDERS) expect({ email, ids: await ids(donorRowScope(await actorOf(email))) }).toEqual({ email, ids: [] });
  });
});

describe("new matches notify the site", () => {
  it("setting a recruiting study's criteria tells each site with matches once, naming the donors by code", async () => {
    const before = await counts();
    const r = expectOk(await runCommand(PI, setBiomarkerCriteriaCommand, criteriaInput(lung.id, EGFR_CRITERIA)));
    expect(r.notified).toBe(2);
    expect((await notices()).map((n) => [n.email, n.studyCode, n.count, n.codes])).toEqual([
      [GH1, "DN-401", 1, "D-GH1-0001"],
      [RC20, "DN-401", 1, "D-R20-0001"],
    ]);
    // A germline criterion: the matches are read with the system's eyes, the notice goes to the donor's own site only.
    expectOk(await runCommand(PI, setBiomarkerCriteriaCommand, criteriaInput(breast, BRCA_CRITERIA)));
    expect((await notices()).slice(2).map((n) => [n.email, n.studyCode, n.codes])).toEqual([[GH1, "DN-402", "D-GH1-0002"]]);
    expect((await counts()).biomarker_match_notices - before.biomarker_match_notices).toBe(3);
  });
  it("never again for the same matches: an amendment with the same matches writes no notice", async () => {
    const before = await notices();
    const r = expectOk(await runCommand(PI, setBiomarkerCriteriaCommand, criteriaInput(lung.id, [...EGFR_CRITERIA, { kind: "tmb", minValue: "30" }])));
    expect(r.notified).toBe(0);
    expect(await notices()).toEqual(before);
  });
  it("a new match (a donor's new report) is a new notice of that match only; the sweep finds nothing left", async () => {
    const before = (await notices()).length;
    order.set("D-GH1-0003", await reportedOrder({ orderer: GH1, specimenId: specimen.get("D-GH1-0003")!, labCentreId, lines: [HEAD, L858R] }));
    const after = await notices();
    expect(after.slice(before).map((n) => [n.email, n.studyCode, n.count, n.codes])).toEqual([[GH1, "DN-401", 1, "D-GH1-0003"]]);
    expect(await announceDueStudies(h.db)).toBe(0);
    expect(await notices()).toEqual(after);
  });
  it("a study that starts recruiting with criteria is announced by the sweep, once", async () => {
    const { study, pv } = await createTestStudy(h.db, { code: "DN-403", status: "draft", design: "observational", sites: [["R20", 10]] });
    await h.db.execute(sql`insert into biomarker_criteria (protocol_version_id, ordinal, code, kind, gene, hgvs_p) values (${pv.id}, 1, 'B1', 'specific_variant', 'EGFR', 'p.Leu858Arg')`);
    expect(await announceDueStudies(h.db)).toBe(0);
    await h.db.execute(sql`update studies set status = 'recruiting' where id = ${study.id}`);
    const before = (await notices()).length;
    expect(await announceDueStudies(h.db)).toBe(2);
    expect((await notices()).slice(before).map((n) => [n.email, n.studyCode, n.count, n.codes])).toEqual([
      [GH1, "DN-403", 2, "D-GH1-0001, D-GH1-0003"],
      [RC20, "DN-403", 1, "D-R20-0001"],
    ]);
    expect(await announceDueStudies(h.db)).toBe(0);
    await h.db.execute(sql`update studies set status = 'suspended' where id = ${study.id}`);
  });
});

describe("donors are matched beside participants", () => {
  it("a site sees its donors matching open trials by donor code, with the nearest participating site", async () => {
    const rows = await siteMatches(await actorOf(GH1), h.db);
    expect(rows.map((m) => [m.owner, m.code, m.studyCode, m.siteCentreCode, m.nearness])).toEqual([
      ["donor", "D-GH1-0001", "DN-401", "R01G1", "own"],
      ["donor", "D-GH1-0003", "DN-401", "R01G1", "own"],
      ["donor", "D-GH1-0002", "DN-402", "R01", "city"],
    ]);
    expect(rows[0].evidence[0]).toMatchObject({ code: "B1", gene: "EGFR", hgvsP: "p.Leu858Arg", vaf: 0.31 });
    expect(JSON.stringify(rows)).not.toMatch(/national|hash|name":/i);
  });
  it("another site's staff, the viewer, a monitor outside the study, the PI and the lab get no donor rows; germline matches only to the own site", async () => {
    expect((await siteMatches(await actorOf(RC20), h.db)).map((m) => m.code)).toEqual(["D-R20-0001"]);
    for (const email of OUTSIDERS) {
      const a = await actorOf(email);
      expect({ email, site: await siteMatches(a, h.db), study: await studyMatches(a, lung.id, h.db) }).toEqual({ email, site: [], study: [] });
    }
    for (const email of [COORD, ADMIN]) {
      const codes = (await siteMatches(await actorOf(email), h.db)).map((m) => `${m.code} ${m.studyCode}`);
      expect({ email, germline: codes.filter((c) => c.includes("DN-402")) }).toEqual({ email, germline: [] });
    }
    const groups = await studyMatches(await actorOf(ADMIN), lung.id, h.db);
    expect(groups.map((g) => [g.centreCode, g.matches.map((m) => m.code)])).toEqual([
      ["R01G1", ["D-GH1-0001", "D-GH1-0003"]],
      ["R20", ["D-R20-0001"]],
    ]);
  });
});

describe("invitation to screening → the screening recorded from it", () => {
  let invited = 0;
  const inv = (who: string, input: Record<string, unknown>) => runCommand(who, inviteToScreeningCommand, input);
  const screen = (who: string, invitationId: unknown, studyId = lung.id, siteId = lung.siteAtGh1) =>
    runCommand(who, screenCommand, { studyId, siteId, screenedOn: networkToday(), codes: ["I1", "I2", "E1"], answers: ["yes", "yes", "no"], invitationId });

  it("the donor's own site invites; the screening form of its own site opens; the match stays listed with the invitation", async () => {
    const r = expectOk(await inv(GH1, { donorId: donor.get("D-GH1-0001"), studyId: lung.id, requestKey: "invite-donor-00000001" }));
    expect(r).toMatchObject({ code: "D-GH1-0001", studyCode: "DN-401", siteCentreCode: "R01G1", atOwnSite: true });
    invited = r.id;
    const [row] = await queryRows<{ participant_id: number | null; donor_id: number; criterion_codes: string[] }>(h.db, sql`select participant_id, donor_id, criterion_codes from screening_invitations where id = ${invited}`);
    expect(row).toEqual({ participant_id: null, donor_id: donor.get("D-GH1-0001"), criterion_codes: ["B1"] });
    const m = (await siteMatches(await actorOf(GH1), h.db)).find((x) => x.code === "D-GH1-0001" && x.studyCode === "DN-401");
    expect(m?.invitation).toEqual({ id: invited, invitedOn: networkToday() });
    // The screening page's card: the donor by code and the evidence; another site sees nothing.
    expect(await getInvitation(await actorOf(GH1), invited, h.db)).toMatchObject({ owner: "donor", code: "D-GH1-0001", studyCode: "DN-401", screeningId: null, evidence: [expect.objectContaining({ gene: "EGFR", hgvsP: "p.Leu858Arg" })] });
    for (const email of [RC20, "viewer@ncrc.demo", "monitor@ncrc.demo"]) expect(await getInvitation(await actorOf(email), invited, h.db)).toBeNull();
  });
  it("both or neither of participant and donor, another centre's donor, twice, a viewer: refused, nothing written", async () => {
    await refusedNothingWritten(() => inv(GH1, { donorId: donor.get("D-GH1-0003"), participantId: 1, studyId: lung.id }), "participantId");
    await refusedNothingWritten(() => inv(GH1, { studyId: lung.id }), "participantId");
    await refusedNothingWritten(() => inv(GH1, { donorId: "x", studyId: lung.id }), "donorId");
    await refusedNothingWritten(() => inv(RC20, { donorId: donor.get("D-GH1-0003"), studyId: lung.id }));
    await refusedNothingWritten(() => inv(GH1, { donorId: donor.get("D-GH1-0001"), studyId: lung.id }));
    await refusedNothingWritten(() => inv("viewer@ncrc.demo", { donorId: donor.get("D-GH1-0003"), studyId: lung.id }));
  });
  it("a screening with an unknown, foreign or malformed invitation, or at another site: refused, nothing written", async () => {
    await refusedNothingWritten(() => screen(GH1, 999_999), "invitationId");
    await refusedNothingWritten(() => screen(GH1, "x"), "invitationId");
    await refusedNothingWritten(() => screen(GH1, [invited]), "invitationId");
    const other = (await createTestStudy(h.db, { code: "DN-404", design: "observational", sites: [["R01G1", 10]] })).sites[0];
    await refusedNothingWritten(() => screen(GH1, invited, other.studyId, other.id), "invitationId");
    await refusedNothingWritten(() => screen(RC20, invited));
  });
  it("the site screens from the invitation: linked once, the match leaves the list, the funnel counts it through the link", async () => {
    const r = expectOk(await screen(GH1, invited));
    const [sc] = await queryRows<{ invitation_id: number }>(h.db, sql`select invitation_id from screenings where id = ${r.id}`);
    expect(sc.invitation_id).toBe(invited);
    expect((await getInvitation(await actorOf(GH1), invited, h.db))?.screeningId).toBe(r.id);
    expect((await siteMatches(await actorOf(GH1), h.db)).map((m) => `${m.code} ${m.studyCode}`)).toEqual(["D-GH1-0003 DN-401", "D-GH1-0002 DN-402"]);
    await refusedNothingWritten(() => screen(GH1, invited), "invitationId");

    const funnel = async () => (await getDashboardMolecular(await actorOf(ADMIN), { from: "2026-01-01", to: networkToday() }, h.db))?.funnel.find((f) => f.code === "DN-401");
    // Matched: the two donors not yet invited (D-GH1-0003, D-R20-0001) and the one invited.
    expect(await funnel()).toMatchObject({ matched: 3, invited: 1, screened: 1, enrolled: 0 });
    // Enrolled from that screening (the enrolment's screening row is the one recorded from the invitation).
    const p = await insertTestParticipant(h.db, { id: lung.id, code: "DN-401" }, { centre: "R01G1", seq: 1, enrolledOn: networkToday() });
    await h.db.execute(sql`update participants set screening_id = ${r.id} where id = ${p.id}`);
    expect(await funnel()).toMatchObject({ matched: 3, invited: 1, screened: 1, enrolled: 1 });
    // Site staff of R20 count their own centre's people only.
    const own = (await getDashboardMolecular(await actorOf(RC20), { from: "2026-01-01", to: networkToday() }, h.db))?.funnel.find((f) => f.code === "DN-401");
    expect(own).toMatchObject({ matched: 1, invited: 0, screened: 0, enrolled: 0 });
  });
  it("invited to another centre's site: that site reads the invitation without the germline detail and screens it; the inviting site may not", async () => {
    const r = expectOk(await inv(GH1, { donorId: donor.get("D-GH1-0002"), studyId: breast }));
    expect(r).toMatchObject({ siteCentreCode: "R01", atOwnSite: false });
    expect((await getInvitation(await actorOf(GH1), r.id, h.db))?.evidence[0]).toMatchObject({ gene: "BRCA1", germlineClass: "pathogenic" });
    expect((await getInvitation(await actorOf(RC1), r.id, h.db))?.evidence).toEqual([{ code: "B1", kind: "gene_variant", origin: "germline" }]);
    const site = (await queryRows<{ id: number }>(h.db, sql`select ss.id from study_sites ss join organisations o on o.id = ss.centre_id where ss.study_id = ${breast} and o.code = 'R01'`))[0].id;
    await refusedNothingWritten(() => screen(GH1, r.id, breast, site));
    expectOk(await screen(RC1, r.id, breast, site));
  });
});
