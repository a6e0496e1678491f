import nodemailer, { type Transporter } from "nodemailer";

const g = globalThis as { __ncrcSmtp?: { url: string; transport: Transporter } };

/** Time limits unless the URL sets its own (nodemailer waits up to minutes by default). */
const DEFAULT_LIMITS: Record<string, string> = { connectionTimeout: "15000", greetingTimeout: "15000", socketTimeout: "30000" };

/**
 * The SMTP transport for a URL (smtp://user:pass@host:587, smtps://… for TLS from the start;
 * nodemailer options may ride as query parameters), made once per process and URL.
 */
export function smtpTransport(smtpUrl: string): Transporter {
  if (g.__ncrcSmtp?.url === smtpUrl) return g.__ncrcSmtp.transport;
  const url = new URL(smtpUrl);
  for (const [k, v] of Object.entries(DEFAULT_LIMITS)) if (!url.searchParams.has(k)) url.searchParams.set(k, v);
  g.__ncrcSmtp?.transport.close();
  const transport = nodemailer.createTransport(url.toString());
  g.__ncrcSmtp = { url: smtpUrl, transport };
  return transport;
}
