import { getDb } from "@/db/client";
import { announceDueStudies } from "@/lib/molecular/match-notices";

/** How often one process looks again for recruiting studies not yet announced (a study's status changes rarely). */
export const MATCH_SWEEP_EVERY_MS = 60_000;

const g = globalThis as { __ncrcMatchSweep?: { at: number; running?: Promise<void> } };

/**
 * Announces the matches of recruiting biomarker studies not yet announced (lib/molecular/match-notices.ts
 * announceDueStudies) unless this process looked in the last MATCH_SWEEP_EVERY_MS; a page that calls
 * it while a run is going waits for that run. A failure is logged and never breaks the page.
 */
export async function sweepMatchNotices(now: Date = new Date()): Promise<void> {
  const s = (g.__ncrcMatchSweep ??= { at: 0 });
  if (s.running) return s.running;
  if (now.getTime() - s.at < MATCH_SWEEP_EVERY_MS) return;
  s.at = now.getTime();
  s.running = (async () => {
    try {
      await announceDueStudies(await getDb());
    } catch (err) {
      console.error("[molecular] match-notice sweep failed", err);
    }
  })().finally(() => {
    s.running = undefined;
  });
  return s.running;
}
