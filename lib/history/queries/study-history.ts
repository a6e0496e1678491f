import "server-only";
import { emptyHistory, HISTORY_PAGE_SIZE, pagedHistory } from "@/lib/history/paged-history";
import { studyHistoryScope } from "@/lib/history/scope";
import { defineQuery } from "@/lib/reads/define-query";

/**
 * One study's change history, newest first, one page: the study's own events for everyone who
 * sees the study, participant-level events only through the participant scope (none for viewers).
 */
export const listStudyHistory = defineQuery({
  permission: "study.read",
  run: async (actor, studyId: number, page: number, pageSize: number = HISTORY_PAGE_SIZE) => pagedHistory(studyHistoryScope(actor, studyId), page, pageSize),
  otherwise: (_studyId: number, page: number, pageSize: number = HISTORY_PAGE_SIZE) => emptyHistory(page, pageSize),
});
