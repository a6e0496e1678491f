import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { loadActorBySession } from "@/lib/auth/sessions";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { setupTestDb } from "@/lib/testing/db";
import { insertTestParticipants } from "@/lib/testing/participants";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { createDonorCommand } from "@/lib/biobank/commands/create-donor";
import { registerSpecimenCommand } from "@/lib/biobank/commands/register-specimen";
import { registrationOwner } from "@/lib/biobank/queries/owners";

const h = await setupTestDb();
const TABLES = ["specimens", "custody_events", "audit_events"];
const STAFF = "staff.gh1@ncrc.demo";
const YES = "BC-150-R01G1-0001"; // said yes to future use of specimens at enrolment
const NO = "BC-150-R01G1-0002"; // said no
const register = (input: Record<string, unknown>) =>
  runCommand(STAFF, registerSpecimenCommand, { type: "serum", collectedAt: "2026-01-05T08:30", quantity: 1, ...input });
const consentOf = async (barcode: string) =>
  (await queryRows<{ c: string }>(h.db, sql`select future_consent::text as c from specimens where barcode = ${barcode}`))[0]?.c;
const actorOf = async (email: string) => {
  const a = await loadActorBySession(h.db, (await signInAs(h.db, email)).sessionId);
  if (!a) throw new Error("no actor");
  return a;
};

beforeAll(async () => {
  await seedBase(h.db);
  await insertTestParticipants(h.db, [YES], true);
  await insertTestParticipants(h.db, [NO], false);
  const d = await runCommand(STAFF, createDonorCommand, { donorCode: "D-GH1-0150", futureConsent: "limited", consentDate: "2025-12-01" });
  if (!d.ok) throw new Error(d.message);
});

describe("consent for future research is carried over from the owner's record, never asked again", () => {
  it("a participant who said yes at enrolment gives a specimen with consent yes (and no: no)", async () => {
    const yes = await register({ ownerKind: "subject", subjectCode: YES });
    const no = await register({ ownerKind: "subject", subjectCode: NO });
    if (!yes.ok || !no.ok) throw new Error("registration refused");
    expect(yes.data).toMatchObject({ futureConsent: "yes", consentSource: "participant" });
    expect(await consentOf(yes.data.barcode)).toBe("yes");
    expect(await consentOf(no.data.barcode)).toBe("no");
  });

  it("a donor's specimen takes the donor's consent", async () => {
    const r = await register({ ownerKind: "donor", donorCode: "d-gh1-0150" });
    if (!r.ok) throw new Error(r.message);
    expect(r.data).toMatchObject({ futureConsent: "limited", consentSource: "donor" });
    expect(await consentOf(r.data.barcode)).toBe("limited");
  });

  it("a crafted consent contradicting the record is refused with a message naming the record, and nothing is written", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ownerKind: "subject", subjectCode: YES, futureConsent: "no" }, /enrolment record.*“yes”|入组记录.*“同意”/],
      [{ ownerKind: "subject", subjectCode: NO, futureConsent: "yes" }, /enrolment record.*“no”|入组记录.*“不同意”/],
      [{ ownerKind: "donor", donorCode: "D-GH1-0150", futureConsent: "yes" }, /donor's consent record.*limited|捐赠者知情同意记录.*有限同意/],
    ];
    for (const [input, message] of cases) {
      const before = await countRows(h.db, TABLES);
      const r = await register(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.fieldErrors?.futureConsent?.join(" ")).toMatch(message);
      expect(await countRows(h.db, TABLES)).toEqual(before);
    }
  });

  it("a stated consent equal to the record is accepted (an older form): nothing differs from the record", async () => {
    const r = await register({ ownerKind: "subject", subjectCode: YES, futureConsent: "yes" });
    if (!r.ok) throw new Error(r.message);
    expect(await consentOf(r.data.barcode)).toBe("yes");
  });
});

describe("the registration form's owner look-up", () => {
  it("shows the consent the command will use, only for owners at the actor's own centre", async () => {
    const staff = await actorOf(STAFF);
    expect(await registrationOwner(staff, "subject", YES.toLowerCase(), h.db)).toMatchObject({ source: "participant", code: YES, futureConsent: "yes", consentDate: "2025-01-03" });
    expect(await registrationOwner(staff, "subject", NO, h.db)).toMatchObject({ futureConsent: "no" });
    expect(await registrationOwner(staff, "donor", "D-GH1-0150", h.db)).toMatchObject({ source: "donor", futureConsent: "limited" });
    expect(await registrationOwner(staff, "subject", "BC-150-R01G1-0999", h.db)).toBeNull();
    // Another centre's staff, and roles that do not register, learn nothing.
    expect(await registrationOwner(await actorOf("staff.rc20@ncrc.demo"), "subject", YES, h.db)).toBeNull();
    expect(await registrationOwner(await actorOf("viewer@ncrc.demo"), "subject", YES, h.db)).toBeNull();
    expect(await registrationOwner(await actorOf("coord.rc1@ncrc.demo"), "donor", "D-GH1-0150", h.db)).toBeNull();
  });
});
