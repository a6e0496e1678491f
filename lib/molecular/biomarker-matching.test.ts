import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { registerSpecimenCommand } from "@/lib/biobank/commands/register-specimen";
import { inviteToScreeningCommand } from "@/lib/molecular/commands/invite-to-screening";
import { setBiomarkerCriteriaCommand } from "@/lib/molecular/commands/set-biomarker-criteria";
import { siteMatches, studyMatches } from "@/lib/molecular/queries/matches";
import { setCriteriaCommand } from "@/lib/studies/commands/set-criteria";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { setupTestDb } from "@/lib/testing/db";
import { refusedNothingWrittenBy, reportedOrder, RESULT_HEAD as HEAD, signedInActor, tsv as T } from "@/lib/testing/molecular";
import { insertTestParticipants } from "@/lib/testing/participants";
import { expectOk } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { createTestStudy } from "@/lib/testing/study-builder";
import { networkToday } from "@/lib/time/network-day";

const h = await setupTestDb();
const TABLES = ["biomarker_criteria", "protocol_versions", "screening_invitations", "notifications", "audit_events"];
const counts = () => countRows(h.db, TABLES);
const LAB = "lab@ncrc.demo";
const GH1 = "staff.gh1@ncrc.demo";
const RC20 = "staff.rc20@ncrc.demo";
const PI = "pi@ncrc.demo";
const L858R = T("EGFR", "NM_005228.5", "c.2573T>G", "p.L858R", "snv", "0.23", "812", "Tier I");

const actorOf = (email: string) => signedInActor(h.db, email);
const refusedNothingWritten = refusedNothingWrittenBy(counts);

/** A reported test on a participant, through the real commands: the site registers and orders, the lab imports and reports. */
async function reportedTest(subjectCode: string, site: string, orderer: string, o: { origin?: "somatic" | "germline"; lines?: string[]; extra?: Record<string, unknown>; testKind?: string }) {
  const specimen = expectOk(await runCommand(site, registerSpecimenCommand, { type: "ffpe_block", ownerKind: "subject", subjectCode, collectedAt: "2026-01-05T08:30", quantity: 1 }));
  const labCentreId = (await queryRows<{ id: number }>(h.db, sql`select id from organisations where code = 'TJ01'`))[0].id;
  const figures = o.testKind === "ihc" ? {} : undefined;
  return reportedOrder({ orderer, specimenId: specimen.id, labCentreId, origin: o.origin, testKind: o.testKind, lines: o.lines ?? [], importExtra: o.extra, figures });
}

const row = (o: Record<string, string>) => ({ gene: "", partnerGene: "", variantTypes: "", hgvsP: "", maxTier: "", minGermlineClass: "", minVafPct: "", minValue: "", her2Rule: "", ...o });
function criteriaInput(studyId: number, rows: Record<string, string>[], extra: Record<string, unknown> = {}) {
  const full = rows.map(row);
  const col = (k: string) => full.map((r) => r[k as keyof typeof r]);
  return { studyId, ...Object.fromEntries(["kind", "gene", "partnerGene", "variantTypes", "hgvsP", "maxTier", "minGermlineClass", "minVafPct", "minValue", "her2Rule"].map((k) => [k, col(k)])), ...extra };
}
const AMEND = { amendmentDate: networkToday(), amendmentReason: "Biomarker cohort added" };

const ids = new Map<string, number>();
let lung = 0;
let breast = 0;
beforeAll(async () => {
  await seedBase(h.db);
  for (const [code, id] of await insertTestParticipants(h.db, ["MT-101-R01G1-0001", "MT-101-R01G1-0002", "MT-101-R01G1-0003", "MT-101-R20-0001"])) ids.set(code, id);
  // Two recruiting biomarker trials: the lung trial has no site at R01G1 (nearest: R01, same city), the breast trial has.
  lung = (await createTestStudy(h.db, { code: "LC-301", design: "observational", sites: [["R01", 50], ["R02", 50], ["R03", 50, "pending"]] })).study.id;
  breast = (await createTestStudy(h.db, { code: "BR-302", design: "observational", sites: [["R01G1", 50]] })).study.id;
  expectOk(
    await runCommand(
      PI,
      setBiomarkerCriteriaCommand,
      criteriaInput(lung, [{ kind: "specific_variant", gene: "EGFR", hgvsP: "p.L858R", minVafPct: "5" }, { kind: "tmb", minValue: "20" }], AMEND),
    ),
  );
  expectOk(await runCommand(PI, setBiomarkerCriteriaCommand, criteriaInput(breast, [{ kind: "gene_variant", gene: "BRCA1", minGermlineClass: "likely_pathogenic" }], AMEND)));
  // 0001: EGFR L858R (somatic); 0002: germline BRCA1 only, ordered by the site; 0003: KRAS, TMB 19.9; R20-0001: EGFR L858R.
  await reportedTest("MT-101-R01G1-0001", GH1, GH1, { lines: [HEAD, L858R], extra: { tmb: 8 } });
  await reportedTest("MT-101-R01G1-0002", GH1, GH1, { origin: "germline", lines: [HEAD, T("BRCA1", "NM_007294.4", "c.68_69del", "p.E23Vfs*17", "deletion", "0.5", "300", "Pathogenic")] });
  await reportedTest("MT-101-R01G1-0003", GH1, GH1, { lines: [HEAD, T("KRAS", "NM_004985.5", "c.35G>T", "p.G12V", "snv", "0.3", "500", "Tier I")], extra: { tmb: 19.9 } });
  await reportedTest("MT-101-R20-0001", RC20, RC20, { lines: [HEAD, L858R] });
});

describe("biomarker criteria on the protocol", () => {
  it("the PI edits a draft protocol in place; a recruiting one only by amendment, which makes a new version", async () => {
    const draft = (await createTestStudy(h.db, { code: "GC-303", status: "draft", design: "observational" })).study;
    const before = await counts();
    const r = expectOk(await runCommand(PI, setBiomarkerCriteriaCommand, criteriaInput(draft.id, [{ kind: "her2", her2Rule: "ihc_3plus_or_2plus_ish" }, { kind: "msi_high" }])));
    expect(r).toMatchObject({ version: 1, count: 2 });
    const after = await counts();
    expect(after.biomarker_criteria - before.biomarker_criteria).toBe(2);
    expect(after.protocol_versions).toBe(before.protocol_versions);
    const [ev] = await queryRows<{ action: string }>(h.db, sql`select action from audit_events order by id desc limit 1`);
    expect(ev.action).toBe("study.biomarkerCriteria.updated");

    // The lung trial recruits: its criteria went to version 2, version 1 has none.
    const versions = await queryRows<{ version: number; n: number }>(
      h.db,
      sql`select pv.version, count(bc.id)::int as n from protocol_versions pv left join biomarker_criteria bc on bc.protocol_version_id = pv.id where pv.study_id = ${lung} group by pv.version order by pv.version`,
    );
    expect(versions).toEqual([{ version: 1, n: 0 }, { version: 2, n: 2 }]);
    const [stored] = await queryRows<{ gene: string; hgvs_p: string; min_vaf: string }>(h.db, sql`select gene, hgvs_p, min_vaf from biomarker_criteria bc join protocol_versions pv on pv.id = bc.protocol_version_id where pv.study_id = ${lung} and bc.code = 'B1'`);
    expect(stored).toEqual({ gene: "EGFR", hgvs_p: "p.Leu858Arg", min_vaf: "0.0500" });
  });
  it("a recruiting study's change without an amendment date, bad rows, another role: refused, nothing written", async () => {
    const rows = [{ kind: "tmb", minValue: "10" }];
    await refusedNothingWritten(() => runCommand(PI, setBiomarkerCriteriaCommand, criteriaInput(lung, rows)), "amendmentDate");
    await refusedNothingWritten(() => runCommand(PI, setBiomarkerCriteriaCommand, criteriaInput(lung, [{ kind: "gene_variant", gene: "NOTAGENE", maxTier: "tier_i" }], AMEND)), "_form");
    await refusedNothingWritten(() => runCommand(PI, setBiomarkerCriteriaCommand, criteriaInput(lung, [{ kind: "gene_variant", gene: "EGFR" }], AMEND)), "_form");
    await refusedNothingWritten(() => runCommand(PI, setBiomarkerCriteriaCommand, criteriaInput(lung, [{ kind: "tmb", minValue: "" }], AMEND)), "_form");
    await refusedNothingWritten(() => runCommand(PI, setBiomarkerCriteriaCommand, criteriaInput(lung, [{ kind: "pdl1_tps", minValue: "150" }], AMEND)));
    await refusedNothingWritten(() => runCommand(PI, setBiomarkerCriteriaCommand, { ...criteriaInput(lung, rows, AMEND), gene: ["EGFR", "KRAS"] }));
    for (const who of [GH1, "viewer@ncrc.demo", "monitor@ncrc.demo", LAB]) await refusedNothingWritten(() => runCommand(who, setBiomarkerCriteriaCommand, criteriaInput(lung, rows, AMEND)));
  });
  it("an amendment of another protocol part carries the biomarker criteria to the new version", async () => {
    const study = (await createTestStudy(h.db, { code: "CR-304", status: "draft", design: "observational" })).study;
    expectOk(await runCommand(PI, setBiomarkerCriteriaCommand, criteriaInput(study.id, [{ kind: "fusion", gene: "ALK" }])));
    await h.db.execute(sql`update studies set status = 'recruiting' where id = ${study.id}`);
    expectOk(await runCommand(PI, setCriteriaCommand, { studyId: study.id, kind: ["inclusion"], textZh: ["确诊"], textEn: ["Confirmed"], ...AMEND }));
    const rows = await queryRows<{ version: number; code: string; gene: string }>(
      h.db,
      sql`select pv.version, bc.code, bc.gene from biomarker_criteria bc join protocol_versions pv on pv.id = bc.protocol_version_id where pv.study_id = ${study.id} order by pv.version`,
    );
    expect(rows).toEqual([
      { version: 1, code: "B1", gene: "ALK" },
      { version: 2, code: "B1", gene: "ALK" },
    ]);
  });
});

describe("matches", () => {
  it("a site sees its patients matching open trials, why, and the nearest participating site", async () => {
    const rows = await siteMatches(await actorOf(GH1), h.db);
    expect(rows.map((m) => [m.code, m.studyCode, m.siteCentreCode, m.nearness, m.evidence.map((e) => e.code)])).toEqual([
      ["MT-101-R01G1-0002", "BR-302", "R01G1", "own", ["B1"]],
      ["MT-101-R01G1-0001", "LC-301", "R01", "city", ["B1"]],
    ]);
    expect(rows[1].evidence[0]).toMatchObject({ gene: "EGFR", hgvsP: "p.Leu858Arg", vaf: 0.23, origin: "somatic", somaticTier: "tier_i" });
    expect(rows[0].evidence[0]).toMatchObject({ gene: "BRCA1", origin: "germline", germlineClass: "pathogenic" });
    // Pseudonymous: no name, national ID or its hash in a row.
    expect(JSON.stringify(rows)).not.toMatch(/national|hash|name":/i);
  });
  it("another site's staff, the viewer, a monitor outside the study and the lab get no rows of these patients", async () => {
    expect((await siteMatches(await actorOf(RC20), h.db)).map((m) => m.code)).toEqual(["MT-101-R20-0001"]);
    for (const email of ["viewer@ncrc.demo", "monitor@ncrc.demo", LAB, "biobank@ncrc.demo"]) {
      const a = await actorOf(email);
      expect({ email, site: await siteMatches(a, h.db), study: await studyMatches(a, lung, h.db) }).toEqual({ email, site: [], study: [] });
    }
  });
  it("germline-only matches are hidden from those who may not see germline results", async () => {
    for (const email of ["coord.rc1@ncrc.demo", PI, "admin@ncrc.demo"]) {
      const rows = await siteMatches(await actorOf(email), h.db);
      expect({ email, codes: rows.map((m) => `${m.code} ${m.studyCode}`) }).toEqual({
        email,
        codes: email === "coord.rc1@ncrc.demo" ? ["MT-101-R01G1-0001 LC-301"] : ["MT-101-R01G1-0001 LC-301", "MT-101-R20-0001 LC-301"],
      });
    }
  });
  it("per study: matches across the network by the patients' centre; a pending site is not offered", async () => {
    const groups = await studyMatches(await actorOf("admin@ncrc.demo"), lung, h.db);
    expect(groups.map((g) => [g.centreCode, g.matches.map((m) => `${m.code}@${m.siteCentreCode}`)])).toEqual([
      ["R01G1", ["MT-101-R01G1-0001@R01"]],
      ["R20", [expect.stringMatching(/^MT-101-R20-0001@R0[12]$/)]],
    ]);
  });
  it("a TMB just below the threshold, a study no longer recruiting, or a patient already in the study: no match", async () => {
    await h.db.execute(sql`update studies set status = 'suspended' where id = ${breast}`);
    expect((await siteMatches(await actorOf(GH1), h.db)).map((m) => m.studyCode)).toEqual(["LC-301"]);
    await h.db.execute(sql`update studies set status = 'recruiting' where id = ${breast}`);
    await h.db.execute(sql`update studies set status = 'recruiting' where id = ${lung}`);
    // The R20 patient is enrolled in the lung trial too (same national-ID hash): no longer a match.
    const [p] = await queryRows<{ hash: string }>(h.db, sql`select national_id_hash as hash from participants where subject_code = 'MT-101-R20-0001'`);
    const [inLung] = await insertTestParticipants(h.db, ["LC-301-R02-0001"]).then((m) => [...m.values()]);
    await h.db.execute(sql`update participants set national_id_hash = ${p.hash} where id = ${inLung}`);
    expect(await siteMatches(await actorOf(RC20), h.db)).toEqual([]);
  });
});

describe("notifying the site", () => {
  it("a reported result that matches tells the participant's site staff once per participant and study", async () => {
    const notices = () =>
      queryRows<{ email: string; occurrence: number; params: Record<string, string> }>(
        h.db,
        sql`select u.email, n.occurrence, n.params from notifications n join users u on u.id = n.user_id where n.kind = 'biomarker_match' and n.participant_id = ${ids.get("MT-101-R01G1-0001")!} order by n.id`,
      );
    // The lab reported; the participant's site staff (GH1) were told, other sites (RC1, RC20) were not.
    expect((await notices()).map((n) => [n.email, n.occurrence, n.params.studyCode, n.params.criteria])).toEqual([[GH1, lung, "LC-301", "B1"]]);
    await reportedTest("MT-101-R01G1-0001", GH1, GH1, { lines: [HEAD, L858R] });
    expect((await notices()).length).toBe(1);
    const none = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from notifications where kind = 'biomarker_match' and participant_id = ${ids.get("MT-101-R01G1-0003")!}`);
    expect(none[0].n).toBe(0);
  });
});

describe("inviting to screening", () => {
  const invite = (who: string, subject: string, studyId: number, requestKey?: string) => runCommand(who, inviteToScreeningCommand, { participantId: ids.get(subject), studyId, requestKey });
  it("the own site invites a match once, with the evidence; the same key twice writes once; the match stays listed with its invitation until screened", async () => {
    const before = await counts();
    const key = "invite-key-000000001";
    const a = expectOk(await invite(GH1, "MT-101-R01G1-0001", lung, key));
    const b = expectOk(await invite(GH1, "MT-101-R01G1-0001", lung, key));
    expect(b).toEqual(a);
    // Invited to the nearest site (R01), not the actor's own: the page returns to the list rather than opening the form.
    expect(a).toMatchObject({ code: "MT-101-R01G1-0001", studyCode: "LC-301", siteCentreCode: "R01", atOwnSite: false });
    const after = await counts();
    expect(after.screening_invitations - before.screening_invitations).toBe(1);
    expect(after.audit_events - before.audit_events).toBe(1);
    const [inv] = await queryRows<{ criterion_codes: string[]; evidence: { gene: string; hgvsP: string }[]; protocol_version: number }>(
      h.db,
      sql`select criterion_codes, evidence, protocol_version from screening_invitations where id = ${a.id}`,
    );
    expect(inv).toMatchObject({ criterion_codes: ["B1"], protocol_version: 2, evidence: [expect.objectContaining({ gene: "EGFR", hgvsP: "p.Leu858Arg" })] });
    expect((await siteMatches(await actorOf(GH1), h.db)).map((m) => [m.studyCode, m.invitation?.id ?? null])).toEqual([
      ["BR-302", null],
      ["LC-301", a.id],
    ]);
  });
  it("again with another key, another site, a viewer, a coordinator, a patient without a match, bad input: refused, nothing written", async () => {
    await refusedNothingWritten(() => invite(GH1, "MT-101-R01G1-0001", lung, "invite-key-000000002"));
    await refusedNothingWritten(() => invite(RC20, "MT-101-R01G1-0002", breast));
    await refusedNothingWritten(() => invite("viewer@ncrc.demo", "MT-101-R01G1-0002", breast));
    await refusedNothingWritten(() => invite("coord.rc1@ncrc.demo", "MT-101-R01G1-0002", breast));
    await refusedNothingWritten(() => invite(GH1, "MT-101-R01G1-0003", lung));
    await refusedNothingWritten(() => runCommand(GH1, inviteToScreeningCommand, { participantId: "x", studyId: breast }), "participantId");
    await refusedNothingWritten(() => runCommand(GH1, inviteToScreeningCommand, { participantId: ids.get("MT-101-R01G1-0002"), studyId: breast, requestKey: "short" }), "requestKey");
  });
  it("a germline match is invited by the own site, which sees it; the invitation opens the own site's screening form", async () => {
    const r = expectOk(await invite(GH1, "MT-101-R01G1-0002", breast));
    expect(r).toMatchObject({ siteCentreCode: "R01G1", atOwnSite: true });
    expect((await siteMatches(await actorOf(GH1), h.db)).map((m) => [m.code, m.studyCode, m.invitation?.id ?? null])).toEqual([
      ["MT-101-R01G1-0002", "BR-302", r.id],
      ["MT-101-R01G1-0001", "LC-301", expect.any(Number)],
    ]);
  });
});
