import { researchArea, studyPhase, studyStatus, type ResearchArea, type StudyPhase, type StudyStatus } from "@/db/schema";

/** The study list's filters, as the URL carries them. */
export type StudyFilters = { q: string; status: StudyStatus | ""; area: ResearchArea | ""; phase: StudyPhase | ""; page: number };

function oneOf<T extends string>(values: readonly T[], v: string | undefined): T | "" {
  return v && (values as readonly string[]).includes(v) ? (v as T) : "";
}

export function parseStudyFilters(sp: Record<string, string | undefined>, page: number): StudyFilters {
  return {
    q: (sp.q ?? "").trim().slice(0, 100),
    status: oneOf(studyStatus.enumValues, sp.status),
    area: oneOf(researchArea.enumValues, sp.area),
    phase: oneOf(studyPhase.enumValues, sp.phase),
    page,
  };
}

export const STUDY_PAGE_SIZE = 20;
