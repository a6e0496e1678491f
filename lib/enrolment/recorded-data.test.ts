import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, participants, users } from "@/db/schema";
import { loadActorBySession } from "@/lib/auth/sessions";
import { enrolCommand } from "@/lib/enrolment/commands/enrol";
import { screenCommand } from "@/lib/enrolment/commands/screen";
import { ageOn } from "@/lib/enrolment/national-id-facts";
import { siteWorkContext } from "@/lib/enrolment/queries/screenings";
import { nationalIdCheckChar } from "@/lib/pseudonyms/national-id";
import { networkToday } from "@/lib/time/network-day";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { createTestStudy, type TestStudy } from "@/lib/testing/study-builder";

const TABLES = ["screenings", "participants", "allocation_entries", "audit_events", "command_requests"];
const h = await setupTestDb();
const RC1 = "staff.rc1@ncrc.demo";
const today = networkToday();
let study: TestStudy;
let narrow: TestStudy;
let seq = 0;

/** A valid ID born on `birth` (YYYYMMDD), female or male by digit 17, distinct per call. */
function idOf(birth: string, sex: "female" | "male"): string {
  const n = ++seq;
  const first17 = `110101${birth}${String(n % 100).padStart(2, "0")}${sex === "male" ? 1 : 2}`;
  return first17 + nationalIdCheckChar(first17);
}

async function screen(s: TestStudy): Promise<number> {
  const r = await runCommand(RC1, screenCommand, { studyId: s.study.id, siteId: s.site("R01").id, screenedOn: today, codes: ["I1", "I2", "E1"], answers: ["yes", "yes", "no"] });
  if (!r.ok) throw new Error(r.message);
  return r.data.id;
}

async function enrolInput(s: TestStudy, over: Record<string, unknown>) {
  return { studyId: s.study.id, siteId: s.site("R01").id, screeningId: await screen(s), requestKey: randomUUID(), consentVersionId: s.consent.id, consentDate: today, factorCodes: ["STAGE"], levelCodes: ["III"], ...over };
}

/** The enrol command refused `input` with a message containing every `words`, errors on `fields`, and wrote nothing. */
async function expectRefused(input: Record<string, unknown>, fields: string[], words: string[]) {
  const before = await countRows(h.db, TABLES);
  const r = await runCommand(RC1, enrolCommand, input);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  for (const w of words) expect(r.message).toContain(w);
  expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual([...fields].sort());
  expect(await countRows(h.db, TABLES)).toEqual(before);
}

async function inEnglish<T>(run: () => Promise<T>): Promise<T> {
  await h.db.update(users).set({ locale: "en" }).where(eq(users.email, RC1));
  try {
    return await run();
  } finally {
    await h.db.update(users).set({ locale: "zh-CN" }).where(eq(users.email, RC1));
  }
}

beforeAll(async () => {
  await seedBase(h.db);
  const sexAgeStage: [string, string[]][] = [["SEX", ["M", "F"]], ["AGE", ["LT65", "GE65"]], ["STAGE", ["III", "IV"]]];
  study = await createTestStudy(h.db, { code: "RD-1", factors: sexAgeStage, sites: [["R01", 50]] });
  narrow = await createTestStudy(h.db, { code: "RD-2", factors: [["AGE", ["18_64", "65_70"]], ["STAGE", ["III", "IV"]]], sites: [["R01", 50]] });
});

describe("strata that follow from recorded data are derived", () => {
  it("the enrol form asks only the factors that do not follow from recorded data", async () => {
    const { sessionId } = await signInAs(h.db, RC1);
    const ctx = await siteWorkContext((await loadActorBySession(h.db, sessionId))!, study.study.id);
    expect(ctx?.factors.map((f) => [f.code, f.derivedFrom])).toEqual([["SEX", "sex"], ["AGE", "age"], ["STAGE", null]]);
  });

  it("sex and age group are set from the sex and the birth date in the national ID", async () => {
    const nationalId = idOf("19500101", "female");
    const r = await runCommand(RC1, enrolCommand, await enrolInput(study, { nationalId, yearOfBirth: "1950", sex: "female" }));
    expect(r.ok).toBe(true);
    const [p] = await h.db.select().from(participants).where(eq(participants.id, r.ok ? r.data.id : 0));
    const ageGroup = ageOn("1950-01-01", today) >= 65 ? "GE65" : "LT65";
    expect(p.strata).toEqual({ SEX: "F", AGE: ageGroup, STAGE: "III" });
    const [event] = await h.db.select().from(auditEvents).where(sql`${auditEvents.action} = 'participant.enrolled' and ${auditEvents.entityId} = ${String(p.id)}`);
    expect(event.after).toMatchObject({ strata: { SEX: "F", AGE: ageGroup, STAGE: "III" } });
  });

  it("a crafted call with sex = female and stratum SEX = M is refused, naming both, and writes nothing", async () => {
    const over = { nationalId: idOf("19620315", "female"), yearOfBirth: 1962, sex: "female", factorCodes: ["STAGE", "SEX"], levelCodes: ["III", "M"] };
    await expectRefused(await enrolInput(study, over), ["sex", "level_SEX"], ["性别（女）", "“SEX”", "“M”"]);
    await inEnglish(async () => expectRefused(await enrolInput(study, over), ["sex", "level_SEX"], ["SEX = M", "recorded sex (Female)"]));
  });

  it("a crafted age group that contradicts the birth date in the ID is refused", async () => {
    const over = { nationalId: idOf("19500101", "male"), yearOfBirth: 1950, sex: "male", factorCodes: ["STAGE", "AGE"], levelCodes: ["III", "LT65"] };
    await expectRefused(await enrolInput(study, over), ["nationalId", "level_AGE"], ["“AGE”", "“LT65”", `${ageOn("1950-01-01", today)} 岁`]);
  });

  it("an age in none of an age factor's bands is refused with the age", async () => {
    const over = { nationalId: idOf("19400101", "male"), yearOfBirth: 1940, sex: "male" };
    await expectRefused(await enrolInput(narrow, over), [], [`${ageOn("1940-01-01", today)} 岁`, "“AGE”"]);
  });
});

describe("recorded fields must agree with the national ID", () => {
  it("a year of birth contradicting the ID (1970 vs 1962) is refused, naming both fields, in both languages", async () => {
    const over = { nationalId: idOf("19620315", "male"), yearOfBirth: "1970", sex: "male" };
    await expectRefused(await enrolInput(study, over), ["yearOfBirth", "nationalId"], ["出生年份（1970）", "身份证号", "1962"]);
    await inEnglish(async () => expectRefused(await enrolInput(study, over), ["yearOfBirth", "nationalId"], ["year of birth (1970)", "national ID", "1962"]));
  });

  it("a sex contradicting the ID's 17th digit is refused, naming both fields, in both languages", async () => {
    const over = { nationalId: idOf("19620315", "male"), yearOfBirth: 1962, sex: "female" };
    await expectRefused(await enrolInput(study, over), ["sex", "nationalId"], ["性别（女）", "身份证号", "男"]);
    await inEnglish(async () => expectRefused(await enrolInput(study, over), ["sex", "nationalId"], ["sex (Female)", "national ID", "Male"]));
  });
});
