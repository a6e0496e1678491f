import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { loadActorBySession } from "@/lib/auth/sessions";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { setupTestDb } from "@/lib/testing/db";
import { insertTestParticipants } from "@/lib/testing/participants";
import { runCommand, type TestActor } from "@/lib/testing/run-command";
import { parseFilters } from "@/lib/biobank/filters";
import { signInAs } from "@/lib/testing/session";
import { filterCentres, searchSpecimens, specimenCounts } from "@/lib/biobank/queries/search";
import { boxesWithSpace, storageTree } from "@/lib/biobank/queries/storage";
import { locationTextSql } from "@/lib/biobank/location-sql";
import { specimenLocation } from "@/lib/biobank/location";
import { labelsFor, specimenByBarcode } from "@/lib/biobank/queries/specimens";
import { transferDestinations, transferDetail } from "@/lib/biobank/queries/movements";
import { aliquotCommand } from "@/lib/biobank/commands/aliquot";
import { changeStatusCommand } from "@/lib/biobank/commands/change-status";
import { createDonorCommand } from "@/lib/biobank/commands/create-donor";
import { placeSpecimenCommand } from "@/lib/biobank/commands/place-specimen";
import { registerSpecimenCommand } from "@/lib/biobank/commands/register-specimen";
import { createBoxCommand } from "@/lib/biobank/commands/create-box";
import { createFreezerCommand } from "@/lib/biobank/commands/create-freezer";
import { createRackCommand } from "@/lib/biobank/commands/create-rack";
import { createTransferCommand } from "@/lib/biobank/commands/create-transfer";
import { receiveTransferCommand } from "@/lib/biobank/commands/receive-transfer";
import { shipTransferCommand } from "@/lib/biobank/commands/ship-transfer";

// The commands run as whoever signed in last (signIn / actorOf), through the pages' pipeline.
let who: TestActor = "";
const register = (input: unknown) => runCommand(who, registerSpecimenCommand, input);
const donor = (input: unknown) => runCommand(who, createDonorCommand, input);
const freezer = (input: unknown) => runCommand(who, createFreezerCommand, input);
const rack = (input: unknown) => runCommand(who, createRackCommand, input);
const box = (input: unknown) => runCommand(who, createBoxCommand, input);
const place = (input: unknown) => runCommand(who, placeSpecimenCommand, input);
const aliquot = (input: unknown) => runCommand(who, aliquotCommand, input);
const setStatus = (input: unknown) => runCommand(who, changeStatusCommand, input);
const newTransfer = (input: unknown) => runCommand(who, createTransferCommand, input);
const ship = (input: unknown) => runCommand(who, shipTransferCommand, input);
const receive = (input: unknown) => runCommand(who, receiveTransferCommand, input);

const h = await setupTestDb();
const TABLES = ["specimens", "donors", "storage_freezers", "storage_racks", "storage_boxes", "specimen_transfers", "specimen_transfer_items", "custody_events", "audit_events"];
const counts = () => countRows(h.db, TABLES);
const signIn = async (email: string) => {
  const session = await signInAs(h.db, email);
  who = session;
  return session;
};
const actorOf = async (email: string) => {
  const { sessionId } = await signIn(email);
  const a = await loadActorBySession(h.db, sessionId);
  if (!a) throw new Error("no actor");
  return a;
};
// The form sends no consent: it comes from the participant's enrolment record.
const blood = (subjectCode: string, quantity = 3) => ({ type: "whole_blood", ownerKind: "subject", subjectCode, collectedAt: "2026-01-05T08:30", quantity });
function ok<T>(r: { ok: true; data: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(`expected success, got: ${r.message}`);
  return r.data;
}
async function expectRefusedNothingWritten(call: () => Promise<{ ok: boolean; fieldErrors?: Record<string, string[]> }>, field?: string) {
  const before = await counts();
  const r = await call();
  expect(r.ok).toBe(false);
  if (field) expect(Object.keys(r.fieldErrors ?? {})).toContain(field);
  expect(await counts()).toEqual(before);
}

let fx: Awaited<ReturnType<typeof seedBase>>;
let boxId = 0;
beforeAll(async () => {
  fx = await seedBase(h.db);
  await insertTestParticipants(h.db, [
    ...["0001", "0002", "0003", "0009", "0100", "0101", "0300", "0400", "0401"].map((n) => `BC-101-R01G1-${n}`),
    ...["0001", "0002", "0003", "0200"].map((n) => `BC-101-TJ01-${n}`),
  ]);
  await signIn("biobank@ncrc.demo");
  const f = ok(await freezer({ code: "T1", name: "Test freezer", temperatureC: -80 }));
  const r = ok(await rack({ freezerId: f.id, code: "R1" }));
  boxId = ok(await box({ rackId: r.id, code: "B1", rows: 2, cols: 2 })).id;
});

describe("registering specimens", () => {
  it("site staff register at their own centre, with one audit event and a collected custody entry", async () => {
    await signIn("staff.gh1@ncrc.demo");
    const before = await counts();
    const d = ok(await register(blood("BC-101-R01G1-0001")));
    expect(d.barcode).toMatch(/^NB\d{9}$/);
    const after = await counts();
    expect(after.specimens - before.specimens).toBe(1);
    expect(after.audit_events - before.audit_events).toBe(1);
    expect(after.custody_events - before.custody_events).toBe(1);
    const [s] = await queryRows<{ centre_id: number; holder_centre_id: number }>(h.db, sql`select centre_id, holder_centre_id from specimens where barcode = ${d.barcode}`);
    expect(s).toEqual({ centre_id: fx.org("R01G1").id, holder_centre_id: fx.org("R01G1").id });
  });
  it("bad input is a field error and writes nothing", async () => {
    await signIn("staff.gh1@ncrc.demo");
    await expectRefusedNothingWritten(() => register({ ...blood(""), subjectCode: "" }), "subjectCode");
    await expectRefusedNothingWritten(() => register({ ...blood("BC-1"), quantity: -1 }), "quantity");
    await expectRefusedNothingWritten(() => register({ ...blood("BC-101-R01G1-0002"), centreId: 1 }));
  });
  it("viewers and monitors may not register", async () => {
    for (const email of ["viewer@ncrc.demo", "monitor@ncrc.demo", "coord.rc1@ncrc.demo"]) {
      await signIn(email);
      await expectRefusedNothingWritten(() => register(blood("BC-101-R01G1-0003")));
    }
  });
  it("a donor's own consent is used, and only donors of the actor's centre are found", async () => {
    await signIn("staff.gh1@ncrc.demo");
    ok(await donor({ donorCode: "D-GH1-0001", futureConsent: "limited", consentDate: "2025-12-01" }));
    const d = ok(await register({ type: "serum", ownerKind: "donor", donorCode: "d-gh1-0001", collectedAt: "2026-01-05T08:30", quantity: 2 }));
    const [s] = await queryRows<{ future_consent: string }>(h.db, sql`select future_consent from specimens where barcode = ${d.barcode}`);
    expect(s.future_consent).toBe("limited");
    await signIn("staff.rc20@ncrc.demo");
    await expectRefusedNothingWritten(() => register({ type: "serum", ownerKind: "donor", donorCode: "D-GH1-0001", collectedAt: "2026-01-05T08:30", quantity: 2 }), "donorCode");
  });
});

describe("one specimen per position", () => {
  it("a taken position is refused, and the database constraint holds even without the check", async () => {
    await signIn("biobank@ncrc.demo");
    const a = ok(await register(blood("BC-101-TJ01-0001")));
    const b = ok(await register(blood("BC-101-TJ01-0002")));
    ok(await place({ barcode: a.barcode, boxId, row: 1, col: 1 }));
    await expectRefusedNothingWritten(() => place({ barcode: b.barcode, boxId, row: 1, col: 1 }), "row");
    await expectRefusedNothingWritten(() => place({ barcode: b.barcode, boxId, row: 3, col: 1 }), "row");
    await expect(h.db.execute(sql`update specimens set box_id = ${boxId}, pos_row = 1, pos_col = 1 where barcode = ${b.barcode}`)).rejects.toThrow();
    const loc = await specimenByBarcode(await actorOf("biobank@ncrc.demo"), a.barcode, h.db);
    expect(loc?.location).toBe("TJ01 / T1 / R1 / B1 / A1");
  });
  it("another centre's staff cannot use the hub's boxes or racks (crafted ids)", async () => {
    await signIn("staff.gh1@ncrc.demo");
    const mine = ok(await register(blood("BC-101-R01G1-0009")));
    await expectRefusedNothingWritten(() => place({ barcode: mine.barcode, boxId, row: 2, col: 2 }));
    const [f] = await queryRows<{ id: number }>(h.db, sql`select id from storage_freezers where code = 'T1'`);
    await expectRefusedNothingWritten(() => rack({ freezerId: f.id, code: "X9" }));
  });
});

describe("one location string", () => {
  it("the search, the detail page, the label, the transfer and the custody entry show the same location", async () => {
    const bank = await actorOf("biobank@ncrc.demo");
    const s = ok(await register(blood("BC-101-TJ01-0003")));
    const placed = ok(await place({ barcode: s.barcode, boxId, row: 1, col: 2 }));
    const detail = await specimenByBarcode(bank, s.barcode, h.db);
    const search = await searchSpecimens(bank, { barcode: s.barcode }, h.db);
    const [label] = await labelsFor(bank, [s.barcode], h.db);
    const t = ok(await newTransfer({ toCentreId: fx.org("R01G1").id, barcodes: s.barcode }));
    const transfer = await transferDetail(bank, t.id, h.db);
    const [stored] = await queryRows<{ detail: string }>(h.db, sql`select detail from custody_events where specimen_id = ${s.id} and event = 'stored'`);
    const shown = [placed.location, detail?.location, search.rows[0]?.location, label?.location, transfer?.list[0]?.location, stored.detail];
    expect(shown).toEqual(Array(shown.length).fill("TJ01 / T1 / R1 / B1 / A2"));
  });
});

describe("transfers, receipt and aliquots", () => {
  it("ships from the hospital; only the destination receives; then stored and aliquoted with quantities that add up", async () => {
    await signIn("staff.gh1@ncrc.demo");
    const s = ok(await register(blood("BC-101-R01G1-0100", 3)));
    const lost = ok(await register(blood("BC-101-R01G1-0101", 3)));
    const t = ok(await newTransfer({ toCentreId: fx.org("TJ01").id, barcodes: `${s.barcode}\n${lost.barcode}` }));
    ok(await ship({ transferId: t.id }));
    const items = await queryRows<{ id: number; barcode: string }>(h.db, sql`select i.id, s.barcode from specimen_transfer_items i join specimens s on s.id = i.specimen_id where i.transfer_id = ${t.id}`);
    const results = items.map((i) => `${i.id}:${i.barcode === s.barcode ? "received" : "missing"}`);
    for (const email of ["staff.gh1@ncrc.demo", "staff.rc1@ncrc.demo", "coord.rc1@ncrc.demo", "staff.rc20@ncrc.demo"]) {
      await signIn(email);
      await expectRefusedNothingWritten(() => receive({ transferId: t.id, results }));
    }
    await signIn("biobank@ncrc.demo");
    await expectRefusedNothingWritten(() => receive({ transferId: t.id, results: results.slice(0, 1) }), "results");
    expect(ok(await receive({ transferId: t.id, results }))).toMatchObject({ received: 1, missing: 1 });
    const rows = await queryRows<{ barcode: string; status: string; holder_centre_id: number }>(h.db, sql`select barcode, status, holder_centre_id from specimens where barcode in (${s.barcode}, ${lost.barcode}) order by barcode`);
    expect(rows).toEqual([
      { barcode: s.barcode, status: "available", holder_centre_id: fx.org("TJ01").id },
      { barcode: lost.barcode, status: "missing", holder_centre_id: fx.org("R01G1").id },
    ]);
    ok(await place({ barcode: s.barcode, boxId, row: 2, col: 1 }));
    await expectRefusedNothingWritten(() => aliquot({ barcode: s.barcode, childType: "plasma", quantities: [2, 1.5] }), "quantities");
    await expectRefusedNothingWritten(() => aliquot({ barcode: s.barcode, childType: "urine", quantities: [1] }), "childType");
    const a = ok(await aliquot({ barcode: s.barcode, childType: "plasma", quantities: [1, 1.25] }));
    expect(a.children).toHaveLength(2);
    const [sum] = await queryRows<{ parent: string; children: string }>(
      h.db,
      sql`select (select quantity::text from specimens where barcode = ${s.barcode}) as parent,
                 (select sum(quantity)::text from specimens where parent_id = (select id from specimens where barcode = ${s.barcode})) as children`,
    );
    expect(Number(sum.parent) + Number(sum.children)).toBe(3);
    ok(await aliquot({ barcode: s.barcode, childType: "plasma", quantities: [0.75] }));
    const [p] = await queryRows<{ status: string; box_id: number | null }>(h.db, sql`select status, box_id from specimens where barcode = ${s.barcode}`);
    expect(p).toEqual({ status: "depleted", box_id: null });
    // The chain of custody: collected, shipped, received, stored, aliquoted ×2.
    const chain = await queryRows<{ event: string }>(h.db, sql`select event from custody_events where specimen_id = (select id from specimens where barcode = ${s.barcode}) order by id`);
    expect(chain.map((c) => c.event)).toEqual(["collected", "shipped", "received", "stored", "aliquoted", "aliquoted"]);
  });
  it("status moves only along the graph", async () => {
    await signIn("biobank@ncrc.demo");
    const s = ok(await register(blood("BC-101-TJ01-0200")));
    ok(await setStatus({ barcode: s.barcode, status: "destroyed", reason: "tube cracked", confirm: "on" }));
    await expectRefusedNothingWritten(() => setStatus({ barcode: s.barcode, status: "available", reason: "found again" }));
  });
});

describe("scope", () => {
  it("another centre's staff neither see nor move a specimen, even with crafted barcodes", async () => {
    await signIn("staff.gh1@ncrc.demo");
    const s = ok(await register(blood("BC-101-R01G1-0300")));
    const rc20 = await actorOf("staff.rc20@ncrc.demo");
    expect(await specimenByBarcode(rc20, s.barcode, h.db)).toBeNull();
    expect((await searchSpecimens(rc20, { barcode: s.barcode }, h.db)).total).toBe(0);
    // Signed in as staff.rc20 now (actorOf signs in): crafted calls on R01G1's specimen.
    await expectRefusedNothingWritten(() => aliquot({ barcode: s.barcode, childType: "plasma", quantities: [1] }));
    await expectRefusedNothingWritten(() => newTransfer({ toCentreId: fx.org("TJ01").id, barcodes: s.barcode }));
    await expectRefusedNothingWritten(() => place({ barcode: s.barcode, boxId, row: 2, col: 2 }));
    await signIn("biobank@ncrc.demo");
    await expectRefusedNothingWritten(() => setStatus({ barcode: s.barcode, status: "destroyed", reason: "crafted", confirm: "on" }));
    const coord = await actorOf("coord.rc1@ncrc.demo");
    expect((await searchSpecimens(coord, { barcode: s.barcode }, h.db)).total).toBe(1);
    const coord2 = await actorOf("coord.sc1@ncrc.demo");
    expect(await specimenByBarcode(coord2, s.barcode, h.db)).not.toBeNull();
  });
  it("viewers get counts, never rows", async () => {
    const viewer = await actorOf("viewer@ncrc.demo");
    expect((await searchSpecimens(viewer, {}, h.db)).rows).toEqual([]);
    const c = await specimenCounts(viewer, {}, h.db);
    expect(c.total).toBeGreaterThan(5);
    expect(c.byCentre.map((x) => x.code)).toEqual(expect.arrayContaining(["R01G1", "TJ01"]));
  });
});

describe("specimens of study participants", () => {
  it("a subject code must be a participant at the registering site; anything else writes nothing", async () => {
    await signIn("staff.gh1@ncrc.demo");
    await expectRefusedNothingWritten(() => register(blood("BC-101-R01G1-0999")), "subjectCode");
    // A participant of another site (the hub) cannot be registered here.
    await expectRefusedNothingWritten(() => register(blood("BC-101-TJ01-0002")), "subjectCode");
  });

  it("the study PI sees its participants' specimens; a monitor off the team and site staff elsewhere do not", async () => {
    await signIn("staff.gh1@ncrc.demo");
    const s = ok(await register(blood("BC-101-R01G1-0002")));
    const pi = await actorOf("pi@ncrc.demo");
    const filters = (code?: string) => {
      const f = parseFilters(code ? { code } : {});
      if (!f.ok) throw new Error("bad filters");
      return f.filters;
    };
    const found = await searchSpecimens(pi, filters("BC-101-R01G1-0002"), h.db);
    expect(found.rows.map((r) => r.barcode)).toContain(s.barcode);
    expect(await specimenByBarcode(pi, s.barcode, h.db)).not.toBeNull();
    const monitor = await actorOf("monitor@ncrc.demo");
    expect(await specimenByBarcode(monitor, s.barcode, h.db)).toBeNull();
    expect((await searchSpecimens(monitor, filters(), h.db)).total).toBe(0);
    const rc20 = await actorOf("staff.rc20@ncrc.demo");
    expect(await specimenByBarcode(rc20, s.barcode, h.db)).toBeNull();
  });
});

describe("the search's collected from/to are network days", () => {
  it("counts 23:30 on 15 Nov (China time, 15:30Z) on the 15th and 00:30 on the 16th on the 16th, as the page shows them", async () => {
    await signIn("staff.gh1@ncrc.demo");
    const late = ok(await register({ ...blood("BC-101-R01G1-0400"), collectedAt: "2026-11-15T23:30" }));
    const early = ok(await register({ ...blood("BC-101-R01G1-0401"), collectedAt: "2026-11-16T00:30" }));
    const [stored] = await queryRows<{ utc: string }>(h.db, sql`select to_char(collected_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as utc from specimens where barcode = ${late.barcode}`);
    expect(stored.utc).toBe("2026-11-15 15:30");
    const staff = await actorOf("staff.gh1@ncrc.demo");
    const found = async (from: string, to: string) => {
      const f = parseFilters({ from, to, type: "whole_blood" });
      if (!f.ok) throw new Error("bad filters");
      const [rows, counts] = [await searchSpecimens(staff, f.filters, h.db), await specimenCounts(staff, f.filters, h.db)];
      expect(counts.total).toBe(rows.total);
      return rows.rows.map((r) => r.barcode).filter((b) => b === late.barcode || b === early.barcode);
    };
    expect(await found("2026-11-15", "2026-11-15")).toEqual([late.barcode]);
    expect(await found("2026-11-16", "2026-11-16")).toEqual([early.barcode]);
    expect((await found("2026-11-15", "2026-11-16")).sort()).toEqual([late.barcode, early.barcode].sort());
  });
});

describe("choosing a box to place a specimen", () => {
  it("lists the holder's boxes with space in natural order, searchable and paged; full boxes are left out", async () => {
    const bank = await actorOf("biobank@ncrc.demo");
    const f = ok(await freezer({ code: "N1", name: "Natural order", temperatureC: -80 }));
    const racks: Record<string, number> = {};
    for (const code of ["R10", "R2", "R1"]) racks[code] = ok(await rack({ freezerId: f.id, code })).id;
    for (const code of ["B10", "B2", "B9", "B1"]) ok(await box({ rackId: racks.R1, code, rows: 2, cols: 2 }));
    ok(await box({ rackId: racks.R10, code: "B1", rows: 2, cols: 2 }));
    const full = ok(await box({ rackId: racks.R2, code: "FULL", rows: 1, cols: 1 }));
    for (let i = 1; i <= 21; i++) ok(await box({ rackId: racks.R2, code: `P${i}`, rows: 1, cols: 2 }));
    const s = ok(await register(blood("BC-101-TJ01-0001")));
    ok(await place({ barcode: s.barcode, boxId: full.id, row: 1, col: 1 }));

    const r1 = await boxesWithSpace(bank, fx.org("TJ01").id, { q: "n1 / r1 /" }, h.db);
    expect(r1.rows.map((b) => b.path)).toEqual(["N1 / R1 / B1", "N1 / R1 / B2", "N1 / R1 / B9", "N1 / R1 / B10"]);
    expect(r1.rows[0].free).toBe(4);
    const all = await boxesWithSpace(bank, fx.org("TJ01").id, { q: "N1" }, h.db);
    expect(all.total).toBe(4 + 21 + 1);
    expect(all.pages).toBe(2);
    expect(all.rows.map((b) => b.path).slice(0, 6)).toEqual(["N1 / R1 / B1", "N1 / R1 / B2", "N1 / R1 / B9", "N1 / R1 / B10", "N1 / R2 / P1", "N1 / R2 / P2"]);
    expect(all.rows.map((b) => b.path)).not.toContain("N1 / R2 / FULL");
    const page2 = await boxesWithSpace(bank, fx.org("TJ01").id, { q: "N1", page: 2 }, h.db);
    expect(page2.rows.map((b) => b.path)).toEqual(["N1 / R2 / P17", "N1 / R2 / P18", "N1 / R2 / P19", "N1 / R2 / P20", "N1 / R2 / P21", "N1 / R10 / B1"]);
    expect(all.boxesAtCentre).toBeGreaterThan(all.total);
  });
  it("says when the holder centre has no box at all (storage must be set up first)", async () => {
    const rc1 = await actorOf("staff.rc1@ncrc.demo");
    const none = await boxesWithSpace(rc1, fx.org("R01").id, {}, h.db);
    expect(none).toMatchObject({ rows: [], total: 0, boxesAtCentre: 0 });
    // Another centre's boxes are never offered, even for a crafted centre id.
    expect(await boxesWithSpace(rc1, fx.org("TJ01").id, {}, h.db)).toMatchObject({ rows: [], boxesAtCentre: 0 });
  });
  it("a quarantined specimen can be kept in a box (it stays frozen, apart, until reviewed)", async () => {
    await signIn("staff.gh1@ncrc.demo");
    const s = ok(await register(blood("BC-101-R01G1-0003")));
    const t = ok(await newTransfer({ toCentreId: fx.org("TJ01").id, barcodes: s.barcode }));
    ok(await ship({ transferId: t.id }));
    const [item] = await queryRows<{ id: number }>(h.db, sql`select id from specimen_transfer_items where transfer_id = ${t.id}`);
    await signIn("biobank@ncrc.demo");
    ok(await receive({ transferId: t.id, results: [`${item.id}:damaged`] }));
    const [b] = await queryRows<{ id: number }>(h.db, sql`select b.id from storage_boxes b join storage_racks r on r.id = b.rack_id where r.code = 'R10' and b.code = 'B1'`);
    expect(ok(await place({ barcode: s.barcode, boxId: b.id, row: 2, col: 2 })).location).toBe("TJ01 / N1 / R10 / B1 / B2");
  });
});

describe("centre lists follow the tree, not the text of the path", () => {
  it("the search filter, transfer destinations and storage list centres by level, then code in natural order", async () => {
    const bank = await actorOf("biobank@ncrc.demo");
    const depth = new Map((await queryRows<{ code: string; depth: number }>(h.db, sql`select code, depth from organisations`)).map((o) => [o.code, Number(o.depth)]));
    const collator = new Intl.Collator("en", { numeric: true });
    const treeOrder = (codes: string[]) => [...codes].sort((a, b) => (depth.get(a) ?? 0) - (depth.get(b) ?? 0) || collator.compare(a, b));
    const centres = (await filterCentres(bank, h.db)).map((c) => c.code);
    expect(centres.length).toBeGreaterThan(100);
    expect(centres).toEqual(treeOrder(centres));
    expect(centres.slice(0, 6)).toEqual(["TJ01", "SC01", "SC02", "R01", "R02", "R03"]);
    const destinations = (await transferDestinations(bank, h.db)).map((c) => c.code);
    expect(destinations).toEqual(treeOrder(destinations));
    const admin = await actorOf("admin@ncrc.demo");
    await signIn("staff.gh1@ncrc.demo");
    ok(await freezer({ code: "G1", name: "Hospital freezer", temperatureC: -80 }));
    const stores = [...new Set((await storageTree(admin, h.db)).map((f) => f.centreCode))];
    expect(stores).toEqual(treeOrder(stores));
    expect(stores).toEqual(["TJ01", "R01G1"]);
  });
});

describe("the seed's location strings", () => {
  it("locationTextSql writes in SQL exactly what specimenLocation writes", async () => {
    const [row] = await queryRows<{ loc: string }>(
      h.db,
      sql`select ${locationTextSql({ centre: "o", freezer: "f", rack: "r", box: "b", specimen: "s" })} as loc
          from (select 'TJ01' as code) o, (select 'F1' as code) f, (select 'R2' as code) r, (select 'B03' as code) b, (select 12 as pos_row, 7 as pos_col) s`,
    );
    expect(row.loc).toBe(specimenLocation({ storeCode: "TJ01", freezerCode: "F1", rackCode: "R2", boxCode: "B03", posRow: 12, posCol: 7 }));
  });
});
