import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { adverseEvents, recordVersions } from "@/db/schema";
import { getActor } from "@/lib/auth/actor";
import { addAeCommand } from "@/lib/followup/commands/add-ae";
import { updateAeCommand } from "@/lib/followup/commands/update-ae";
import { searchCtcaeTerms } from "@/lib/followup/queries/ctcae-terms";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { createFollowupStudy } from "@/lib/testing/followup-study";
import { aeInputFor } from "@/lib/testing/ae-input";
import { expectOk, expectRefused, FOLLOWUP_TABLES } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";

const h = await setupTestDb();
const RC1 = "staff.rc1@ncrc.demo";
let s: Awaited<ReturnType<typeof createFollowupStudy>>;
const aeInput = (over: Record<string, unknown> = {}) =>
  aeInputFor(s.atR01.id, { term: "neutropenia", meddraCode: "10029366" /* Neutrophil count decreased */, ...over });

beforeAll(async () => {
  await seedBase(h.db);
  s = await createFollowupStudy(h.db, "FU-CTC", { enrolledOn: "2025-01-10" });
});

describe("an AE with a CTCAE v5.0 term", () => {
  it("is saved under the term's CTCAE name with its MedDRA code", async () => {
    const ok = expectOk(await runCommand(RC1, addAeCommand, aeInput()));
    const [ae] = await h.db.select().from(adverseEvents).where(eq(adverseEvents.id, ok.id));
    expect([ae.term, ae.meddraCode, ae.grade]).toEqual(["Neutrophil count decreased", 10029366, 3]);
    const [v] = await h.db.select().from(recordVersions).where(eq(recordVersions.entityId, ok.id));
    expect(v.values).toMatchObject({ term: "Neutrophil count decreased", meddraCode: 10029366 });
  });

  it("refuses an unknown code and a grade the term does not define, writing nothing", async () => {
    const before = await countRows(h.db, FOLLOWUP_TABLES);
    expectRefused(await runCommand(RC1, addAeCommand, aeInput({ meddraCode: "10000001" })), ["meddraCode"]);
    // CTCAE v5.0 defines no grade 5 for "Neutrophil count decreased".
    expectRefused(await runCommand(RC1, addAeCommand, aeInput({ grade: "5", outcome: "fatal", seriousCriteria: ["death"] })), ["grade"]);
    expectRefused(await runCommand(RC1, addAeCommand, aeInput({ meddraCode: "abc" })), ["meddraCode"]);
    expectRefused(await runCommand(RC1, addAeCommand, aeInput({ meddraCode: [10029366] })), ["meddraCode"]);
    expect(await countRows(h.db, FOLLOWUP_TABLES)).toEqual(before);
  });

  it("keeps a freely typed term when no code is given", async () => {
    const ok = expectOk(await runCommand(RC1, addAeCommand, aeInput({ term: "Hand-foot reaction (local wording)", meddraCode: "" })));
    const [ae] = await h.db.select().from(adverseEvents).where(eq(adverseEvents.id, ok.id));
    expect([ae.term, ae.meddraCode]).toEqual(["Hand-foot reaction (local wording)", null]);
  });

  it("can be corrected to another term, with a reason", async () => {
    const ok = expectOk(await runCommand(RC1, addAeCommand, aeInput()));
    const values: Record<string, unknown> = aeInput({ meddraCode: "10012727", term: "diarrhoea", grade: "2" });
    delete values.participantId;
    expectRefused(await runCommand(RC1, updateAeCommand, { aeId: ok.id, ...values }), ["reason"]);
    expectOk(await runCommand(RC1, updateAeCommand, { aeId: ok.id, ...values, reason: "Coded to the CTCAE term" }));
    const [ae] = await h.db.select().from(adverseEvents).where(eq(adverseEvents.id, ok.id));
    expect([ae.term, ae.meddraCode, ae.grade, ae.version]).toEqual(["Diarrhea", 10012727, 2, 2]);
  });

  it("terms are searched only by those who record or read AEs", async () => {
    await signInAs(h.db, RC1);
    expect((await searchCtcaeTerms((await getActor())!, "diarr"))[0].term).toBe("Diarrhea");
    await signInAs(h.db, "viewer@ncrc.demo");
    expect(await searchCtcaeTerms((await getActor())!, "diarr")).toEqual([]);
  });
});
