import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";

/**
 * The note a study's pages show to someone who does not manage the study (studies.overview.*).
 * Site staff screen, enrol and follow up participants on these very pages, so they are told
 * where their work is rather than that the study is read-only; everyone else is told who
 * manages it. Managers (the study's PI, a network admin) get no note.
 */
export function studyAccessNote(actor: Pick<Actor, "role">, access: { manage: boolean }): "readOnlySiteWork" | "readOnly" | null {
  if (access.manage) return null;
  return can(actor, "participant.screen") || can(actor, "followup.record") ? "readOnlySiteWork" : "readOnly";
}
