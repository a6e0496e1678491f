import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { users } from "@/db/schema";
import type { AnyCommand } from "@/lib/actions/define-command";
import type { NetworkRole } from "@/lib/enums";
import { NETWORK_ROLES } from "@/lib/enums";
import { translate } from "@/lib/i18n/translate";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { runCommand } from "@/lib/testing/run-command";
import { changeOwnPasswordCommand } from "@/lib/users/commands/change-own-password";
import { changeRoleCommand } from "@/lib/users/commands/change-role";
import { createUserCommand } from "@/lib/users/commands/create-user";
import { issuePasswordResetCommand } from "@/lib/users/commands/issue-password-reset";
import { setUserDisabledCommand } from "@/lib/users/commands/set-user-disabled";

// user_sessions is left out: runCommand signs the actor in (a session row) on first use.
const TABLES = ["users", "password_resets", "audit_events"];
let h: Awaited<ReturnType<typeof setupTestDb>>;
let fx: Awaited<ReturnType<typeof seedBase>>;
let hash: string;

beforeAll(async () => {
  h = await setupTestDb();
  fx = await seedBase(h.db);
  hash = fx.user("admin@ncrc.demo").passwordHash;
});

type Where = "own" | "below" | "above" | "elsewhere";
const Y = true;
const N = false;

/**
 * Who may manage whom: [own centre, a centre below, a centre above, a centre elsewhere] for each
 * target role. A coordinator manages the centre-bound roles (site staff, biobank manager) in
 * their subtree and coordinators strictly below; PIs, monitors (reach = their studies), viewers
 * and network administrators (the network) only a network administrator manages.
 */
const COORDINATOR: Record<NetworkRole, [own: boolean, below: boolean, above: boolean, elsewhere: boolean]> = {
  network_admin: [N, N, N, N],
  centre_coordinator: [N, Y, N, N],
  pi: [N, N, N, N],
  site_staff: [Y, Y, N, N],
  monitor: [N, N, N, N],
  biobank_manager: [Y, Y, N, N],
  viewer: [N, N, N, N],
  molecular_lab: [Y, Y, N, N],
};
const ALL = Object.fromEntries(NETWORK_ROLES.map((r) => [r, [Y, Y, Y, Y]])) as typeof COORDINATOR;
const NONE = Object.fromEntries(NETWORK_ROLES.map((r) => [r, [N, N, N, N]])) as typeof COORDINATOR;
const WHERE: Where[] = ["own", "below", "above", "elsewhere"];

/** Each actor, the centres that stand in each relation to theirs, and what they may do there. */
const ACTORS: { email: string; centres: Partial<Record<Where, string>>; table: typeof COORDINATOR }[] = [
  { email: "admin@ncrc.demo", centres: { own: "TJ01", below: "R01G1" }, table: ALL },
  { email: "coord.rc1@ncrc.demo", centres: { own: "R01", below: "R01G1", above: "SC01", elsewhere: "R20" }, table: COORDINATOR },
  { email: "coord.sc1@ncrc.demo", centres: { own: "SC01", below: "R01", above: "TJ01", elsewhere: "R20" }, table: COORDINATOR },
  // Roles without user.manage (their home centres as in the demo accounts).
  ...(
    [
      ["pi@ncrc.demo", "TJ01"],
      ["staff.rc1@ncrc.demo", "R01"],
      ["monitor@ncrc.demo", "TJ01"],
      ["biobank@ncrc.demo", "TJ01"],
      ["viewer@ncrc.demo", "TJ01"],
    ] as const
  ).map(([email, own]) => ({ email, centres: { own, below: "R01G1", elsewhere: "R20" }, table: NONE })),
];

const cases = () =>
  ACTORS.flatMap((a) =>
    NETWORK_ROLES.flatMap((role) =>
      WHERE.filter((w) => a.centres[w]).map((w) => ({ actor: a.email, role, where: w, centre: a.centres[w]!, allowed: a.table[role][WHERE.indexOf(w)] })),
    ),
  );

let n = 0;
/** A fresh account for one case (a direct insert: the cases must not disturb one another). */
async function target(role: NetworkRole, centre: string) {
  n += 1;
  const [u] = await h.db.insert(users).values({ email: `t${n}.${role}@who.test`, name: `Target ${n}`, role, centreId: fx.org(centre).id, passwordHash: hash }).returning();
  return u;
}

async function snapshot(id: number) {
  const [u] = await h.db.select().from(users).where(eq(users.id, id));
  return { u, counts: await countRows(h.db, TABLES) };
}

/** Runs `command` and checks the outcome: allowed writes; refused changes neither the account nor any table. */
async function attempt(actor: string, command: AnyCommand, input: Record<string, unknown>, targetId: number, allowed: boolean) {
  const before = await snapshot(targetId);
  const res = await runCommand(actor, command, input);
  if (allowed) {
    expect(res, `${actor} ${command.name} should be allowed`).toMatchObject({ ok: true });
  } else {
    expect(res.ok, `${actor} ${command.name} should be refused`).toBe(false);
    expect(await snapshot(targetId)).toEqual(before);
    if (!res.ok) expect(res.message).not.toBe(translate(null, "errors.unexpected"));
  }
  return res;
}

describe("who may manage whom (actor × target role × where the target's home is)", () => {
  beforeAll(() => {
    // The table has every combination that exists for each actor.
    const roles = NETWORK_ROLES.length;
    expect(cases().length).toBe(roles * 2 + 2 * roles * 4 + 5 * roles * 3);
  });

  it.each(["admin@ncrc.demo", "coord.rc1@ncrc.demo", "coord.sc1@ncrc.demo", "pi@ncrc.demo", "staff.rc1@ncrc.demo", "monitor@ncrc.demo", "biobank@ncrc.demo", "viewer@ncrc.demo"])(
    "%s: reset link, role change and disabling are allowed exactly as the table says",
    async (actor) => {
      for (const c of cases().filter((x) => x.actor === actor)) {
        const label = `${c.role} at ${c.where} (${c.centre})`;
        const reset = await target(c.role, c.centre);
        const r = await attempt(actor, issuePasswordResetCommand, { userId: reset.id }, reset.id, c.allowed);
        if (c.allowed) {
          const after = (await snapshot(reset.id)).u;
          expect(after.passwordHash, label).not.toBe(reset.passwordHash);
          expect(after.sessionVersion, label).toBe(reset.sessionVersion + 1);
          expect(r.ok && (r.data as { token: string }).token, label).toMatch(/^[A-Za-z0-9_-]{43}$/);
        }
        const role = await target(c.role, c.centre);
        // A different role the actor could give there (or, when refused, a plausible one).
        const to: NetworkRole = c.role === "site_staff" ? "biobank_manager" : "site_staff";
        await attempt(actor, changeRoleCommand, { userId: role.id, role: to }, role.id, c.allowed);
        const off = await target(c.role, c.centre);
        await attempt(actor, setUserDisabledCommand, { userId: off.id, disabled: true, reason: "left" }, off.id, c.allowed);
        if (c.allowed) expect((await snapshot(off.id)).u.disabled, label).toBe(true);
      }
    },
    // Dozens of commands (and password hashes) per actor: a loaded machine is slow, the code is not.
    300_000,
  );

  it.each(["admin@ncrc.demo", "coord.rc1@ncrc.demo", "coord.sc1@ncrc.demo", "pi@ncrc.demo", "staff.rc1@ncrc.demo", "viewer@ncrc.demo"])(
    "%s: creates an account with a role at a centre exactly as the table says",
    async (actor) => {
      for (const c of cases().filter((x) => x.actor === actor)) {
        n += 1;
        const email = `new${n}@who.test`;
        const before = await countRows(h.db, TABLES);
        const res = await runCommand(actor, createUserCommand, { email, name: `New ${n}`, role: c.role, centreId: fx.org(c.centre).id, password: "temporary-pw-1" });
        expect(res.ok, `${actor} creating ${c.role} at ${c.where}`).toBe(c.allowed);
        const rows = await h.db.select().from(users).where(eq(users.email, email));
        expect(rows.length, `${actor} creating ${c.role} at ${c.where}`).toBe(c.allowed ? 1 : 0);
        if (!c.allowed) expect(await countRows(h.db, TABLES)).toEqual(before);
      }
    },
    300_000,
  );

  it("a coordinator changes a role only to one whose reach stays in their subtree", async () => {
    const staff = await target("site_staff", "R01G1");
    for (const to of ["pi", "monitor", "viewer", "network_admin"] as const) {
      const res = await attempt("coord.rc1@ncrc.demo", changeRoleCommand, { userId: staff.id, role: to }, staff.id, false);
      expect(res.ok ? null : res.fieldErrors?.role).toEqual([translate(null, "users.errors.roleNotGrantable")]);
    }
    // A coordinator at their own centre would be a peer: refused; one centre below: allowed.
    const atOwn = await target("site_staff", "R01");
    await attempt("coord.rc1@ncrc.demo", changeRoleCommand, { userId: atOwn.id, role: "centre_coordinator" }, atOwn.id, false);
    await attempt("coord.rc1@ncrc.demo", changeRoleCommand, { userId: staff.id, role: "centre_coordinator" }, staff.id, true);
  });
});

describe("repro: a coordinator cannot take over a PI's account", () => {
  it("admin creates a coordinator and a PI at R11; the coordinator's reset, role change and disabling of the PI are refused, nothing written", async () => {
    const make = async (email: string, role: NetworkRole) => {
      const res = await runCommand("admin@ncrc.demo", createUserCommand, { email, name: email, role, centreId: fx.org("R11").id, password: "temporary-pw-1" });
      expect(res.ok).toBe(true);
      return (await h.db.select().from(users).where(eq(users.email, email)))[0];
    };
    const coord = await make("coord.r11@ncrc.test", "centre_coordinator");
    const pi = await make("pi.r11@ncrc.test", "pi");
    // The new coordinator first replaces the temporary password (nothing else is open to them).
    expect((await runCommand("coord.r11@ncrc.test", issuePasswordResetCommand, { userId: pi.id })).ok).toBe(false);
    expect(await runCommand("coord.r11@ncrc.test", changeOwnPasswordCommand, { currentPassword: "temporary-pw-1", password: "coordinators-own-1", confirm: "coordinators-own-1" })).toMatchObject({ ok: true });

    for (const [command, input] of [
      [issuePasswordResetCommand, { userId: pi.id }],
      [changeRoleCommand, { userId: pi.id, role: "site_staff" }],
      [setUserDisabledCommand, { userId: pi.id, disabled: true, reason: "takeover" }],
    ] as const) {
      const res = await attempt("coord.r11@ncrc.test", command, input, pi.id, false);
      expect(res.ok ? "" : res.message).toBe(translate(null, "errors.notFound"));
    }
    const [open] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from password_resets where user_id = ${pi.id}`);
    expect(Number(open.n)).toBe(0);
    // The same coordinator does manage site staff at R11.
    const staff = await target("site_staff", "R11");
    await attempt("coord.r11@ncrc.test", issuePasswordResetCommand, { userId: staff.id }, staff.id, true);
    expect(coord.passwordChangeRequired).toBe(true);
  });
});
