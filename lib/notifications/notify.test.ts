import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows, type Db } from "@/db/client";
import { users } from "@/db/schema";
import { stopMailer } from "@/lib/notifications/mail-delivery";
import { notify, type Notice } from "@/lib/notifications/notify";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";

const h = await setupTestDb();
let ids: Record<string, number> = {};
const notice = (over: Partial<Notice> = {}): Notice => ({
  kind: "query_raised",
  recipients: [ids.rc1, ids.rc20],
  studyId: null,
  participantId: null,
  entityType: "query",
  entityId: 900,
  params: { subjectCode: "X-1" },
  ...over,
});
const inTx = <T>(run: (tx: Db) => Promise<T>) => h.db.transaction((tx) => run(tx as Db));

beforeAll(async () => {
  const base = await seedBase(h.db);
  ids = { rc1: base.user("staff.rc1@ncrc.demo").id, rc20: base.user("staff.rc20@ncrc.demo").id, pi: base.user("pi@ncrc.demo").id };
});

afterAll(async () => {
  await stopMailer();
  vi.unstubAllEnvs();
});

describe("notify", () => {
  it("writes one notification per event and person: repeats, duplicates, the actor and disabled accounts are skipped", async () => {
    expect(await inTx((tx) => notify(tx, [notice({ recipients: [ids.rc1, ids.rc1, ids.rc20, ids.pi] })], { except: ids.pi }))).toBe(2);
    expect(await inTx((tx) => notify(tx, [notice(), notice()]))).toBe(0);
    // Another occurrence of the same kind on the same record is a new event.
    expect(await inTx((tx) => notify(tx, [notice({ occurrence: 2 })]))).toBe(2);
    await h.db.update(users).set({ disabled: true }).where(eq(users.id, ids.rc20));
    expect(await inTx((tx) => notify(tx, [notice({ entityId: 901 })]))).toBe(1);
    await h.db.update(users).set({ disabled: false }).where(eq(users.id, ids.rc20));
    expect(await inTx((tx) => notify(tx, [notice({ entityId: 902, recipients: [] })]))).toBe(0);
  });

  it("rolls back with the transaction that wrote it", async () => {
    const before = await countRows(h.db, ["notifications"]);
    await expect(
      inTx(async (tx) => {
        await notify(tx, [notice({ entityId: 903 })]);
        throw new Error("the clinical change failed");
      }),
    ).rejects.toThrow("the clinical change failed");
    expect(await countRows(h.db, ["notifications"])).toEqual(before);
  });

  it("queues one e-mail per new notification only when e-mail is configured", async () => {
    expect((await countRows(h.db, ["notification_mails"])).notification_mails).toBe(0);
    vi.stubEnv("SMTP_URL", "smtp://127.0.0.1:9");
    vi.stubEnv("MAIL_FROM", "portal@example.org");
    expect(await inTx((tx) => notify(tx, [notice({ entityId: 904 })]))).toBe(2);
    expect(await inTx((tx) => notify(tx, [notice({ entityId: 904 })]))).toBe(0);
    await stopMailer();
    const queued = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from notification_mails m join notifications n on n.id = m.notification_id where n.entity_id = 904 and m.status = 'pending'`);
    expect(Number(queued[0].n)).toBe(2);
  });
});
