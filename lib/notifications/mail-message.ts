import type { NotificationEntity, NotificationKind } from "@/lib/enums";
import { translate } from "@/lib/i18n/translate";
import { notificationHref } from "@/lib/notifications/links";

export type MailSource = { kind: NotificationKind; entityType: NotificationEntity; entityId: number; params: Record<string, unknown> };
export type MailMessage = { subject: string; text: string };

/**
 * The e-mail of one notification, in the recipient's language. Pseudonymous by construction: it
 * reads nothing from the notice but the subject code (or a study-level notice's study code) and the record's number (no AE term, no
 * query text, no values); what happened is said in fixed words, the details are behind a link
 * to the portal, where the reader's scope decides what they see.
 */
export function mailMessage(n: MailSource, locale: string | null, baseUrl: string): MailMessage {
  const subjectCode = typeof n.params.subjectCode === "string" ? n.params.subjectCode : "";
  // A study-level notice (new biomarker matches at a site) names the study only.
  const studyCode = n.entityType === "study" && typeof n.params.studyCode === "string" ? n.params.studyCode : "";
  const words = { subject: subjectCode, id: n.entityId, study: studyCode };
  const href = notificationHref(n.entityType, n.entityId, subjectCode, studyCode);
  const url = `${baseUrl}${href ?? "/notifications"}`;
  const key = `followup.notifications.mail.${n.kind}`;
  return {
    subject: translate(locale, `${key}.subject`, words),
    text: `${translate(locale, `${key}.body`, words)}\n\n${translate(locale, "followup.notifications.mail.footer", { url })}\n`,
  };
}
