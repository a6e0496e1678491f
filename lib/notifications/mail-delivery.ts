import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import type { NotificationEntity, NotificationKind } from "@/lib/enums";
import { mailConfig } from "@/lib/notifications/mail-config";
import { mailMessage } from "@/lib/notifications/mail-message";
import { smtpTransport } from "@/lib/notifications/mail-transport";

/** Mails claimed per round trip. */
const BATCH = 20;
/** A claimed mail is not claimed again for this long (a sender that died mid-send leaves it to be retried). */
const LEASE_MINUTES = 10;
/** After this many failed attempts a mail is given up ("failed") and logged. */
export const MAX_MAIL_ATTEMPTS = 8;
/** Minutes before retry n (1, 2, 4 … 128): a mail server down for a couple of hours loses nothing. */
export const retryDelayMinutes = (attempts: number) => 2 ** Math.min(attempts - 1, 7);

type Claimed = {
  id: number;
  attempts: number;
  kind: NotificationKind;
  entityType: NotificationEntity;
  entityId: number;
  params: Record<string, unknown>;
  email: string;
  locale: string | null;
  disabled: boolean;
};

export type DeliveryReport = { sent: number; retrying: number; failed: number; skipped: number };

/**
 * Sends the outbox's due mails (committed rows only: whatever a transaction queued is invisible
 * here until it commits). Each mail is claimed under a lease with SKIP LOCKED, so several app
 * instances (PostgreSQL) or overlapping runs never send one twice; the address and language are
 * the recipient's at sending time; a disabled account's mail is skipped. A failure is recorded
 * on the row and retried later; it never touches the notification or the clinical change.
 */
export async function deliverMail(db?: Db): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  const config = mailConfig();
  if (!config) return report;
  const conn = db ?? (await getDb());
  for (;;) {
    const batch = await queryRows<Claimed>(
      conn,
      sql`with c as (
            update notification_mails m set attempts = m.attempts + 1, next_attempt_at = now() + make_interval(mins => ${LEASE_MINUTES}), updated_at = now()
            where m.id in (select id from notification_mails where status = 'pending' and next_attempt_at <= now()
                           order by next_attempt_at, id limit ${BATCH} for update skip locked)
            returning m.id, m.attempts, m.notification_id
          )
          select c.id, c.attempts, n.kind, n.entity_type as "entityType", n.entity_id as "entityId", n.params, u.email, u.locale, u.disabled
          from c join notifications n on n.id = c.notification_id join users u on u.id = n.user_id
          order by c.id`,
    );
    for (const m of batch) {
      if (m.disabled) {
        await settle(conn, m.id, "skipped", null);
        report.skipped++;
        continue;
      }
      const message = mailMessage({ kind: m.kind, entityType: m.entityType, entityId: Number(m.entityId), params: m.params }, m.locale, config.baseUrl);
      try {
        await smtpTransport(config.smtpUrl).sendMail({ from: config.from, to: m.email, subject: message.subject, text: message.text });
        await settle(conn, m.id, "sent", null);
        report.sent++;
      } catch (err) {
        const reason = err instanceof Error ? err.message.slice(0, 500) : "send failed";
        const attempts = Number(m.attempts);
        if (attempts >= MAX_MAIL_ATTEMPTS) {
          console.error(`[mail] notification mail ${m.id} given up after ${attempts} attempts: ${reason}`);
          await settle(conn, m.id, "failed", reason);
          report.failed++;
        } else {
          console.warn(`[mail] notification mail ${m.id} attempt ${attempts} failed, retrying in ${retryDelayMinutes(attempts)} min: ${reason}`);
          await settle(conn, m.id, "pending", reason, retryDelayMinutes(attempts));
          report.retrying++;
        }
      }
    }
    if (batch.length < BATCH) return report;
  }
}

async function settle(db: Db, id: number, status: "sent" | "failed" | "skipped" | "pending", error: string | null, retryInMinutes = 0): Promise<void> {
  await db.execute(sql`
    update notification_mails set status = ${status}::mail_status, last_error = ${error},
      sent_at = case when ${status} = 'sent' then now() end,
      next_attempt_at = case when ${status} = 'pending' then now() + make_interval(mins => ${retryInMinutes}) else next_attempt_at end,
      updated_at = now()
    where id = ${id}`);
}

/**
 * When the outbox is sent: shortly after something was queued (the delay lets the queuing
 * transaction commit first), and every TICK_MS while e-mail is on (retries; mail left by a
 * previous run of the process). Runs never overlap within a process; across processes the lease
 * keeps them apart.
 */
const WAKE_DELAY_MS = 300;
const TICK_MS = 30_000;

type MailerState = { timer?: NodeJS.Timeout; tick?: NodeJS.Timeout; running?: Promise<void>; again?: boolean };
const g = globalThis as { __ncrcMailer?: MailerState };

export function wakeMailer(): void {
  if (!mailConfig()) return;
  const s = (g.__ncrcMailer ??= {});
  if (!s.tick) {
    s.tick = setInterval(() => void flushMail(), TICK_MS);
    s.tick.unref();
  }
  if (s.timer) return;
  s.timer = setTimeout(() => {
    s.timer = undefined;
    void flushMail();
  }, WAKE_DELAY_MS);
  s.timer.unref();
}

/** Sends every due mail now; joins a run in progress (and runs once more after it). */
export function flushMail(): Promise<void> {
  const s = (g.__ncrcMailer ??= {});
  if (s.running) {
    s.again = true;
    return s.running;
  }
  const run = (async () => {
    do {
      s.again = false;
      try {
        await deliverMail();
      } catch (err) {
        console.error("[mail] delivery run failed", err);
      }
    } while (s.again);
  })();
  s.running = run.finally(() => {
    s.running = undefined;
  });
  return s.running;
}

/** Stops the timers and waits for a run in progress (tests and shutdown). */
export async function stopMailer(): Promise<void> {
  const s = g.__ncrcMailer;
  if (!s) return;
  clearTimeout(s.timer);
  clearInterval(s.tick);
  s.timer = s.tick = undefined;
  await s.running;
}
