import { zoneRecount } from "@/lib/time/zone-recount";

/*
 * The facts count timestamps (queries raised and closed, specimens collected) in network days,
 * in the zone stored in metric_settings; the first dashboard read of the process recounts them
 * all (metric_rebuild) when NETWORK_TIME_ZONE names another zone (lib/time/zone-recount.ts).
 */
const facts = zoneRecount("metric_settings", "metric_rebuild");

export const ensureFactsZone = facts.ensure;

/** Recounts the facts when they were counted in another zone than NETWORK_TIME_ZONE (not memoized). */
export const syncFactsZone = facts.sync;
