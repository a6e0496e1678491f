import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { queryRows } from "@/db/client";
import { dataQueries, notificationMails, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { flushMail, stopMailer } from "@/lib/notifications/mail-delivery";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { createFollowupStudy } from "@/lib/testing/followup-study";
import { expectOk } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { startSmtpCapture, type SmtpCapture } from "@/lib/testing/smtp-capture";
import { addDays, networkToday, toNetworkLocal } from "@/lib/time/network-day";
import { addAeCommand } from "@/lib/followup/commands/add-ae";
import { raiseQueryCommand } from "@/lib/followup/commands/raise-query";
import { recordVisitCommand } from "@/lib/followup/commands/record-visit";

const h = await setupTestDb();
const [RC1, RC1_EN, MONITOR, PI, ADMIN] = ["staff.rc1@ncrc.demo", "staff.rc1b@ncrc.demo", "monitor@ncrc.demo", "pi@ncrc.demo", "admin@ncrc.demo"];
const PORTAL = "https://portal.example.org";
const FROM = "NCRC Portal <no-reply@portal.example.org>";
const QUESTION = "Clinic notes say ECOG 3 after the fall";
let smtp: SmtpCapture;
let s: Awaited<ReturnType<typeof createFollowupStudy>>;
const targets: ["visit" | "participant", string][] = [["visit", "visitDate"], ["visit", "status"], ["visit", "missedReason"], ["participant", "yearOfBirth"]];
let visitId = 0;
const raise = async () => {
  const [entityType, field] = targets.shift()!;
  return expectOk(await runCommand(MONITOR, raiseQueryCommand, { entityType, entityId: entityType === "visit" ? visitId : s.atR01.id, field, question: QUESTION })).id;
};
const outbox = async (queryId: number) =>
  queryRows<{ status: string; attempts: number; lastError: string | null; email: string }>(
    h.db,
    sql`select m.status, m.attempts, m.last_error as "lastError", u.email from notification_mails m join notifications n on n.id = m.notification_id
        join users u on u.id = n.user_id where n.entity_type = 'query' and n.entity_id = ${queryId}`,
  ).then((rows) => rows.sort((a, b) => (a.email < b.email ? -1 : 1)));

beforeAll(async () => {
  smtp = await startSmtpCapture();
  vi.stubEnv("SMTP_URL", smtp.url);
  vi.stubEnv("MAIL_FROM", FROM);
  vi.stubEnv("NEXTAUTH_URL", `${PORTAL}/`);
  const base = await seedBase(h.db);
  await h.db.insert(users).values({ email: RC1_EN, name: "Staff RC1 (English)", role: "site_staff", centreId: base.org("R01").id, passwordHash: await hashPassword("x-Passw0rd!!"), locale: "en" });
  s = await createFollowupStudy(h.db, "ML-1", { enrolledOn: addDays(networkToday(), -5), monitor: MONITOR });
  const [bl] = await queryRows<{ id: number }>(h.db, sql`select v.id from participant_visits v join visit_definitions d on d.id = v.visit_definition_id where v.participant_id = ${s.atR01.id} and d.code = 'BL'`);
  visitId = Number(bl.id);
  expectOk(await runCommand(RC1, recordVisitCommand, { visitId, status: "done", visitDate: addDays(networkToday(), -4) }));
});

afterAll(async () => {
  await stopMailer();
  await smtp.close();
  vi.unstubAllEnvs();
});

beforeEach(async () => {
  await flushMail();
  smtp.mails.length = 0;
  smtp.refuse = false;
});

describe("e-mail of notifications", () => {
  it("sends a raised query to the site's staff, one e-mail each, in each one's language, pseudonymous", async () => {
    const queryId = await raise();
    await flushMail();
    expect(smtp.mails.map((m) => m.to).sort()).toEqual([[RC1], [RC1_EN]]);
    const zh = smtp.mails.find((m) => m.to[0] === RC1)!;
    const en = smtp.mails.find((m) => m.to[0] === RC1_EN)!;
    const link = `${PORTAL}/follow-up/queries/${queryId}`;
    expect(zh.subject).toBe(`【NCRC】新的数据质疑 #${queryId}：${s.atR01.subjectCode}`);
    expect(en.subject).toBe(`[NCRC] New query #${queryId}: ${s.atR01.subjectCode}`);
    for (const m of [zh, en]) {
      expect(m.headers.from).toContain("no-reply@portal.example.org");
      expect(m.text).toContain(link);
      expect(m.text).toContain(s.atR01.subjectCode);
      // Nothing clinical: not the question, not the field, not the values.
      expect(`${m.subject}\n${m.text}\n${m.raw}`).not.toMatch(/ECOG|fall|体能/i);
    }
    expect(zh.text).toContain("请贵中心答复");
    expect(en.text).toContain("Your site is asked to answer it");
    expect((await outbox(queryId)).map((r) => [r.email, r.status, r.attempts])).toEqual([
      [RC1, "sent", 1],
      [RC1_EN, "sent", 1],
    ]);
    // Delivered once: running the sender again sends nothing more.
    await flushMail();
    expect(smtp.mails).toHaveLength(2);
  });

  it("sends an SAE report to the PI and the hub without the event's term or grade", async () => {
    const aware = toNetworkLocal(new Date(Date.now() - 3600_000));
    const ae = { participantId: s.atR01.id, term: "Stevens-Johnson syndrome", category: "skin", grade: "4", onsetOn: addDays(networkToday(), -1), endedOn: "", seriousCriteria: ["life_threatening"], relatedness: "probable", actionTaken: "withdrawn", outcome: "recovering", awareAt: aware };
    const id = expectOk(await runCommand(RC1, addAeCommand, ae)).id;
    await flushMail();
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual([ADMIN, PI]);
    for (const m of smtp.mails) {
      expect(m.text).toContain(`${PORTAL}/follow-up/${s.atR01.subjectCode}/ae/${id}`);
      expect(`${m.subject}\n${m.text}\n${m.raw}`).not.toMatch(/Stevens|Johnson|grade|级/i);
    }
  });

  it("never rolls back the change when the mail server refuses: the mail is retried later", async () => {
    smtp.refuse = true;
    const queryId = await raise();
    const [q] = await h.db.select().from(dataQueries).where(eq(dataQueries.id, queryId));
    expect(q.status).toBe("open");
    await flushMail();
    expect(smtp.mails).toEqual([]);
    const pending = await outbox(queryId);
    expect(pending.map((r) => [r.status, r.attempts])).toEqual([
      ["pending", 1],
      ["pending", 1],
    ]);
    expect(pending[0].lastError).toMatch(/550/);
    // Not retried before its time...
    smtp.refuse = false;
    await flushMail();
    expect(smtp.mails).toEqual([]);
    // ...and sent once it is due.
    await h.db.update(notificationMails).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(notificationMails.status, "pending"));
    await flushMail();
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual([RC1, RC1_EN]);
    expect((await outbox(queryId)).map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ["sent", 2, null],
      ["sent", 2, null],
    ]);
  });

  it("skips a recipient disabled before the mail went out, and queues nothing when e-mail is off", async () => {
    smtp.refuse = true;
    const queryId = await raise();
    await flushMail();
    await h.db.update(users).set({ disabled: true }).where(eq(users.email, RC1_EN));
    smtp.refuse = false;
    await h.db.update(notificationMails).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(notificationMails.status, "pending"));
    await flushMail();
    expect(smtp.mails.map((m) => m.to[0])).toEqual([RC1]);
    expect((await outbox(queryId)).map((r) => [r.email, r.status])).toEqual([
      [RC1, "sent"],
      [RC1_EN, "skipped"],
    ]);
    await h.db.update(users).set({ disabled: false }).where(eq(users.email, RC1_EN));

    vi.stubEnv("SMTP_URL", "");
    try {
      const before = await countRows(h.db, ["notifications", "notification_mails"]);
      await raise();
      const after = await countRows(h.db, ["notifications", "notification_mails"]);
      expect([after.notifications - before.notifications, after.notification_mails - before.notification_mails]).toEqual([2, 0]);
    } finally {
      vi.stubEnv("SMTP_URL", smtp.url);
    }
  });
});
