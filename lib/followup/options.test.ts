import { describe, expect, it } from "vitest";
import { aeAction as aeActionEnum, aeCategory as aeCategoryEnum, aeOutcome as aeOutcomeEnum, aeRelatedness as aeRelatednessEnum } from "@/db/schema";
import { SERIOUS_CRITERIA as SERVER_CRITERIA } from "@/lib/followup/fields";
import { aeAction, aeCategory, aeOutcome, aeRelatedness, SERIOUS_CRITERIA } from "@/lib/followup/options";

describe("form choice lists", () => {
  it("match the database enums and the server's list of seriousness criteria", () => {
    expect([...aeCategory]).toEqual(aeCategoryEnum.enumValues);
    expect([...aeRelatedness]).toEqual(aeRelatednessEnum.enumValues);
    expect([...aeAction]).toEqual(aeActionEnum.enumValues);
    expect([...aeOutcome]).toEqual(aeOutcomeEnum.enumValues);
    expect([...SERIOUS_CRITERIA]).toEqual([...SERVER_CRITERIA]);
  });
});

describe("queryable fields", () => {
  it("are the same lists on the client as on the server", async () => {
    const { QUERYABLE_FIELDS: server } = await import("@/lib/followup/fields");
    const { QUERYABLE_FIELDS: client } = await import("@/lib/followup/queryable");
    expect(client).toEqual(server);
  });
});
