import type { StudySiteStatus, StudyStatus } from "@/db/schema";

/** The only moves a study may make: draft → ethics review → recruiting ⇄ suspended → closed to accrual → completed. */
const STUDY_TRANSITIONS: Record<StudyStatus, readonly StudyStatus[]> = {
  draft: ["ethics_review"],
  ethics_review: ["recruiting"],
  recruiting: ["suspended", "closed_to_accrual"],
  suspended: ["recruiting", "closed_to_accrual"],
  closed_to_accrual: ["completed"],
  completed: [],
};

export function nextStudyStatuses(from: StudyStatus): readonly StudyStatus[] {
  return STUDY_TRANSITIONS[from];
}

export function canMoveStudy(from: StudyStatus, to: StudyStatus): boolean {
  return STUDY_TRANSITIONS[from].includes(to);
}

/**
 * Moves that stop accrual (suspend, close, complete): a status form never pre-selects one, and
 * the command refuses it without an explicit confirmation beside the reason.
 */
export function stopsStudy(to: StudyStatus): boolean {
  return to === "suspended" || to === "closed_to_accrual" || to === "completed";
}

/**
 * Once a study is past draft and ethics review, anything that changes how data are collected
 * (arms, ratio, criteria, stratification, consent versions, targets) is a protocol amendment.
 */
export function protocolChangesNeedAmendment(status: StudyStatus): boolean {
  return status !== "draft" && status !== "ethics_review";
}

/** Randomization settings (design, blinding, method, site as stratum) are fixed once recruiting has started. */
export function designIsFixed(status: StudyStatus): boolean {
  return protocolChangesNeedAmendment(status);
}

/** A study closed to accrual or completed is read-only apart from its last transition. */
export function studyIsClosed(status: StudyStatus): boolean {
  return status === "closed_to_accrual" || status === "completed";
}

const SITE_TRANSITIONS: Record<StudySiteStatus, readonly StudySiteStatus[]> = {
  pending: ["active", "closed"],
  active: ["suspended", "closed"],
  suspended: ["active", "closed"],
  closed: [],
};

export function nextSiteStatuses(from: StudySiteStatus): readonly StudySiteStatus[] {
  return SITE_TRANSITIONS[from];
}

export function canMoveSite(from: StudySiteStatus, to: StudySiteStatus): boolean {
  return SITE_TRANSITIONS[from].includes(to);
}

/** The same for a site: suspending or closing it stops enrolment there. */
export function stopsSite(to: StudySiteStatus): boolean {
  return to === "suspended" || to === "closed";
}
