import { zoneRecount } from "@/lib/time/zone-recount";

/*
 * The completion figures (crf_completion_facts) count days from visit to entry in network days,
 * in the zone stored in crf_completion_settings; the first completion read of the process
 * recounts them all (crf_completion_rebuild) when NETWORK_TIME_ZONE names another zone
 * (lib/time/zone-recount.ts).
 */
const completion = zoneRecount("crf_completion_settings", "crf_completion_rebuild");

export const ensureCompletionZone = completion.ensure;

/** Recounts the completion figures when they were counted in another zone than NETWORK_TIME_ZONE (not memoized). */
export const syncCompletionZone = completion.sync;
