import type { NotificationEntity } from "@/lib/enums";

/**
 * Where a notification opens: the query's thread, the participant's record in follow-up, or (a
 * study-level notice: new biomarker matches at a site) the study's match page.
 * The page passes the subject code only when the reader may still open the participant (scope
 * can change after a notice was sent); an e-mail passes the stored one and the page it opens
 * checks the reader's scope. Null when there is nowhere to go.
 */
export function notificationHref(entityType: NotificationEntity, entityId: number, subjectCode: string | null | undefined, studyCode?: string | null): string | null {
  if (entityType === "study") return studyCode ? `/studies/${encodeURIComponent(studyCode)}/biomarker-matches` : null;
  if (!subjectCode) return null;
  const subject = `/follow-up/${encodeURIComponent(subjectCode)}`;
  switch (entityType) {
    case "query":
      return `/follow-up/queries/${entityId}`;
    case "adverse_event":
      return `${subject}/ae/${entityId}`;
    case "visit":
      return `${subject}/visits/${entityId}`;
    case "participant":
      return subject;
  }
}
