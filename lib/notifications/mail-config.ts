/** E-mail delivery settings: SMTP_URL and MAIL_FROM both set turn it on; links point at NEXTAUTH_URL. */
export type MailConfig = { smtpUrl: string; from: string; baseUrl: string };

const g = globalThis as { __ncrcMailFromWarned?: boolean };

/**
 * The mail settings of this process, or null when e-mail is off (no SMTP_URL). SMTP_URL without
 * MAIL_FROM is a configuration mistake: said once in the log, and no mail is queued.
 */
export function mailConfig(env: Record<string, string | undefined> = process.env): MailConfig | null {
  const smtpUrl = env.SMTP_URL?.trim();
  if (!smtpUrl) return null;
  const from = env.MAIL_FROM?.trim();
  if (!from) {
    if (!g.__ncrcMailFromWarned) console.error("[mail] SMTP_URL is set but MAIL_FROM is not: e-mail notifications are off");
    g.__ncrcMailFromWarned = true;
    return null;
  }
  const baseUrl = (env.NEXTAUTH_URL?.trim() || `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, "");
  return { smtpUrl, from, baseUrl };
}
