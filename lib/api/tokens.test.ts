import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { apiTokens, apiTokenUsage, auditEvents, users } from "@/db/schema";
import { authenticateApiRequest, type ApiCaller } from "@/lib/api/authenticate";
import { createTokenCommand, MAX_ACTIVE_TOKENS } from "@/lib/api/commands/create-token";
import { revokeTokenCommand } from "@/lib/api/commands/revoke-token";
import { listStudiesEndpoint } from "@/lib/api/endpoints/studies";
import { problem } from "@/lib/api/problem";
import { listOwnTokens } from "@/lib/api/queries/tokens";
import { tokenAllowsStudy } from "@/lib/api/study-filter";
import { getActor } from "@/lib/auth/actor";
import { translate } from "@/lib/i18n/translate";
import { apiRequest, makeToken } from "@/lib/testing/api";
import { createCrfStudy, type CrfStudy } from "@/lib/testing/crf-study";
import { createTestStudy } from "@/lib/testing/study-builder";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { expectOk, expectRefused } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs, signOutTestSession } from "@/lib/testing/session";
import { addDays, networkToday, parseNetworkLocal } from "@/lib/time/network-day";

const h = await setupTestDb();
const [RC1, RC20, PI] = ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo", "pi@ncrc.demo"];
const TABLES = ["api_tokens", "audit_events", "command_requests"];
let s: CrfStudy;
let other: number;

const input = (o: Record<string, unknown> = {}) => ({ name: "nightly export", access: "read", expiresOn: addDays(networkToday(), 30), studyIds: [], ...o });

beforeAll(async () => {
  await seedBase(h.db);
  s = await createCrfStudy(h.db, "TOKA");
  // A study RC20 has no site in and is not on the team of.
  const x = await createTestStudy(h.db, { code: "TOKB", design: "single_arm", sites: [["R01", 10]] });
  other = x.study.id;
});

describe("making a token: shown once, stored hashed", () => {
  it("answers the secret once; the database keeps only its SHA-256 and a short prefix; the secret is in no audit event or stored request", async () => {
    const r = expectOk(await runCommand(RC1, createTokenCommand, input({ requestKey: "tok-key-000000000001" })));
    expect(r.secret).toMatch(/^ncrc_pat_[A-Za-z0-9_-]{43}$/);
    const [row] = await h.db.select().from(apiTokens).where(eq(apiTokens.id, r.id));
    expect(row.tokenHash).toBe(createHash("sha256").update(r.secret!).digest("hex"));
    expect(r.secret!.startsWith(row.prefix)).toBe(true);
    expect(row.prefix.length).toBeLessThan(20);
    // The expiry: the end of the chosen network day.
    expect(row.expiresAt.toISOString()).toBe(new Date(parseNetworkLocal(`${addDays(networkToday(), 31)}T00:00`)).toISOString());
    const leaks = await queryRows<{ n: number }>(
      h.db,
      sql`select (select count(*) from audit_events where coalesce(after::text, '') || coalesce(before::text, '') like ${"%" + r.secret!.slice(9) + "%"})::int
            + (select count(*) from command_requests where coalesce(result::text, '') like ${"%" + r.secret!.slice(9) + "%"})::int
            + (select count(*) from api_tokens where token_hash = ${r.secret!} or prefix = ${r.secret!})::int as n`,
    );
    expect(Number(leaks[0].n)).toBe(0);
    const [ev] = await h.db.select().from(auditEvents).where(eq(auditEvents.entityType, "api_token"));
    expect(ev).toMatchObject({ action: "api_token.created", entityId: String(r.id) });
    expect(ev.after).toEqual({ name: "nightly export", access: "read", studyIds: null, expiresAt: row.expiresAt.toISOString() });
  });

  it("pressing twice makes one token: the second press is told so and gets no secret", async () => {
    const key = "tok-key-000000000002";
    expectOk(await runCommand(RC1, createTokenCommand, input({ requestKey: key })));
    const before = await countRows(h.db, TABLES);
    const second = await runCommand(RC1, createTokenCommand, input({ requestKey: key }));
    expect(second).toEqual({ ok: false, message: translate("zh-CN", "api.tokens.errors.alreadyCreated") });
    expectRefused(await runCommand(RC1, createTokenCommand, input({ requestKey: key, access: "read_write" })));
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("refuses an expiry beyond a year or in the past, a study the user does not see, hostile names: field errors, nothing written", async () => {
    const before = await countRows(h.db, TABLES);
    const today = networkToday();
    expectRefused(await runCommand(RC20, createTokenCommand, input({ expiresOn: addDays(today, 366) })), ["expiresOn"]);
    expectRefused(await runCommand(RC20, createTokenCommand, input({ expiresOn: today })), ["expiresOn"]);
    expectRefused(await runCommand(RC20, createTokenCommand, input({ expiresOn: "2026-02-30" })), ["expiresOn"]);
    expectRefused(await runCommand(RC20, createTokenCommand, input({ studyIds: [other] })), ["studyIds"]);
    expectRefused(await runCommand(RC20, createTokenCommand, input({ studyIds: [2_147_483_647] })), ["studyIds"]);
    expectRefused(await runCommand(RC20, createTokenCommand, input({ name: "a\u0000b" })), ["name"]);
    expectRefused(await runCommand(RC20, createTokenCommand, input({ name: "x".repeat(81) })), ["name"]);
    expectRefused(await runCommand(RC20, createTokenCommand, input({ access: "admin" })), ["access"]);
    expectRefused(await runCommand(null, createTokenCommand, input()));
    expect(await countRows(h.db, TABLES)).toEqual(before);
    expectOk(await runCommand(RC20, createTokenCommand, input({ expiresOn: addDays(today, 365), studyIds: [s.study.id] })));
  });

  it(`holds at most ${MAX_ACTIVE_TOKENS} active tokens per person`, async () => {
    const held = (await h.db.select().from(apiTokens).where(eq(apiTokens.userId, (await me(PI)).id))).length;
    for (let i = held; i < MAX_ACTIVE_TOKENS; i++) expectOk(await runCommand(PI, createTokenCommand, input({ name: `t${i}` })));
    const before = await countRows(h.db, TABLES);
    expectRefused(await runCommand(PI, createTokenCommand, input({ name: "one too many" })));
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });
});

async function me(email: string) {
  await signInAs(h.db, email);
  const a = (await getActor())!;
  signOutTestSession();
  return a;
}

describe("using and revoking a token", () => {
  it("lists only the person's own tokens, with prefix, access, last use and state, never a hash", async () => {
    const t = await makeToken(RC20, { name: "mine" });
    expect((await listStudiesEndpoint(apiRequest("/studies", { token: t.secret }))).status).toBe(200);
    const rows = await listOwnTokens(await me(RC20));
    const mine = rows.find((r) => r.id === t.id)!;
    expect(mine).toMatchObject({ name: "mine", prefix: t.prefix, access: "read", revokedAt: null });
    expect(mine.lastUsedAt).not.toBeNull();
    expect(Object.keys(mine)).not.toContain("tokenHash");
    const rc1 = await me(RC1);
    expect((await listOwnTokens(rc1)).some((r) => r.id === t.id)).toBe(false);
  });

  it("revoked: 401 from the next request on; nobody else may revoke it; revoking twice is refused", async () => {
    const t = await makeToken(RC20);
    const call = () => listStudiesEndpoint(apiRequest("/studies", { token: t.secret }));
    expect((await call()).status).toBe(200);
    const before = await countRows(h.db, TABLES);
    expectRefused(await runCommand(RC1, revokeTokenCommand, { tokenId: t.id }));
    expect(await countRows(h.db, TABLES)).toEqual(before);
    expect((await call()).status).toBe(200);
    expectOk(await runCommand(RC20, revokeTokenCommand, { tokenId: t.id }));
    signOutTestSession();
    const r = await call();
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(await r.json()).toMatchObject({ status: 401, detail: expect.any(String) });
    const mid = await countRows(h.db, TABLES);
    expectRefused(await runCommand(RC20, revokeTokenCommand, { tokenId: t.id }));
    expect(await countRows(h.db, TABLES)).toEqual(mid);
  });

  it("expired: 401 once its time has passed", async () => {
    const t = await makeToken(RC20);
    const [row] = await h.db.select().from(apiTokens).where(eq(apiTokens.id, t.id));
    const atExpiry = await authenticateApiRequest(apiRequest("/studies", { token: t.secret }), "read", { now: row.expiresAt });
    expect(atExpiry).toBeInstanceOf(Response);
    expect((atExpiry as Response).status).toBe(401);
    const before = await authenticateApiRequest(apiRequest("/studies", { token: t.secret }), "read", { now: new Date(row.expiresAt.getTime() - 60_000) });
    expect(before).not.toBeInstanceOf(Response);
  });

  it("a read-only token asking to write: 403; a read-write one: the caller", async () => {
    const ro = await makeToken(RC20, { access: "read" });
    const rw = await makeToken(RC20, { access: "read_write", studyIds: [s.study.id] });
    const r = await authenticateApiRequest(apiRequest("/x", { token: ro.secret }), "write");
    expect((r as Response).status).toBe(403);
    expect((r as Response).headers.get("content-type")).toBe("application/problem+json");
    const ok = (await authenticateApiRequest(apiRequest("/x", { token: rw.secret }), "write")) as ApiCaller;
    expect(ok.token).toEqual({ id: rw.id, access: "read_write", studyIds: [s.study.id] });
    expect(ok.actor.email).toBe(RC20);
    expect(tokenAllowsStudy(ok, s.study.id)).toBe(true);
    expect(tokenAllowsStudy(ok, other)).toBe(false);
    expect(tokenAllowsStudy({ ...ok, token: null }, other)).toBe(true);
  });
});

describe("rate limit per token, counted in the database", () => {
  it("the request over the limit in a window is 429 with Retry-After; the next window opens again; other tokens are not affected", async () => {
    const t = await makeToken(RC20);
    const u = await makeToken(RC20);
    const at = new Date("2026-06-01T10:00:10Z");
    const call = (tok: string, now = at) => authenticateApiRequest(apiRequest("/studies", { token: tok }), "read", { rateLimit: 3, now });
    for (let i = 0; i < 3; i++) expect(await call(t.secret)).not.toBeInstanceOf(Response);
    const refused = (await call(t.secret)) as Response;
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("50");
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(await call(u.secret)).not.toBeInstanceOf(Response);
    expect(await call(t.secret, new Date("2026-06-01T10:01:00Z"))).not.toBeInstanceOf(Response);
    // One counter row per token and window; the old window is cleared when a new one opens.
    const rows = await h.db.select().from(apiTokenUsage).where(eq(apiTokenUsage.tokenId, t.id));
    expect(rows.map((r) => [r.windowStart.toISOString(), r.count])).toEqual([["2026-06-01T10:01:00.000Z", 1]]);
  });
});

describe("problem+json", () => {
  it("has the RFC 9457 members and content type, and headers apart from the body", async () => {
    const r = problem(429, "Too many", "wait", { headers: { "retry-after": 5 }, limit: 3 });
    expect(r.headers.get("content-type")).toBe("application/problem+json");
    expect(r.headers.get("retry-after")).toBe("5");
    expect(await r.json()).toEqual({ type: "about:blank", title: "Too many", status: 429, detail: "wait", limit: 3 });
  });
});

describe("a user who no longer exists for the API", () => {
  it("a token whose user was disabled is refused even though the token itself is fine", async () => {
    const t = await makeToken(RC20);
    await h.db.update(users).set({ disabled: true }).where(eq(users.email, RC20));
    const r = (await authenticateApiRequest(apiRequest("/x", { token: t.secret }), "read")) as Response;
    expect(r.status).toBe(401);
    await h.db.update(users).set({ disabled: false }).where(eq(users.email, RC20));
  });
});
