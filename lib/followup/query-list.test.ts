import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { getActor } from "@/lib/auth/actor";
import { queryListParams, queryShowOf, querySortOf, queryStatusOf, type ListFilters } from "@/lib/followup/list-filters";
import { FOLLOWUP_PAGE_SIZE, listQueries } from "@/lib/followup/queries/followup-lists";
import { setupTestDb } from "@/lib/testing/db";
import { seedBase } from "@/lib/testing/fixtures";
import { createFollowupStudy } from "@/lib/testing/followup-study";
import { expectOk } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { raiseQueryCommand } from "@/lib/followup/commands/raise-query";
import { recordVisitCommand } from "@/lib/followup/commands/record-visit";

const h = await setupTestDb();
const [RC1, RC20, MONITOR, PI, VIEWER] = ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo", "monitor@ncrc.demo", "pi@ncrc.demo", "viewer@ncrc.demo"];
const me = async (email: string) => {
  await signInAs(h.db, email);
  return (await getActor())!;
};
const ids = async (email: string, f: Partial<ListFilters> = {}) => (await listQueries(await me(email), { study: "QL-1", status: "", page: 1, ...f })).rows.map((r) => r.id);
let s: Awaited<ReturnType<typeof createFollowupStudy>>;
let [q1, q2, q3] = [0, 0, 0];

beforeAll(async () => {
  await seedBase(h.db);
  s = await createFollowupStudy(h.db, "QL-1", { enrolledOn: "2025-01-10", monitor: MONITOR });
  const visit = async (participantId: number) => {
    const [row] = await queryRows<{ id: number }>(h.db, sql`select v.id from participant_visits v join visit_definitions d on d.id = v.visit_definition_id where v.participant_id = ${participantId} and d.code = 'BL'`);
    return Number(row.id);
  };
  const [atR01, atR20] = [await visit(s.atR01.id), await visit(s.atR20.id)];
  expectOk(await runCommand(RC1, recordVisitCommand, { visitId: atR01, status: "done", visitDate: "2025-01-11" }));
  expectOk(await runCommand(RC20, recordVisitCommand, { visitId: atR20, status: "done", visitDate: "2025-01-11" }));
  q1 = expectOk(await runCommand(MONITOR, raiseQueryCommand, { entityType: "visit", entityId: atR01, field: "visitDate", question: "?" })).id;
  q2 = expectOk(await runCommand(PI, raiseQueryCommand, { entityType: "visit", entityId: atR20, field: "visitDate", question: "?" })).id;
  q3 = expectOk(await runCommand(MONITOR, raiseQueryCommand, { entityType: "visit", entityId: atR20, field: "status", question: "?" })).id;
});

describe("the query list's order", () => {
  it("is newest raised first by default, and oldest first on request", async () => {
    expect(await ids(MONITOR)).toEqual([q3, q2, q1]);
    expect(await ids(MONITOR, { sort: "newest" })).toEqual([q3, q2, q1]);
    expect(await ids(MONITOR, { sort: "oldest" })).toEqual([q1, q2, q3]);
  });

  it("puts a query just raised on page 1 however many older ones there are", async () => {
    const [monitor] = await queryRows<{ id: number }>(h.db, sql`select id from users where email = ${MONITOR}`);
    await h.db.execute(sql`
      insert into queries (study_id, participant_id, entity_type, entity_id, field, status, raised_by, opened_at, closed_at)
      select ${s.study.id}, ${s.atR01.id}, 'participant', ${s.atR01.id}, 'sex', 'closed', ${monitor.id}, now() - (g || ' days')::interval, now() - (g || ' days')::interval + interval '1 hour'
      from generate_series(1, ${FOLLOWUP_PAGE_SIZE * 3}) g`);
    const page1 = await listQueries(await me(MONITOR), { study: "QL-1", status: "", page: 1 });
    expect(page1.pages).toBeGreaterThanOrEqual(4);
    expect(page1.rows.slice(0, 3).map((r) => r.id)).toEqual([q3, q2, q1]);
    const last = await listQueries(await me(MONITOR), { study: "QL-1", status: "", page: page1.pages, sort: "oldest" });
    expect(last.rows.at(-1)?.id).toBe(q3);
    await h.db.execute(sql`delete from queries where study_id = ${s.study.id} and entity_type = 'participant'`);
  });
});

describe("mine / my site", () => {
  it("mine is what I raised or what waits at my centre; my site is the participant's current site", async () => {
    expect(await ids(MONITOR, { show: "mine" })).toEqual([q3, q1]);
    expect(await ids(PI, { show: "mine" })).toEqual([q2]);
    expect(await ids(MONITOR, { show: "site" })).toEqual([]);
    expect(await ids(RC20, { show: "site" })).toEqual([q3, q2]);
    expect(await ids(RC20, { show: "mine" })).toEqual([q3, q2]);
    expect(await ids(RC1, { show: "site" })).toEqual([q1]);
    expect(await ids(RC1, { show: "all" })).toEqual([q1]);
    expect(await ids(RC20, { show: "site", sort: "oldest" })).toEqual([q2, q3]);
    expect(await ids(VIEWER, { show: "mine" })).toEqual([]);
  });

  it("is read from the URL, defaults left out of links", () => {
    expect([querySortOf("oldest"), querySortOf(""), querySortOf("random")]).toEqual(["oldest", "newest", "newest"]);
    expect([queryShowOf("mine"), queryShowOf("site"), queryShowOf(""), queryShowOf("everyone")]).toEqual(["mine", "site", "all", "all"]);
    expect([queryStatusOf("open"), queryStatusOf("nope")]).toEqual(["open", ""]);
    expect(queryListParams({ study: "QL-1", status: "", sort: "newest", show: "all" })).toEqual({ study: "QL-1" });
    expect(queryListParams({ study: "", status: "open", sort: "oldest", show: "mine" })).toEqual({ status: "open", sort: "oldest", show: "mine" });
  });
});
