import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { addDays, networkToday } from "@/lib/time/network-day";
import { enrolCommand } from "@/lib/enrolment/commands/enrol";
import { screenCommand } from "@/lib/enrolment/commands/screen";
import { transferCommand } from "@/lib/enrolment/commands/transfer";
import { unblindCommand } from "@/lib/enrolment/commands/unblind";
import { withdrawCommand } from "@/lib/enrolment/commands/withdraw";

const today = networkToday();
const big = "x".repeat(100_000);
const ids = [["1"], 0, -1, 2 ** 31, "1e3", 1.5, true, "", null];
const days = ["2026-02-30", "1999-12-31", addDays(today, 1), [today], "yesterday", big];
const texts = ["a\u0000b", "\u0007", big, ["ok"], "\u200b"];

/** [command, a valid input, field -> crafted values each refused with an error on that field] */
const table: [string, z.ZodType, Record<string, unknown>, Record<string, unknown[]>][] = [
  [
    screenCommand.name,
    screenCommand.schema,
    { studyId: 1, siteId: 2, screenedOn: today, codes: ["I1", "E1"], answers: ["yes", "no"] },
    {
      studyId: ids,
      siteId: ids,
      screenedOn: days,
      codes: [[big], Array(101).fill("I1"), ["X1"]],
      answers: [["maybe"], Array(101).fill("yes")],
      requestKey: ["short", "a b c d e f g h i j", big, ["0f8e6c1a-2b3c-4d5e-9f00-112233445566"], 12],
    },
  ],
  [
    enrolCommand.name,
    enrolCommand.schema,
    {
      studyId: 1,
      siteId: 2,
      screeningId: 3,
      requestKey: "0f8e6c1a-2b3c-4d5e-9f00-112233445566",
      nationalId: "11010119600101001X",
      yearOfBirth: "1960",
      sex: "female",
      consentVersionId: 4,
      consentDate: today,
      factorCodes: ["STAGE"],
      levelCodes: ["III"],
    },
    {
      studyId: ids,
      screeningId: ids,
      consentVersionId: ids,
      requestKey: ["short", "a b c d e f g h i j", big, ["0f8e6c1a-2b3c-4d5e-9f00-112233445566"]],
      nationalId: [big, ["11010119600101001X"], ""],
      yearOfBirth: ["1850", String(Number(today.slice(0, 4)) + 1), "1960.5", ["1960"], ""],
      sex: ["other", ["female"], ""],
      consentDate: days,
      factorCodes: [Array(21).fill("F"), [big]],
    },
  ],
  [
    withdrawCommand.name,
    withdrawCommand.schema,
    { participantId: 1, withdrawnOn: today, reason: "consent_withdrawn", note: "" },
    { participantId: ids, withdrawnOn: days, reason: ["bored", ["death"], ""], note: texts.filter((v) => v !== "\u200b") },
  ],
  [
    transferCommand.name,
    transferCommand.schema,
    { participantId: 1, toSiteId: 2, transferredOn: today, reason: "moved" },
    { participantId: ids, toSiteId: ids, transferredOn: days, reason: texts },
  ],
  [unblindCommand.name, unblindCommand.schema, { participantId: 1, reason: "SAE" }, { participantId: ids, reason: texts }],
];

describe.each(table)("%s refuses crafted input with a field error", (_name, schema, valid, crafted) => {
  it("accepts the valid input", () => {
    expect(schema.safeParse(valid).error?.issues).toBeUndefined();
  });

  it("refuses unknown keys", () => {
    expect(schema.safeParse({ ...valid, role: "network_admin" }).success).toBe(false);
  });

  it.each(Object.entries(crafted))("refuses crafted %s", (field, values) => {
    for (const v of values) {
      const r = schema.safeParse({ ...valid, [field]: v });
      expect(r.success, `${field} = ${JSON.stringify(v)?.slice(0, 60)}`).toBe(false);
      expect(r.error?.issues.map((i) => i.path[0]), `${field} = ${JSON.stringify(v)?.slice(0, 60)}`).toContain(field);
    }
  });
});
